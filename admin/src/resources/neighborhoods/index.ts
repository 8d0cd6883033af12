import { lazy } from 'react'
import HomeWorkIcon from '@mui/icons-material/HomeWork'

const NeighborhoodList = lazy(() => import('./NeighborhoodList'))
const NeighborhoodEdit = lazy(() =>
  import('./NeighborhoodForm').then((m) => ({ default: m.NeighborhoodEdit })),
)
const NeighborhoodCreate = lazy(() =>
  import('./NeighborhoodForm').then((m) => ({ default: m.NeighborhoodCreate })),
)

export default {
  list: NeighborhoodList,
  edit: NeighborhoodEdit,
  create: NeighborhoodCreate,
  icon: HomeWorkIcon,
  recordRepresentation: 'name',
}
