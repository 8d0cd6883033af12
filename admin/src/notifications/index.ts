import NotificationsIcon from '@mui/icons-material/Notifications'
import SettingsIcon from '@mui/icons-material/SettingsSuggest'
import TemplateIcon from '@mui/icons-material/TextSnippet'
import { createElement } from 'react'
import { Route } from 'react-router-dom'
import { lazyScreen } from '../lib/preloadable'

// Notifications in the admin: the messages (per record, failed), settings and templates per town,
// and each staff user's own daily digest (#/my-digest).

const MessageList = lazyScreen(() => import('./MessageList'))
const SettingsList = lazyScreen(() =>
  import('./Settings').then((m) => ({ default: m.SettingsList })),
)
const SettingsEdit = lazyScreen(() =>
  import('./Settings').then((m) => ({ default: m.SettingsEdit })),
)
const TemplateList = lazyScreen(() =>
  import('./Templates').then((m) => ({ default: m.TemplateList })),
)
const TemplateEdit = lazyScreen(() =>
  import('./Templates').then((m) => ({ default: m.TemplateEdit })),
)

export const messages = { list: MessageList, icon: NotificationsIcon }
export const notificationSettings = {
  list: SettingsList,
  edit: SettingsEdit,
  icon: SettingsIcon,
  recordRepresentation: 'townName',
}
export const notificationTemplates = { list: TemplateList, edit: TemplateEdit, icon: TemplateIcon }

const MyDigest = lazyScreen(() => import('./MyDigest'))

/** The custom route of 我的每日汇总, for <CustomRoutes> in App.tsx. */
export const notificationRoutes = [
  createElement(Route, { key: 'my-digest', path: '/my-digest', element: createElement(MyDigest) }),
]
