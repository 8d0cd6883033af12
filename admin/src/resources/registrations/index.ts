import { lazy } from 'react'
import HowToRegIcon from '@mui/icons-material/HowToReg'
import type { Registration } from './types'

const RegistrationList = lazy(() => import('./RegistrationList'))
const RegistrationCreate = lazy(() => import('./RegistrationCreate'))

export default {
  list: RegistrationList,
  create: RegistrationCreate,
  icon: HowToRegIcon,
  recordRepresentation: (record: Registration) => `${record.name}（${record.partySize}）`,
}
