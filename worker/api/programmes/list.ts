import { Hono } from 'hono'
import { and, count } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { programmes } from '../../db/schema'
import { selectProgrammes } from '../../db/queries/programmes/programmes'
import { contains, idsFilter, inIds, orderOf } from '../../lib/resource'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'
import { loadProgrammeInScope, programmeScope, projectScope, toProgrammeRecord } from './record'

const SORTABLE = ['id', 'name', 'startsAt', 'endsAt', 'createdAt', 'updatedAt'] as const
const SORT_COLUMNS = Object.fromEntries(SORTABLE.map((f) => [f, programmes[f]]))

/**
 * GET /api/programmes — the simple-rest list (filters: id, townId, q on the name), newest
 * period first; GET /api/programmes/:id — one with its steps (each with its computed `due`),
 * `missingSteps` (steps added after applying, not yet in every project) and `canEdit`.
 */
export const listProgrammes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: SORTABLE,
      defaultSort: { field: 'startsAt', order: 'DESC' },
    })
    const { db, user } = c.var
    const where = and(
      programmeScope(user),
      inIds(programmes.id, idsFilter(q.filter.id)),
      inIds(programmes.townId, idsFilter(q.filter.townId)),
      contains(q.filter.q, programmes.name),
    )
    const [rows, [{ n }]] = await db.batch([
      selectProgrammes(db, projectScope(user))
        .where(where)
        .orderBy(...orderOf(q, SORT_COLUMNS, programmes.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(programmes).where(where),
    ])
    return sendList(c, 'programmes', q, rows.map(toProgrammeRecord), n)
  })
  .get('/:id', async (c) => c.json(await loadProgrammeInScope(c.var, idParam(c))))
