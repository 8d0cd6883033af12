import { Hono } from 'hono'
import { and, count, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppEnv } from '../../env'
import { activities } from '../../db/schema'
import { batch } from '../../db/batch'
import { contains, idsFilter, inIds, orderOf } from '../../lib/resource'
import { scopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'
import { ACTIVITY_STATS, activityRecord, loadActivity, selectActivities } from './record'

// GET /api/activities (filters by neighborhood, status, kind, text) and GET /:id.

const SORTABLE: Record<string, SQLiteColumn | SQL> = {
  id: activities.id,
  title: activities.title,
  kind: activities.kind,
  status: activities.status,
  neighborhoodId: activities.neighborhoodId,
  opensAt: activities.opensAt,
  closesAt: activities.closesAt,
  createdAt: activities.createdAt,
  updatedAt: activities.updatedAt,
  firstStartsAt: ACTIVITY_STATS.firstStartsAt,
  seatsTaken: ACTIVITY_STATS.seatsTaken,
  waitlistCount: ACTIVITY_STATS.waitlistCount,
}

export const activitiesListApi = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: Object.keys(SORTABLE) })
    const f = q.filter
    const where = and(
      scopeWhere(c.var.user, activities.neighborhoodId),
      inIds(activities.id, idsFilter(f.id)),
      inIds(activities.neighborhoodId, idsFilter(f.neighborhoodId)),
      inIds(activities.status, filterList<string>(f.status)),
      inIds(activities.kind, filterList<string>(f.kind)),
      contains(f.q, activities.title, activities.place, activities.slug),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      selectActivities(db)
        .where(where)
        .orderBy(...orderOf(q, SORTABLE, activities.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(activities).where(where),
    ])
    const now = Date.now()
    return sendList(
      c,
      'activities',
      q,
      rows.map((r) => activityRecord(r, now)),
      n,
    )
  })
  .get('/:id', async (c) => c.json(activityRecord(await loadActivity(c.var, idParam(c)))))
