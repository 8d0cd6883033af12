import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { supports, topics } from '../../db/schema'
import { requireUser } from '../../lib/auth'
import { idsFilter, inIds, orderOf } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'

// Supports (附议) of a topic, read-only. Tracking codes are never listed: they let a resident
// follow and evaluate.

const fields = {
  id: supports.id,
  topicId: supports.topicId,
  source: supports.source,
  createdAt: supports.createdAt,
  neighborhoodId: topics.neighborhoodId,
}
const sortable = ['id', 'createdAt', 'topicId', 'source'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, supports[f]]))

const toRecord = <T extends { neighborhoodId: number }>({ neighborhoodId: _, ...row }: T) => row

const select = (v: AppEnv['Variables']) =>
  v.db.select(fields).from(supports).innerJoin(topics, eq(topics.id, supports.topicId))

export const supportsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable, defaultSort: { field: 'createdAt', order: 'DESC' } })
    const where = and(
      scopeWhere(c.var.user, topics.neighborhoodId),
      inIds(supports.id, idsFilter(q.filter.id)),
      inIds(supports.topicId, idsFilter(q.filter.topicId)),
      inIds(supports.source, filterList<string>(q.filter.source)),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(c.var)
        .where(where)
        .orderBy(...orderOf(q, columns, supports.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(supports)
        .innerJoin(topics, eq(topics.id, supports.topicId))
        .where(where),
    ])
    return sendList(c, 'supports', q, rows.map(toRecord), n)
  })
  .get('/:id', async (c) => {
    const [row] = await select(c.var).where(eq(supports.id, idParam(c)))
    return c.json(toRecord(assertInScope(c.var.user, row, (r) => r.neighborhoodId, '记录不存在')))
  })
