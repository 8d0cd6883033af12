import { lazy } from 'react'
import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism'
import type { Volunteer } from './types'

const VolunteerList = lazy(() => import('./VolunteerList'))
const VolunteerEdit = lazy(() => import('./VolunteerForm').then((m) => ({ default: m.VolunteerEdit })))
const VolunteerCreate = lazy(() => import('./VolunteerForm').then((m) => ({ default: m.VolunteerCreate })))

export default {
  list: VolunteerList,
  edit: VolunteerEdit,
  create: VolunteerCreate,
  icon: VolunteerActivismIcon,
  recordRepresentation: (record: Volunteer) => record.name,
}
