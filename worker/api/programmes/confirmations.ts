import { Hono } from 'hono'
import { and, count, eq, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { confirmations } from '../../db/schema'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { idsFilter, inIds, orderOf } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'

// Residents' answers on programme steps (居民打钩), for staff: who answered how and through
// which source, with the objection's words. A resident's voice (tracking code, volunteer) is
// not shown: staff see the source. Paper sheets typed in by mistake can be deleted (audited);
// residents' own answers cannot.

const fields = {
  id: confirmations.id,
  itemId: confirmations.itemId,
  neighborhoodId: confirmations.neighborhoodId,
  verdict: confirmations.verdict,
  source: confirmations.source,
  people: confirmations.people,
  comment: confirmations.comment,
  createdBy: confirmations.createdBy,
  createdAt: confirmations.createdAt,
}
const SORTABLE = ['id', 'createdAt', 'verdict', 'source'] as const
const SORT_COLUMNS = Object.fromEntries(SORTABLE.map((f) => [f, confirmations[f]]))

/** GET /api/confirmations?filter={"itemId":…} (simple-rest), DELETE /api/confirmations/:id. */
export const confirmationsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: SORTABLE, defaultSort: { field: 'id', order: 'DESC' } })
    const f = q.filter
    const where = and(
      scopeWhere(c.var.user, confirmations.neighborhoodId),
      inIds(confirmations.id, idsFilter(f.id)),
      inIds(confirmations.itemId, idsFilter(f.itemId)),
      typeof f.verdict === 'string'
        ? eq(confirmations.verdict, f.verdict as 'confirmed')
        : undefined,
    )
    const db = c.var.db
    const [rows, [{ n }]] = await db.batch([
      db
        .select(fields)
        .from(confirmations)
        .where(where)
        .orderBy(...orderOf(q, SORT_COLUMNS, confirmations.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(confirmations).where(where),
    ])
    return sendList(c, 'confirmations', q, rows, n)
  })
  .delete('/:id', async (c) => {
    const { db, user } = c.var
    const [row] = await db
      .select(fields)
      .from(confirmations)
      .where(eq(confirmations.id, idParam(c)))
    const before = assertInScope(user, row, (r) => r.neighborhoodId, '记录不存在')
    if (before.source !== 'paper') throw new ApiError('forbidden', '居民本人的打钩不能删除')
    await db.batch([
      db.delete(confirmations).where(sql`${confirmations.id} = ${before.id} AND source = 'paper'`),
      audit(db, user, { action: 'delete', resource: 'confirmations', recordId: before.id, before }),
    ])
    return c.json(before)
  })
