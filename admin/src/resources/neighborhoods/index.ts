import HomeWorkIcon from '@mui/icons-material/HomeWork'
import { lazyScreen } from '../../lib/preloadable'

const NeighborhoodList = lazyScreen(() => import('./NeighborhoodList'))
const NeighborhoodEdit = lazyScreen(() =>
  import('./NeighborhoodForm').then((m) => ({ default: m.NeighborhoodEdit })),
)
const NeighborhoodCreate = lazyScreen(() =>
  import('./NeighborhoodForm').then((m) => ({ default: m.NeighborhoodCreate })),
)

export default {
  list: NeighborhoodList,
  edit: NeighborhoodEdit,
  create: NeighborhoodCreate,
  icon: HomeWorkIcon,
  recordRepresentation: 'name',
}
