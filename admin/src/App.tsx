import { Admin, CustomRoutes, Resource } from 'react-admin'
import authProvider from './authProvider'
import dataProvider from './dataProvider'
import i18nProvider from './i18n'
import { queryClient } from './queryClient'
import Layout from './layout/Layout'
import LoginPage from './layout/LoginPage'
import theme from './layout/theme'

// RESOURCES — one import + one <Resource> line per resource folder. The folder's index.ts exports
// { list, edit, show, create, icon, recordRepresentation } with the screens wrapped in React.lazy
// (see resources/topics/index.ts) so each screen downloads only when first opened.
import topics from './resources/topics'
import projects from './resources/projects'
import meetings from './resources/meetings'
import Dashboard from './dashboard'
import users from './resources/users'
import neighborhoods from './resources/neighborhoods'
import grids from './resources/grids'
import towns from './resources/towns'
import categories from './resources/categories'
import channels from './resources/channels'
import auditLog from './resources/audit-log'
import forms from './resources/forms'
import activities from './resources/activities'
import registrations from './resources/registrations'
import volunteers from './resources/volunteers'
import partners from './resources/partners'
import claims, { helpWanted, partnerProjects } from './resources/claims'
import programmes from './resources/programmes'
import weeklyCheckins from './resources/weekly-checkins'
import { reportRoutes } from './reports'
import {
  messages,
  notificationRoutes,
  notificationSettings,
  notificationTemplates,
} from './notifications'
import { privacyRoutes } from './privacy'

const App = () => (
  <Admin
    dataProvider={dataProvider}
    authProvider={authProvider}
    queryClient={queryClient}
    i18nProvider={i18nProvider}
    layout={Layout}
    loginPage={LoginPage}
    dashboard={Dashboard}
    theme={theme}
    requireAuth
    disableTelemetry
  >
    <Resource name="topics" {...topics} />
    <Resource name="projects" {...projects} />
    <Resource name="meetings" {...meetings} />
    <Resource name="programmes" {...programmes} />
    <Resource name="weekly-checkins" {...weeklyCheckins} />
    <Resource name="channels" {...channels} />
    <Resource name="forms" {...forms} />
    <Resource name="activities" {...activities} />
    <Resource name="registrations" {...registrations} />
    <Resource name="volunteers" {...volunteers} />
    <Resource name="help-wanted" {...helpWanted} />
    <Resource name="claims" {...claims} />
    <Resource name="partner-projects" {...partnerProjects} />
    <Resource name="partners" {...partners} />
    <Resource name="users" {...users} />
    <Resource name="towns" {...towns} />
    <Resource name="neighborhoods" {...neighborhoods} />
    <Resource name="grids" {...grids} />
    <Resource name="categories" {...categories} />
    <Resource name="audit-log" {...auditLog} />
    <Resource name="messages" {...messages} />
    <Resource name="notification-settings" {...notificationSettings} />
    <Resource name="notification-templates" {...notificationTemplates} />
    <CustomRoutes>
      {reportRoutes}
      {privacyRoutes}
      {notificationRoutes}
    </CustomRoutes>
  </Admin>
)

export default App
