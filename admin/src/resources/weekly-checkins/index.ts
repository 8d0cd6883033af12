import WeeklyIcon from '@mui/icons-material/EventNote'
import { lazyScreen } from '../../lib/preloadable'

// 每周一对接: one screen, the week's summaries side by side (downloaded when first opened).
const WeeklyList = lazyScreen(() => import('./WeeklyList'))

export default { list: WeeklyList, icon: WeeklyIcon }
