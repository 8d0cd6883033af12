import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser } from '../../lib/auth'
import { ledgerApi } from './ledger'

// Reports reported upward: the 台账 at /api/reports/ledger (and /export). Mounted once, at /api:
// `app.route('/api', reportsApi)`.

export const reportsApi = new Hono<AppEnv>().route(
  '/reports/ledger',
  new Hono<AppEnv>().use(requireUser).route('/', ledgerApi),
)
