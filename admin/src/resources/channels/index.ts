import QrCodeIcon from '@mui/icons-material/QrCode2'
import { lazyScreen } from '../../lib/preloadable'

const ChannelList = lazyScreen(() => import('./ChannelList'))
const ChannelEdit = lazyScreen(() =>
  import('./ChannelForm').then((m) => ({ default: m.ChannelEdit })),
)
const ChannelCreate = lazyScreen(() =>
  import('./ChannelForm').then((m) => ({ default: m.ChannelCreate })),
)

export default {
  list: ChannelList,
  edit: ChannelEdit,
  create: ChannelCreate,
  icon: QrCodeIcon,
  recordRepresentation: 'label',
}
