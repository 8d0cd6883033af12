import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { createPartner } from './create'
import { listPartners } from './list'
import { partnerLogins } from './logins'
import { partnerMatches } from './matches'
import { offersApi } from './offers'
import { readPartner } from './read'
import { partnerReportApi } from './report'
import { updatePartner } from './update'

// Partners (共建单位): /api/partners (simple-rest register; GET /matches?projectId= for matching;
// /:id/logins for their own logins), /api/partner-offers (资源清单) and the report at
// /api/reports/partners. Mounted once, at /api: `app.route('/api', partnersApi)`.

const register = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .route('/', partnerMatches)
  .route('/', listPartners)
  .route('/', readPartner)
  .route('/', createPartner)
  .route('/', updatePartner)
  .route('/', partnerLogins)

export const partnersApi = new Hono<AppEnv>()
  .route('/partners', register)
  .route('/partner-offers', offersApi)
  .route('/reports/partners', partnerReportApi)
