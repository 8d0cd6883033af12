import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { matchingData } from '../../db/queries/partners/matching'
import { matchPartners } from '../../domain/partners/matching'
import { ApiError } from '../../lib/errors'
import { inScope } from '../../lib/scope'

/**
 * GET /api/partners/matches?projectId= — the partners whose offers match a project (its topics'
 * categories, what it and its tasks ask for), best first (domain/partners/matching.ts), each with
 * the offers that matched and the hand it already raised here, if any. 404 outside scope.
 */
export const partnerMatches = new Hono<AppEnv>().get('/matches', async (c) => {
  const projectId = Number(c.req.query('projectId'))
  if (!Number.isSafeInteger(projectId) || projectId <= 0)
    throw new ApiError('bad_request', '请给出 projectId')
  const data = await matchingData(c.var.db, projectId)
  if (!data || !inScope(c.var.user, data.project.neighborhoodId))
    throw new ApiError('not_found', '项目不存在')
  return c.json({
    projectId,
    categoryIds: data.project.categoryIds,
    neededKinds: data.project.neededKinds,
    matches: matchPartners(data.project, data.candidates).map((m) => ({
      ...m,
      id: m.partnerId,
      liveClaim: data.live.get(m.partnerId) ?? null,
    })),
  })
})
