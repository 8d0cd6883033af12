import CategoryIcon from '@mui/icons-material/Category'
import { lazyScreen } from '../../lib/preloadable'

const CategoryList = lazyScreen(() => import('./CategoryList'))
const CategoryEdit = lazyScreen(() =>
  import('./CategoryForm').then((m) => ({ default: m.CategoryEdit })),
)
const CategoryCreate = lazyScreen(() =>
  import('./CategoryForm').then((m) => ({ default: m.CategoryCreate })),
)

export default {
  list: CategoryList,
  edit: CategoryEdit,
  create: CategoryCreate,
  icon: CategoryIcon,
  recordRepresentation: 'name',
}
