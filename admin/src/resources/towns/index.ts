import { lazy } from 'react'
import LocationCityIcon from '@mui/icons-material/LocationCity'

const TownList = lazy(() => import('./TownList'))
const TownEdit = lazy(() => import('./TownForm').then((m) => ({ default: m.TownEdit })))
const TownCreate = lazy(() => import('./TownForm').then((m) => ({ default: m.TownCreate })))

export default {
  list: TownList,
  edit: TownEdit,
  create: TownCreate,
  icon: LocationCityIcon,
  recordRepresentation: 'name',
}
