import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism'
import type { Volunteer } from './types'
import { lazyScreen } from '../../lib/preloadable'

const VolunteerList = lazyScreen(() => import('./VolunteerList'))
const VolunteerEdit = lazyScreen(() =>
  import('./VolunteerForm').then((m) => ({ default: m.VolunteerEdit })),
)
const VolunteerCreate = lazyScreen(() =>
  import('./VolunteerForm').then((m) => ({ default: m.VolunteerCreate })),
)

export default {
  list: VolunteerList,
  edit: VolunteerEdit,
  create: VolunteerCreate,
  icon: VolunteerActivismIcon,
  recordRepresentation: (record: Volunteer) => record.name,
}
