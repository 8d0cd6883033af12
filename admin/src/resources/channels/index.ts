import { lazy } from 'react'
import QrCodeIcon from '@mui/icons-material/QrCode2'

const ChannelList = lazy(() => import('./ChannelList'))
const ChannelEdit = lazy(() => import('./ChannelForm').then((m) => ({ default: m.ChannelEdit })))
const ChannelCreate = lazy(() =>
  import('./ChannelForm').then((m) => ({ default: m.ChannelCreate })),
)

export default {
  list: ChannelList,
  edit: ChannelEdit,
  create: ChannelCreate,
  icon: QrCodeIcon,
  recordRepresentation: 'label',
}
