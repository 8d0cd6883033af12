import { lazy } from 'react'
import EventIcon from '@mui/icons-material/Event'
import type { Activity } from './types'

const ActivityList = lazy(() => import('./ActivityList'))
const ActivityShow = lazy(() => import('./ActivityShow'))
const ActivityEdit = lazy(() => import('./ActivityForm').then((m) => ({ default: m.ActivityEdit })))
const ActivityCreate = lazy(() => import('./ActivityForm').then((m) => ({ default: m.ActivityCreate })))

export default {
  list: ActivityList,
  show: ActivityShow,
  edit: ActivityEdit,
  create: ActivityCreate,
  icon: EventIcon,
  recordRepresentation: (record: Activity) => record.title,
}
