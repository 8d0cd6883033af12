import GridViewIcon from '@mui/icons-material/GridView'
import { lazyScreen } from '../../lib/preloadable'

const GridList = lazyScreen(() => import('./GridList'))
const GridEdit = lazyScreen(() => import('./GridForm').then((m) => ({ default: m.GridEdit })))
const GridCreate = lazyScreen(() => import('./GridForm').then((m) => ({ default: m.GridCreate })))

export default {
  list: GridList,
  edit: GridEdit,
  create: GridCreate,
  icon: GridViewIcon,
  recordRepresentation: 'name',
}
