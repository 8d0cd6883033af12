import HandshakeIcon from '@mui/icons-material/Handshake'
import { lazyScreen } from '../../lib/preloadable'
import type { Partner } from './types'

const PartnerList = lazyScreen(() => import('./PartnerList'))
const PartnerShow = lazyScreen(() => import('./PartnerShow'))
const PartnerEdit = lazyScreen(() =>
  import('./PartnerForm').then((m) => ({ default: m.PartnerEdit })),
)
const PartnerCreate = lazyScreen(() =>
  import('./PartnerForm').then((m) => ({ default: m.PartnerCreate })),
)

export default {
  list: PartnerList,
  show: PartnerShow,
  edit: PartnerEdit,
  create: PartnerCreate,
  icon: HandshakeIcon,
  recordRepresentation: (record: Partner) => record.name,
}
