import { sql, type SQL } from 'drizzle-orm'
import { SEAT_STATUSES } from '../../../domain/capacity'
import type { RegistrationStatus } from '../../../domain/vocabulary'
import { sqlList } from '../../sql'

// Seats and counts as SQL expressions: for the statements that register, promote and cancel, and
// for the selects that show sessions and activities. Which statuses hold seats is rule 1 of
// domain/capacity.ts (SEAT_STATUSES).

const SEATS = sqlList(SEAT_STATUSES)

/** Seats held (party sizes) in a session, as SQL over `sessionId`. */
export const seatsSql = (sessionId: SQL | number) =>
  sql`(SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
       WHERE r.session_id = ${sessionId} AND r.status IN ${SEATS})`

/** Seats held in the session of the row in scope (for selects over activity_sessions). */
export const SEATS_TAKEN = sql<number>`(SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
  WHERE r.session_id = activity_sessions.id AND r.status IN ${SEATS})`

const countSql = (status: RegistrationStatus) =>
  sql<number>`(SELECT COUNT(*) FROM registrations r WHERE r.session_id = activity_sessions.id AND r.status = ${status})`

/** Per-session counts, for selects over activity_sessions. */
export const SESSION_COUNTS = {
  seatsTaken: SEATS_TAKEN,
  confirmedCount: countSql('confirmed'),
  waitlistCount: countSql('waitlisted'),
  checkedInCount: countSql('checked_in'),
  noShowCount: countSql('no_show'),
  cancelledCount: countSql('cancelled'),
  waitlistSeats: sql<number>`(SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
    WHERE r.session_id = activity_sessions.id AND r.status = 'waitlisted')`,
}

/**
 * A waitlisted registration's position: its rank among the session's waitlisted ones by arrival
 * (1-based), computed on read so it stays gap-free; NULL for other statuses.
 */
export const WAITLIST_POSITION = sql<
  number | null
>`CASE WHEN registrations.status = 'waitlisted' THEN
  (SELECT COUNT(*) FROM registrations w WHERE w.session_id = registrations.session_id
     AND w.status = 'waitlisted' AND w.seq <= registrations.seq) END`

/** Seats held in all sessions of the activity in scope (for selects over activities). */
export const ACTIVITY_SEATS_TAKEN = sql<number>`(SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
    WHERE r.activity_id = activities.id AND r.status IN ${SEATS})`
