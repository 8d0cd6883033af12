import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../../env'
import { activities, activitySessions } from '../../db/schema'
import { SESSION_COUNTS } from '../../db/queries/activities/seats'
import { assertInScope } from '../../lib/scope'
import { versionInput } from '../../lib/versions'
import { sessionInput } from './record'

// What the session routers share: a session with its seats and counts as the API shows it,
// loading one in scope, and the fields staff send.

export const createSchema = z.object({
  activityId: z.int().positive('请选择活动'),
  ...sessionInput.shape,
})
export const updateSchema = z
  .object({ ...sessionInput.shape, activityId: z.int().optional() })
  .partial()
  .extend(versionInput)

export const selectSessions = (db: Db) =>
  db
    .select({
      s: activitySessions,
      neighborhoodId: activities.neighborhoodId,
      kind: activities.kind,
      activityTitle: activities.title,
      ...SESSION_COUNTS,
    })
    .from(activitySessions)
    .innerJoin(activities, eq(activities.id, activitySessions.activityId))
type Selected = Awaited<ReturnType<ReturnType<typeof selectSessions>['where']>>[number]

/** A session as the API shows it, with its seats and counts. */
export const sessionRecord = (
  { s, neighborhoodId, kind, activityTitle, ...n }: Selected,
  now = Date.now(),
) => {
  const seatsTaken = Number(n.seatsTaken)
  return {
    id: s.id,
    activityId: s.activityId,
    neighborhoodId,
    kind,
    activityTitle,
    label: s.label,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity,
    maxParty: s.maxParty,
    seatsTaken,
    seatsLeft: Math.max(0, s.capacity - seatsTaken),
    confirmedCount: Number(n.confirmedCount),
    waitlistCount: Number(n.waitlistCount),
    waitlistSeats: Number(n.waitlistSeats),
    checkedInCount: Number(n.checkedInCount),
    noShowCount: Number(n.noShowCount),
    cancelledCount: Number(n.cancelledCount),
    ended: s.endsAt <= now,
    /** The staff check-in page for phones. */
    checkinUrl: `/staff/checkin/${s.id}`,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    version: s.version,
  }
}

/** A session in the user's scope, or 404. */
export const loadSession = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await selectSessions(v.db).where(eq(activitySessions.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '场次不存在')
}

/** A session as it is now, after a write. */
export const reloadSession = async (db: Db, id: number) =>
  sessionRecord((await selectSessions(db).where(eq(activitySessions.id, id)))[0])
