import PeopleIcon from '@mui/icons-material/People'
import { lazyScreen } from '../../lib/preloadable'

const UserList = lazyScreen(() => import('./UserList'))
const UserEdit = lazyScreen(() => import('./UserForm').then((m) => ({ default: m.UserEdit })))
const UserCreate = lazyScreen(() => import('./UserForm').then((m) => ({ default: m.UserCreate })))

export default {
  list: UserList,
  edit: UserEdit,
  create: UserCreate,
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
}
