import HowToRegIcon from '@mui/icons-material/HowToReg'
import type { Registration } from './types'
import { lazyScreen } from '../../lib/preloadable'

const RegistrationList = lazyScreen(() => import('./RegistrationList'))
const RegistrationCreate = lazyScreen(() => import('./RegistrationCreate'))

export default {
  list: RegistrationList,
  create: RegistrationCreate,
  icon: HowToRegIcon,
  recordRepresentation: (record: Registration) => `${record.name}（${record.partySize}）`,
}
