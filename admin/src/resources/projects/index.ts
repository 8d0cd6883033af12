import { createElement, lazy } from 'react'
import { Route } from 'react-router-dom'
import AssignmentIcon from '@mui/icons-material/AssignmentTurnedIn'

// Each screen downloads when first opened.
const ProjectList = lazy(() => import('./ProjectList'))
const ProjectShow = lazy(() => import('./ProjectShow'))
const ProjectEdit = lazy(() => import('./ProjectForm').then((m) => ({ default: m.ProjectEdit })))
const ProjectCreate = lazy(() =>
  import('./ProjectForm').then((m) => ({ default: m.ProjectCreate })),
)
const ProjectBoard = lazy(() => import('./ProjectBoard'))
const ProjectDeadlines = lazy(() => import('./ProjectDeadlines'))

/** Extra routes under /projects: the kanban board and the deadline view. */
const children = [
  createElement(Route, { key: 'board', path: 'board', element: createElement(ProjectBoard) }),
  createElement(Route, {
    key: 'deadlines',
    path: 'deadlines',
    element: createElement(ProjectDeadlines),
  }),
]

export default {
  list: ProjectList,
  show: ProjectShow,
  edit: ProjectEdit,
  create: ProjectCreate,
  icon: AssignmentIcon,
  recordRepresentation: 'title',
  children,
}
