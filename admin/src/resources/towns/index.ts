import LocationCityIcon from '@mui/icons-material/LocationCity'
import { lazyScreen } from '../../lib/preloadable'

const TownList = lazyScreen(() => import('./TownList'))
const TownEdit = lazyScreen(() => import('./TownForm').then((m) => ({ default: m.TownEdit })))
const TownCreate = lazyScreen(() => import('./TownForm').then((m) => ({ default: m.TownCreate })))

export default {
  list: TownList,
  edit: TownEdit,
  create: TownCreate,
  icon: LocationCityIcon,
  recordRepresentation: 'name',
}
