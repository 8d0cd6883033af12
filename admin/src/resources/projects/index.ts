import { createElement } from 'react'
import { Route } from 'react-router-dom'
import AssignmentIcon from '@mui/icons-material/AssignmentTurnedIn'
import { lazyScreen } from '../../lib/preloadable'

// Each screen downloads when first opened.
const ProjectList = lazyScreen(() => import('./ProjectList'))
const ProjectShow = lazyScreen(() => import('./ProjectShow'))
const ProjectEdit = lazyScreen(() =>
  import('./ProjectForm').then((m) => ({ default: m.ProjectEdit })),
)
const ProjectCreate = lazyScreen(() =>
  import('./ProjectForm').then((m) => ({ default: m.ProjectCreate })),
)
const ProjectBoard = lazyScreen(() => import('./ProjectBoard'))
const ProjectDeadlines = lazyScreen(() => import('./ProjectDeadlines'))

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
