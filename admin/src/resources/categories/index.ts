import { lazy } from 'react'
import CategoryIcon from '@mui/icons-material/Category'

const CategoryList = lazy(() => import('./CategoryList'))
const CategoryEdit = lazy(() => import('./CategoryForm').then((m) => ({ default: m.CategoryEdit })))
const CategoryCreate = lazy(() =>
  import('./CategoryForm').then((m) => ({ default: m.CategoryCreate })),
)

export default {
  list: CategoryList,
  edit: CategoryEdit,
  create: CategoryCreate,
  icon: CategoryIcon,
  recordRepresentation: 'name',
}
