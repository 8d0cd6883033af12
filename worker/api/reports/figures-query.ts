import type { Context } from 'hono'
import type { AppEnv } from '../../env'
import { ApiError } from '../../lib/errors'
import type { ExportFormat } from '../../lib/export'
import { assertNeighborhoodInScope } from '../../lib/scope'
import { intQuery } from '../../lib/validate'

// The query of the figures reports (meetings, partners): `from`/`to` (epoch ms, to exclusive;
// open-ended when left out), one neighborhood or one town (else the caller's whole scope), and
// `format=json|csv|xlsx`. A neighborhood outside the caller's scope answers 404, and so does a
// town for anyone who does not see the whole town (admins and its coordinators do).

const FORMATS = ['json', 'csv', 'xlsx'] as const

export const figuresQuery = (c: Context<AppEnv>) => {
  const user = c.var.user
  const from = intQuery(c.req.query('from'), 'from') ?? 0
  const to = intQuery(c.req.query('to'), 'to') ?? Number.MAX_SAFE_INTEGER
  const neighborhoodId = intQuery(c.req.query('neighborhoodId'), 'neighborhoodId')
  const townId = intQuery(c.req.query('townId'), 'townId')
  const format = c.req.query('format') ?? 'json'
  if (!(FORMATS as readonly string[]).includes(format))
    throw new ApiError('bad_request', 'format 应为 json、csv 或 xlsx')
  if (to <= from) throw new ApiError('bad_request', 'to 应晚于 from')
  if (neighborhoodId !== undefined) assertNeighborhoodInScope(user, neighborhoodId)
  if (townId !== undefined) {
    const seesTown =
      user.role === 'admin' || (user.role === 'town' && user.townIds.includes(townId))
    if (!seesTown) throw new ApiError('not_found', '镇不存在')
  }
  return { from, to, neighborhoodId, townId, format: format as 'json' | ExportFormat }
}
