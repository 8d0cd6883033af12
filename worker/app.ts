import { Hono, type Context } from 'hono'
import { sql } from 'drizzle-orm'
import type { AppEnv } from './env'
import { partnersApi } from './api/partners'
import { claimsApi } from './api/claims'
import { createDb } from './db/client'
import { ApiError, handleError } from './lib/errors'
import { sameOrigin } from './lib/same-origin'
import { securityHeaders } from './lib/security-headers'
import { requireJsonBody } from './lib/json-body'
import { limitBody } from './lib/body-limit'
import { auth } from './api/auth'
import { supportsApi, topicEventsApi, topicsApi } from './api/topics'
import { checklistItemsApi, evaluationsApi, projectsApi, projectUpdatesApi } from './api/projects'
import { townsApi } from './api/towns'
import { neighborhoodsApi } from './api/neighborhoods'
import { gridsApi } from './api/grids'
import { categoriesApi } from './api/categories'
import { channelsApi } from './api/channels'
import { usersApi } from './api/users'
import { auditLogApi } from './api/audit-log'
import { privacyApi } from './api/privacy'
import { savedViewsApi } from './api/saved-views'
import { statsApi } from './api/stats'
import { formResponsesApi, formsApi } from './api/forms'
import {
  activitiesApi,
  activitySessionsApi,
  registrationsApi,
  volunteersApi,
} from './api/activities'
import { meetingsApi } from './api/meetings'
import { programmesApi } from './api/programmes'
import { reportsApi } from './api/reports'
import { residentPages } from './pages'
import { verifiedPhonesApi } from './api/verification/verified-phones'
import { notificationsApi } from './api/notifications'
import { deliverAfter } from './notify/enqueue'
import { PageNotFound, pageError } from './pages/errors'

/** JSON bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 256 * 1024

export const app = new Hono<AppEnv>()

app.use('*', async (c, next) => {
  c.set('db', createDb(c.env.DB))
  await next()
})
app.use('*', securityHeaders)
app.use('*', sameOrigin)
app.use('/api/*', requireJsonBody)
app.use(
  '/api/*',
  limitBody({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', '提交的内容太大')
    },
  }),
)

// Writes that may have written messages hand them to the queue after answering (worker/notify).
for (const path of [
  '/api/topics/*',
  '/api/projects/*',
  '/api/meetings/*',
  '/api/registrations/*',
  '/api/activity-sessions/*',
  '/r/*',
  '/s/*',
])
  app.use(path, deliverAfter)

app.get('/healthz', async (c) => {
  const started = Date.now()
  const row = await c.var.db.get<{ ok: number }>(sql`SELECT 1 AS ok`)
  return c.json({ ok: row.ok === 1, db: 'd1', ms: Date.now() - started })
})

app.get('/', (c) => c.redirect('/admin/'))
app.get('/admin', (c) => c.redirect('/admin/'))

app.route('/api/auth', auth)
// One line per domain router.
app.route('/api/topics', topicsApi)
app.route('/api/topic-events', topicEventsApi)
app.route('/api/supports', supportsApi)
app.route('/api/verified-phones', verifiedPhonesApi)
app.route('/api/projects', projectsApi)
app.route('/api/checklist-items', checklistItemsApi)
app.route('/api/project-updates', projectUpdatesApi)
app.route('/api/evaluations', evaluationsApi)
app.route('/api/forms', formsApi)
app.route('/api/form-responses', formResponsesApi)
app.route('/api/towns', townsApi)
app.route('/api/neighborhoods', neighborhoodsApi)
app.route('/api/grids', gridsApi)
app.route('/api/categories', categoriesApi)
app.route('/api/channels', channelsApi)
app.route('/api/users', usersApi)
app.route('/api/audit-log', auditLogApi)
app.route('/api/privacy', privacyApi)
app.route('/api/saved-views', savedViewsApi)
app.route('/api/stats', statsApi)
app.route('/api/activities', activitiesApi)
app.route('/api/activity-sessions', activitySessionsApi)
app.route('/api/registrations', registrationsApi)
app.route('/api/volunteers', volunteersApi)
app.route('/api', meetingsApi)
app.route('/api', programmesApi)
app.route('/api', reportsApi)
app.route('/api', notificationsApi)
// Partners (共建单位) and claims (认领): /api/partners, /api/partner-offers, /api/reports/partners;
// /api/claims, /api/help-wanted, /api/partner-projects, /api/project-needs, /api/activity-leads.
app.route('/api', partnersApi)
app.route('/api', claimsApi)

// Every other path is a resident page (needs, board, tracking, activities, surveys, check-in).
app.route('/', residentPages)

/** Only /api answers errors as JSON; everywhere else a person reads the error page. */
const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/')

app.notFound((c) => {
  throw isApi(c) ? new ApiError('not_found', '页面不存在') : new PageNotFound()
})
app.onError((err, c) => (isApi(c) ? handleError(err, c) : pageError(err, c)))
