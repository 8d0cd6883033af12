import HistoryIcon from '@mui/icons-material/History'
import { lazyScreen } from '../../lib/preloadable'

// Read-only: a list whose rows expand into the before/after of each write.
const AuditLogList = lazyScreen(() => import('./AuditLogList'))

export default {
  list: AuditLogList,
  icon: HistoryIcon,
}
