import EventIcon from '@mui/icons-material/Event'
import type { Activity } from './types'
import { lazyScreen } from '../../lib/preloadable'

const ActivityList = lazyScreen(() => import('./ActivityList'))
const ActivityShow = lazyScreen(() => import('./ActivityShow'))
const ActivityEdit = lazyScreen(() =>
  import('./ActivityForm').then((m) => ({ default: m.ActivityEdit })),
)
const ActivityCreate = lazyScreen(() =>
  import('./ActivityForm').then((m) => ({ default: m.ActivityCreate })),
)

export default {
  list: ActivityList,
  show: ActivityShow,
  edit: ActivityEdit,
  create: ActivityCreate,
  icon: EventIcon,
  recordRepresentation: (record: Activity) => record.title,
}
