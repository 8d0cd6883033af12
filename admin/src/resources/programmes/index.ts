import ChecklistIcon from '@mui/icons-material/FactCheck'
import { lazyScreen } from '../../lib/preloadable'

// Programmes (九个一 / 规定动作): each screen downloads when first opened.
const ProgrammeList = lazyScreen(() => import('./ProgrammeList'))
const ProgrammeShow = lazyScreen(() => import('./ProgrammeShow'))
const ProgrammeEdit = lazyScreen(() =>
  import('./ProgrammeForm').then((m) => ({ default: m.ProgrammeEdit })),
)
const ProgrammeCreate = lazyScreen(() =>
  import('./ProgrammeForm').then((m) => ({ default: m.ProgrammeCreate })),
)

export default {
  list: ProgrammeList,
  show: ProgrammeShow,
  edit: ProgrammeEdit,
  create: ProgrammeCreate,
  icon: ChecklistIcon,
  recordRepresentation: 'name',
}
