import NotificationsIcon from '@mui/icons-material/Notifications'
import SettingsIcon from '@mui/icons-material/SettingsSuggest'
import TemplateIcon from '@mui/icons-material/TextSnippet'
import { lazyScreen } from '../lib/preloadable'

// Notifications in the admin: the messages (per record, failed), settings and templates per town.

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
