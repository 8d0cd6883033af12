import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { activitySessions } from '../../schema'
import { batch, guard, guardedBatch, rawAll, type Statement } from '../../batch'
import { errorText } from '../../errors'
import { sqlList } from '../../sql'
import { UPCOMING_STATUSES } from '../../../domain/capacity'
import { seatsSql } from './seats'
import { promotionMessagesStatement } from '../notify/outbox'

// The waitlist, atomically (rule 3 of domain/capacity.ts): promoting walks the waitlist in
// arrival order in one UPDATE; cancelling is one batch of the guarded cancel and the promotion,
// so seats freed are handed on in the same write; a capacity change promotes in its own batch.

/**
 * The promotion statement of a session: walks its waitlist in arrival order and confirms every
 * registration that fits in the seats free at that step (rule 3 of worker/domain/capacity.ts),
 * in one UPDATE, so it is safe in any batch and under any concurrency. Nothing is promoted once
 * the session has ended. Returns the promoted ids.
 * @example await batch(db, [cancel, promoteStatement(db, sessionId, now)])
 */
export const promoteStatement = (db: Db, sessionId: number, now = Date.now()) =>
  rawAll<{ id: number }>(
    db,
    sql`
    WITH RECURSIVE
      queue AS (
        SELECT id, party_size, ROW_NUMBER() OVER (ORDER BY seq) AS n
        FROM registrations WHERE session_id = ${sessionId} AND status = 'waitlisted'
      ),
      walk (n, free, id, take) AS (
        SELECT 0, (SELECT CASE WHEN s.ends_at > ${now} THEN s.capacity - ${seatsSql(sql`s.id`)} ELSE 0 END
                   FROM activity_sessions s WHERE s.id = ${sessionId}), NULL, 0
        UNION ALL
        SELECT q.n,
               CASE WHEN q.party_size <= w.free THEN w.free - q.party_size ELSE w.free END,
               q.id, q.party_size <= w.free
        FROM walk w JOIN queue q ON q.n = w.n + 1
        WHERE w.free > 0
      )
    UPDATE registrations SET status = 'confirmed', confirmed_at = ${now}, promoted_at = ${now}
    WHERE id IN (SELECT id FROM walk WHERE take) AND status = 'waitlisted'
    RETURNING id`,
  )

/**
 * Cancels a live (confirmed or waitlisted) registration and promotes from the waitlist, in one
 * atomic batch. `extra` statements (an audit row) join the same batch. Returns the cancelled row
 * (or `null` when it was no longer cancellable) and the promoted ids.
 * @example const { cancelled, promoted } = await cancelRegistration(db, reg, 'resident')
 */
export const cancelRegistration = async (
  db: Db,
  reg: { id: number; sessionId: number },
  by: 'resident' | 'staff',
  extra: Statement[] = [],
  now = Date.now(),
) => {
  const cancel = rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'cancelled', cancelled_at = ${now}, cancelled_by = ${by}
    WHERE id = ${reg.id} AND status IN ${sqlList(UPCOMING_STATUSES)} RETURNING id`,
  )
  const [cancelled, promoted] = await batch(db, [
    cancel,
    promoteStatement(db, reg.sessionId, now),
    ...extra,
    // Those promoted are told (with consent), in the same batch.
    promotionMessagesStatement(db, reg.sessionId, now),
  ])
  return { cancelled: cancelled.length > 0, promoted: promoted.map((r) => r.id) }
}

/**
 * Confirms one waitlisted registration out of turn (staff), only if its party fits in the seats
 * free right now: the check and the update are one statement. Returns whether it was promoted.
 */
const promoteOneStatement = (db: Db, reg: { id: number; sessionId: number }, now = Date.now()) =>
  rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'confirmed', confirmed_at = ${now}, promoted_at = ${now}
    WHERE id = ${reg.id} AND status = 'waitlisted'
      AND party_size <= (SELECT s.capacity FROM activity_sessions s WHERE s.id = ${reg.sessionId})
                        - ${seatsSql(reg.sessionId)}
    RETURNING id`,
  )

/** Whether a write was aborted by the capacity triggers. */
const isCapacityAbort = (err: unknown) => {
  const text = errorText(err)
  return text.includes('capacity_below_confirmed') || text.includes('over_capacity')
}

/**
 * Changes a session's capacity (and its other fields) and moves its version on, only while it is
 * still at `version` (the one its editor read), and promotes from the waitlist, in one batch;
 * returns the promoted ids, `null` when the database refused to lower the capacity below the
 * seats held (trigger), or 'stale' when the session was edited meanwhile. In both refusals
 * nothing changed.
 */
export const setCapacity = async (
  db: Db,
  sessionId: number,
  version: number,
  capacity: number,
  other: Partial<typeof activitySessions.$inferInsert>,
  extra: Statement[] = [],
  now = Date.now(),
): Promise<number[] | null | 'stale'> => {
  const at = sql`${activitySessions.id} = ${sessionId} AND ${activitySessions.version} = ${version}`
  try {
    const results = await guardedBatch(db, [
      guard(db, sql`NOT EXISTS (SELECT 1 FROM ${activitySessions} WHERE ${at})`),
      db
        .update(activitySessions)
        .set({ ...other, capacity, updatedAt: now, version: sql`${activitySessions.version} + 1` })
        .where(at),
      promoteStatement(db, sessionId, now),
      ...extra,
      promotionMessagesStatement(db, sessionId, now),
    ])
    return results ? results[2].map((r) => r.id) : 'stale'
  } catch (err) {
    if (isCapacityAbort(err)) return null
    throw err
  }
}

/**
 * Confirms one waitlisted registration out of turn (staff) with `extra` statements (its audit
 * row) in one batch, only if its party fits in the seats free right now; whether it was promoted.
 */
export const promoteOne = async (
  db: Db,
  reg: { id: number; sessionId: number },
  extra: Statement[] = [],
  now = Date.now(),
) => {
  try {
    const [done] = await batch(db, [
      promoteOneStatement(db, reg, now),
      ...extra,
      promotionMessagesStatement(db, reg.sessionId, now),
    ])
    return done.length > 0
  } catch (err) {
    if (isCapacityAbort(err)) return false
    throw err
  }
}
