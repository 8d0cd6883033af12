import { lazy } from 'react'
import GridViewIcon from '@mui/icons-material/GridView'

const GridList = lazy(() => import('./GridList'))
const GridEdit = lazy(() => import('./GridForm').then((m) => ({ default: m.GridEdit })))
const GridCreate = lazy(() => import('./GridForm').then((m) => ({ default: m.GridCreate })))

export default {
  list: GridList,
  edit: GridEdit,
  create: GridCreate,
  icon: GridViewIcon,
  recordRepresentation: 'name',
}
