import { createElement } from 'react'
import { Route } from 'react-router-dom'
import GroupsIcon from '@mui/icons-material/Groups'
import { lazyScreen } from '../../lib/preloadable'
import type { Meeting } from './types'

// Each screen downloads when first opened.
const MeetingList = lazyScreen(() => import('./MeetingList'))
const MeetingShow = lazyScreen(() => import('./MeetingShow'))
const MeetingEdit = lazyScreen(() =>
  import('./MeetingForm').then((m) => ({ default: m.MeetingEdit })),
)
const MeetingCreate = lazyScreen(() =>
  import('./MeetingForm').then((m) => ({ default: m.MeetingCreate })),
)
const MeetingCalendar = lazyScreen(() => import('./MeetingCalendar'))
const MeetingPrint = lazyScreen(() => import('./MeetingPrint'))

/** Extra routes under /meetings: the month calendar and a meeting's printable A4 sheet. */
const children = [
  createElement(Route, {
    key: 'calendar',
    path: 'calendar',
    element: createElement(MeetingCalendar),
  }),
  createElement(Route, { key: 'print', path: ':id/print', element: createElement(MeetingPrint) }),
]

export default {
  list: MeetingList,
  show: MeetingShow,
  edit: MeetingEdit,
  create: MeetingCreate,
  icon: GroupsIcon,
  recordRepresentation: (record: Meeting) => record.title,
  children,
}
