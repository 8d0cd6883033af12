import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { batchRows } from '../../batch'
import { emptyFigures, type NeighborhoodFigures } from '../../../domain/meetings/report'
import { isOneOf, MEETING_DECISIONS } from '../../../domain/vocabulary'

// The meeting 台账 of a period, per neighborhood, in one D1 batch. The rules are those of
// domain/meetings/report.ts; attendance per meeting is domain/meetings/tally.ts rule 4 in SQL
// (`max(head count, sign-ins)`).

export type ReportFilter = {
  /** A condition on a `neighborhoods` row aliased `n` (scope, town, one neighborhood). */
  neighborhoods: SQL
  from: number
  to: number
}

/**
 * Per neighborhood of the filter (every one, with zeros): meetings held, 人次, items decided by
 * decision, distinct projects adopted into. Ordered by neighborhood id.
 * @example const rows = await meetingReport(db, { neighborhoods: sql`n.town_id = 1`, from, to })
 */
export const meetingReport = async (db: Db, f: ReportFilter): Promise<NeighborhoodFigures[]> => {
  const held = sql`SELECT m.id, m.neighborhood_id,
      max(coalesce(m.headcount, 0),
          (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id)) AS attendance
    FROM meetings m JOIN neighborhoods n ON n.id = m.neighborhood_id
    WHERE ${f.neighborhoods} AND m.status = 'held'
      AND m.starts_at >= ${f.from} AND m.starts_at < ${f.to}`
  const [hoods, meetings, decisions] = (await batchRows(db, [
    sql`SELECT n.id, n.name FROM neighborhoods n WHERE ${f.neighborhoods} ORDER BY n.id`,
    sql`SELECT neighborhood_id AS id, count(*) AS meetings, sum(attendance) AS attendance
      FROM (${held}) GROUP BY neighborhood_id`,
    sql`SELECT h.neighborhood_id AS id, i.decision, count(*) AS n,
        count(DISTINCT i.project_id) AS projects
      FROM (${held}) h JOIN meeting_items i ON i.meeting_id = h.id
      WHERE i.decision IS NOT NULL GROUP BY h.neighborhood_id, i.decision`,
  ])) as [
    { id: number; name: string }[],
    { id: number; meetings: number; attendance: number }[],
    { id: number; decision: string; n: number; projects: number }[],
  ]
  const rows = new Map<number, NeighborhoodFigures>(
    hoods.map((h) => [h.id, { neighborhoodId: h.id, name: h.name, ...emptyFigures() }]),
  )
  for (const m of meetings) {
    const row = rows.get(m.id)
    if (!row) continue
    row.meetings = m.meetings
    row.attendance = m.attendance
  }
  for (const d of decisions) {
    const row = rows.get(d.id)
    if (!row || !isOneOf(MEETING_DECISIONS, d.decision)) continue
    row.byDecision[d.decision] = d.n
    row.decided += d.n
    if (d.decision === 'adopt') row.projects = d.projects
  }
  return [...rows.values()]
}
