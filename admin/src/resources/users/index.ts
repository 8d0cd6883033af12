import { lazy } from 'react'
import PeopleIcon from '@mui/icons-material/People'

const UserList = lazy(() => import('./UserList'))
const UserEdit = lazy(() => import('./UserForm').then((m) => ({ default: m.UserEdit })))
const UserCreate = lazy(() => import('./UserForm').then((m) => ({ default: m.UserCreate })))

export default {
  list: UserList,
  edit: UserEdit,
  create: UserCreate,
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
}
