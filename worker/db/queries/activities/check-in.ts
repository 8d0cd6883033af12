import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { auditLog, registrations } from '../../schema'
import { batch, rawAll } from '../../batch'
import type { RegistrationStatus } from '../../../domain/vocabulary'

// At the door: checking a registration in (crediting a volunteer shift's length), and after a
// session, marking who did not come as a no-show. Each is one audited batch.

/**
 * Checks a confirmed registration in, crediting a volunteer shift's length; a guarded UPDATE, so
 * a cancelled or waitlisted one (or one checked in a moment ago) is left alone.
 */
const checkInStatement = (db: Db, regId: number, userId: number | null, now: number) =>
  rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'checked_in', checked_in_at = ${now}, checked_in_by = ${userId},
      credited_minutes = (SELECT CASE WHEN a.kind = 'volunteer'
                                   THEN CAST(ROUND((s.ends_at - s.starts_at) / 60000.0) AS INTEGER) END
                          FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
                          WHERE s.id = registrations.session_id)
    WHERE id = ${regId} AND status = 'confirmed'
    RETURNING id`,
  )

/**
 * THE check-in: checks a registration in and writes its audit row, in one batch. The staff
 * check-in page, the page a registration's QR opens and the API all call it. Only a confirmed
 * registration is checked in (the UPDATE is guarded on it), so one cancelled or waitlisted, or
 * checked in a moment ago, is left alone: `false` then, and the caller says why from its status
 * now (`checkInRefusal` in domain/capacity.ts).
 * @example if (!(await checkIn(db, user, reg))) showWhy(await reload(reg.id))
 */
export const checkIn = async (
  db: Db,
  user: { id: number },
  reg: { id: number; status: RegistrationStatus },
  now = Date.now(),
) => {
  const [done] = await batch(db, [
    checkInStatement(db, reg.id, user.id, now),
    db.insert(auditLog).values({
      at: now,
      userId: user.id,
      action: 'check-in',
      resource: 'registrations',
      recordId: String(reg.id),
      before: JSON.stringify({ status: reg.status }),
      after: JSON.stringify({ status: 'checked_in' }),
    }),
  ])
  return done.length > 0
}

/**
 * Marks the still-confirmed registrations of an ended session among `ids` as no-shows, in one
 * statement (nothing happens before the session's end). `ids` go as one JSON parameter.
 */
const noShowStatement = (db: Db, sessionId: number, ids: number[], now: number) =>
  rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'no_show'
    WHERE session_id = ${sessionId} AND status = 'confirmed'
      AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
      AND (SELECT ends_at FROM activity_sessions WHERE id = ${sessionId}) <= ${now}
    RETURNING id`,
  )

/** The ids of a session's registrations that are still confirmed (the no-show candidates). */
const confirmedIdsOf = async (db: Db, sessionId: number) =>
  (
    await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(
        sql`${registrations.sessionId} = ${sessionId} AND ${registrations.status} = 'confirmed'`,
      )
  ).map((r) => r.id)

/**
 * Marks the still-confirmed registrations of an ended session as no-shows, audited in the same
 * batch (the staff page and both API routes use it). Returns the ids marked.
 */
export const markNoShows = async (
  db: Db,
  user: { id: number },
  sessionId: number,
  now = Date.now(),
) => {
  const ids = await confirmedIdsOf(db, sessionId)
  const [marked] = await batch(db, [
    noShowStatement(db, sessionId, ids, now),
    db.insert(auditLog).values({
      at: now,
      userId: user.id,
      action: 'no-show',
      resource: 'activity-sessions',
      recordId: String(sessionId),
      before: JSON.stringify({ status: 'confirmed', registrationIds: ids }),
      after: JSON.stringify({ status: 'no_show', registrationIds: ids }),
    }),
  ])
  return marked.map((r) => r.id)
}
