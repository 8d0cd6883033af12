import ChecklistIcon from '@mui/icons-material/FactCheck'
import { lazyScreen } from '../../lib/preloadable'
import { prefetchOne, queryClient } from '../../queryClient'
import { matrixQuery } from './api'

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

/**
 * For a page load that opens a programme (#/programmes/<id>/show): starts its screen's download
 * the programme and its matrix now, while the shell renders, instead of after (see main.tsx;
 * index.html already asked the API for both, see lib/early.ts). Resolves when the screen's
 * module is loaded.
 */
export const preloadProgrammeShow = (id: number) => {
  prefetchOne('programmes', id)
  void queryClient.prefetchQuery(matrixQuery(id))
  return ProgrammeShow.preload()
}
