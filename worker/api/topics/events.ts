import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { topicEvents, topics, users } from '../../db/schema'
import { requireUser } from '../../lib/auth'
import { idsFilter, inIds, orderOf } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'

// A topic's timeline, read-only: every state change with who, when and the notes.

const fields = {
  id: topicEvents.id,
  topicId: topicEvents.topicId,
  at: topicEvents.at,
  actorUserId: topicEvents.actorUserId,
  actorName: users.displayName,
  kind: topicEvents.kind,
  fromStatus: topicEvents.fromStatus,
  toStatus: topicEvents.toStatus,
  publicNote: topicEvents.publicNote,
  internalNote: topicEvents.internalNote,
  neighborhoodId: topics.neighborhoodId,
}
const sortable = ['id', 'at', 'topicId', 'kind'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, topicEvents[f]]))

const toRecord = <T extends { neighborhoodId: number }>({ neighborhoodId: _, ...row }: T) => row

const select = (v: AppEnv['Variables']) =>
  v.db
    .select(fields)
    .from(topicEvents)
    .innerJoin(topics, eq(topics.id, topicEvents.topicId))
    .leftJoin(users, eq(users.id, topicEvents.actorUserId))

export const topicEventsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    // Oldest first: a timeline reads top to bottom.
    const q = parseListQuery(c, { sortable, defaultSort: { field: 'at', order: 'ASC' } })
    const where = and(
      scopeWhere(c.var.user, topics.neighborhoodId),
      inIds(topicEvents.id, idsFilter(q.filter.id)),
      inIds(topicEvents.topicId, idsFilter(q.filter.topicId)),
      inIds(topicEvents.kind, filterList<string>(q.filter.kind)),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(c.var)
        .where(where)
        .orderBy(...orderOf(q, columns, topicEvents.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(topicEvents)
        .innerJoin(topics, eq(topics.id, topicEvents.topicId))
        .where(where),
    ])
    return sendList(c, 'topic-events', q, rows.map(toRecord), n)
  })
  .get('/:id', async (c) => {
    const [row] = await select(c.var).where(eq(topicEvents.id, idParam(c)))
    return c.json(toRecord(assertInScope(c.var.user, row, (r) => r.neighborhoodId, '记录不存在')))
  })
