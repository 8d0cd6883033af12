import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { activities, activitySessions } from '../../db/schema'
import { batch } from '../../db/batch'
import { auditCreate } from '../../db/queries/audit'
import { assertInScope } from '../../lib/scope'
import { readJson } from '../../lib/validate'
import { checkSessionTimes } from './record'
import { createSchema, reloadSession } from './sessions-record'

// POST /api/activity-sessions: a session of an event, or a shift of a volunteer activity (one
// person per registration).

export const sessionCreateApi = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, createSchema)
  const db = c.var.db
  const user = c.var.user
  const [activity] = await db.select().from(activities).where(eq(activities.id, input.activityId))
  assertInScope(user, activity, (a) => a.neighborhoodId, '活动不存在')
  checkSessionTimes(input)
  const now = Date.now()
  const values = {
    activityId: input.activityId,
    label: input.label ?? '',
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    maxParty: activity.kind === 'volunteer' ? 1 : (input.maxParty ?? 1),
    createdAt: now,
    updatedAt: now,
  }
  const [[row]] = await batch(db, [
    db.insert(activitySessions).values(values).returning({ id: activitySessions.id }),
    auditCreate(db, user, 'activity-sessions', values),
  ])
  return c.json(await reloadSession(db, row.id), 201)
})
