import { sql } from 'drizzle-orm'
import { CREDITED_STATUS, UPCOMING_STATUSES } from '../../../domain/capacity'
import { sqlList, sqlLiteral } from '../../sql'

// A volunteer's figures, as SQL over the `volunteers` row in scope. Hours are not stored: they
// are the minutes credited to the volunteer's served shifts (domain/capacity.ts CREDITED_STATUS).

const SERVED = sqlLiteral(CREDITED_STATUS)

/** Minutes credited, served shifts, registrations still to come, and where they registered. */
export const VOLUNTEER_FIGURES = {
  minutes: sql<number>`(SELECT COALESCE(SUM(r.credited_minutes), 0) FROM registrations r
  WHERE r.phone = volunteers.phone AND r.status = ${SERVED})`,
  shifts: sql<number>`(SELECT COUNT(*) FROM registrations r JOIN activities a ON a.id = r.activity_id
  WHERE r.phone = volunteers.phone AND r.status = ${SERVED} AND a.kind = 'volunteer')`,
  upcoming: sql<number>`(SELECT COUNT(*) FROM registrations r JOIN activity_sessions s ON s.id = r.session_id
  WHERE r.phone = volunteers.phone AND r.status IN ${sqlList(UPCOMING_STATUSES)} AND s.ends_at > ${sql.raw("(unixepoch('subsec') * 1000)")})`,
  /** Neighborhoods of the activities the volunteer registered for, as a JSON array. */
  seenIn: sql<string>`(SELECT json_group_array(DISTINCT a.neighborhood_id) FROM registrations r
  JOIN activities a ON a.id = r.activity_id WHERE r.phone = volunteers.phone)`,
}
