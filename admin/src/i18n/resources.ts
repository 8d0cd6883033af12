import { mergeMessages } from './merge'
import activities from '../resources/activities/i18n'
import auditLog from '../resources/audit-log/i18n'
import categories from '../resources/categories/i18n'
import channels from '../resources/channels/i18n'
import claims from '../resources/claims/i18n'
import dashboard from '../dashboard/i18n'
import forms from '../resources/forms/i18n'
import grids from '../resources/grids/i18n'
import meetings from '../resources/meetings/i18n'
import neighborhoods from '../resources/neighborhoods/i18n'
import notifications from '../notifications/i18n'
import privacy from '../privacy/i18n'
import partners from '../resources/partners/i18n'
import programmes from '../resources/programmes/i18n'
import projects from '../resources/projects/i18n'
import registrations from '../resources/registrations/i18n'
import reports from '../reports/i18n'
import topics from '../resources/topics/i18n'
import towns from '../resources/towns/i18n'
import users from '../resources/users/i18n'
import volunteers from '../resources/volunteers/i18n'
import weeklyCheckins from '../resources/weekly-checkins/i18n'

/*
 * How a resource folder adds its labels (the i18n bundle pattern):
 *
 * 1. Create `admin/src/resources/<name>/i18n.ts`:
 *
 *      const zh = {
 *        resources: {
 *          projects: {
 *            name: '项目 |||| 项目',
 *            fields: { title: '标题', ownerUserId: '负责人' },
 *          },
 *        },
 *        projects: { kanban: { title: '看板' } },   // anything else: a top-level key named for the folder
 *      }
 *      const en: typeof zh = { ... same keys in English ... }   // `typeof zh` makes tsc catch a missing key
 *      export default { zh, en }
 *
 * 2. Add ONE import line above and ONE entry to `bundles` below (keep them alphabetical).
 *
 * react-admin finds `resources.<name>.name` and `resources.<name>.fields.<source>` by itself; call
 * `useTranslate()('resources.projects.fields.title')` (or `label=` on inputs) for anything else.
 * Shared words — statuses, roles, kinds — come from the server's worker/domain/vocabulary.ts
 * (`namesIn(TOPIC_STATUS_LABEL, 'zh')` ...), never typed out here: `i18n/app.ts` holds
 * `app.topicStatus.*`, `app.projectStatus.*`, `app.role.*`, `app.channelKind.*`, and
 * admin/src/lib/status.ts their keys, colours and choices. docs/glossary.md says which word to use.
 * `allowMissing` is off, so a forgotten key shows up on screen as its raw name (and fails the e2e test).
 */
type Locale = 'zh' | 'en'
type Bundle = Record<Locale, object>

const bundles: Bundle[] = [
  activities,
  auditLog,
  categories,
  channels,
  claims,
  dashboard,
  forms,
  grids,
  meetings,
  neighborhoods,
  notifications,
  partners,
  privacy,
  programmes,
  projects,
  registrations,
  reports,
  topics,
  towns,
  users,
  volunteers,
  weeklyCheckins,
]

export const resourceMessages = (locale: Locale) => mergeMessages(...bundles.map((b) => b[locale]))
