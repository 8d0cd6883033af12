import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireSignedIn } from '../../lib/auth'
import { bulkClaims } from './bulk'
import { createClaim } from './create'
import { helpWantedApi } from './help-wanted'
import { partnerProjectsApi } from './joined'
import { activityLeadsApi } from './leads'
import { readClaims } from './list'
import { claimMoves } from './moves'
import { projectNeedsApi } from './needs'

// Claims (认领) and what surrounds them: /api/claims (simple-rest; POST /:id/accept, /decline,
// /withdraw, POST /bulk), /api/help-wanted (the 需求清单), /api/partner-projects (projects a
// partner joined), /api/project-needs (what a project or task asks for) and /api/activity-leads
// (partners and 达人 leading activities). The first three are open to partner logins, scoped to
// their own organisation; the others are staff routes. Mounted once: `app.route('/api', claimsApi)`.

const claimRoutes = new Hono<AppEnv>()
  .use(requireSignedIn)
  .route('/', bulkClaims)
  .route('/', readClaims)
  .route('/', createClaim)
  .route('/', claimMoves)

export const claimsApi = new Hono<AppEnv>()
  .route('/claims', claimRoutes)
  .route('/help-wanted', new Hono<AppEnv>().use(requireSignedIn).route('/', helpWantedApi))
  .route(
    '/partner-projects',
    new Hono<AppEnv>().use(requireSignedIn).route('/', partnerProjectsApi),
  )
  .route('/project-needs', projectNeedsApi)
  .route('/activity-leads', activityLeadsApi)
