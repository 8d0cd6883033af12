import { lazy } from 'react'
import FormIcon from '@mui/icons-material/Ballot'

// Each screen downloads when first opened.
const FormList = lazy(() => import('./FormList'))
const FormShow = lazy(() => import('./FormShow'))
const FormEdit = lazy(() => import('./FormForm').then((m) => ({ default: m.FormEdit })))
const FormCreate = lazy(() => import('./FormForm').then((m) => ({ default: m.FormCreate })))

export default {
  list: FormList,
  show: FormShow,
  edit: FormEdit,
  create: FormCreate,
  icon: FormIcon,
  recordRepresentation: 'title',
}
