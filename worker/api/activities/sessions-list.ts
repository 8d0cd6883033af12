import { Hono } from 'hono'
import { and, count, eq, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppEnv } from '../../env'
import { activities, activitySessions } from '../../db/schema'
import { batch } from '../../db/batch'
import { SESSION_COUNTS } from '../../db/queries/activities/seats'
import { idsFilter, inIds, orderOf } from '../../lib/resource'
import { scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'
import { loadSession, selectSessions, sessionRecord } from './sessions-record'

// GET /api/activity-sessions (by activity or neighborhood, soonest first) and GET /:id.

const SORTABLE: Record<string, SQLiteColumn | SQL> = {
  id: activitySessions.id,
  activityId: activitySessions.activityId,
  label: activitySessions.label,
  startsAt: activitySessions.startsAt,
  endsAt: activitySessions.endsAt,
  capacity: activitySessions.capacity,
  seatsTaken: SESSION_COUNTS.seatsTaken,
  waitlistCount: SESSION_COUNTS.waitlistCount,
}

export const sessionsListApi = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(SORTABLE),
      defaultSort: { field: 'startsAt', order: 'ASC' },
    })
    const f = q.filter
    const where = and(
      scopeWhere(c.var.user, activities.neighborhoodId),
      inIds(activitySessions.id, idsFilter(f.id)),
      inIds(activitySessions.activityId, idsFilter(f.activityId)),
      inIds(activities.neighborhoodId, idsFilter(f.neighborhoodId)),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      selectSessions(db)
        .where(where)
        .orderBy(...orderOf(q, SORTABLE, activitySessions.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(activitySessions)
        .innerJoin(activities, eq(activities.id, activitySessions.activityId))
        .where(where),
    ])
    const now = Date.now()
    return sendList(
      c,
      'activity-sessions',
      q,
      rows.map((r) => sessionRecord(r, now)),
      n,
    )
  })
  .get('/:id', async (c) => c.json(sessionRecord(await loadSession(c.var, idParam(c)))))
