import PanToolIcon from '@mui/icons-material/PanTool'
import ChecklistIcon from '@mui/icons-material/Checklist'
import GroupsIcon from '@mui/icons-material/Groups'
import { lazyScreen } from '../../lib/preloadable'
import type { Claim, HelpWanted, JoinedProject } from './types'

const ClaimList = lazyScreen(() => import('./ClaimList'))
const ClaimCreate = lazyScreen(() => import('./ClaimCreate'))
const HelpWantedList = lazyScreen(() => import('./HelpWantedList'))
const JoinedList = lazyScreen(() => import('./JoinedList'))
const JoinedShow = lazyScreen(() => import('./JoinedShow'))

/** /api/claims: the queue (staff) or one's own claims (a partner login), and raising a hand. */
export default {
  list: ClaimList,
  create: ClaimCreate,
  icon: PanToolIcon,
  recordRepresentation: (record: Claim) => `${record.claimant} · ${record.projectTitle}`,
}

/** /api/help-wanted: the 需求清单. */
export const helpWanted = {
  list: HelpWantedList,
  icon: ChecklistIcon,
  recordRepresentation: (record: HelpWanted) => record.title,
}

/** /api/partner-projects: the projects a partner joined. */
export const partnerProjects = {
  list: JoinedList,
  show: JoinedShow,
  icon: GroupsIcon,
  recordRepresentation: (record: JoinedProject) => record.title,
}
