import { lazy } from 'react'
import HistoryIcon from '@mui/icons-material/History'

// Read-only: a list whose rows expand into the before/after of each write.
const AuditLogList = lazy(() => import('./AuditLogList'))

export default {
  list: AuditLogList,
  icon: HistoryIcon,
}
