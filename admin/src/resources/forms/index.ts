import FormIcon from '@mui/icons-material/Ballot'
import { lazyScreen } from '../../lib/preloadable'

// Each screen downloads when first opened.
const FormList = lazyScreen(() => import('./FormList'))
const FormShow = lazyScreen(() => import('./FormShow'))
const FormEdit = lazyScreen(() => import('./FormForm').then((m) => ({ default: m.FormEdit })))
const FormCreate = lazyScreen(() => import('./FormForm').then((m) => ({ default: m.FormCreate })))

export default {
  list: FormList,
  show: FormShow,
  edit: FormEdit,
  create: FormCreate,
  icon: FormIcon,
  recordRepresentation: 'title',
}
