import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { LedgerRaw } from '../../../domain/programmes/ledger'
import { batchRows } from '../../batch'
import { sqlList } from '../../sql'
import { COUNTED_EVALUATION_SOURCES } from '../../../domain/vocabulary'
import { SATISFIED_MIN_SCORE, SATISFIED_RESOLVED } from '../../../domain/evaluation'

// The raw figures of the 台账 for a set of neighborhoods and periods, in ONE D1 batch: ten
// statements per period (domain/programmes/ledger.ts says what each figure counts). The
// neighborhoods travel as one JSON parameter; `null` means every neighborhood.

export type Period = { from: number; to: number }

const DECIDED = sql.raw(`('accepted', 'adopted', 'declined', 'referred', 'merged')`)

const statements = (ids: number[] | null, p: Period, now: number): SQL[] => {
  const list = ids === null ? null : JSON.stringify(ids)
  const nb = (column: string) =>
    list === null ? sql`1` : sql`${sql.raw(column)} IN (SELECT value FROM json_each(${list}))`
  const within = (column: string) =>
    sql`${sql.raw(column)} >= ${p.from} AND ${sql.raw(column)} < ${p.to}`
  // A merge later undone is no decision (rule 2).
  const decided = sql`FROM topic_events e JOIN topics t ON t.id = e.topic_id
    WHERE e.to_status IN ${DECIDED} AND ${within('e.at')} AND ${nb('t.neighborhood_id')}
      AND NOT (e.to_status = 'merged' AND EXISTS (SELECT 1 FROM topic_events u
        WHERE u.topic_id = e.topic_id AND u.kind = 'unmerged' AND u.at >= e.at))`
  const ownProjects = sql`programme_id IS NULL AND ${nb('neighborhood_id')}`
  const doneProjects = sql`${ownProjects} AND status = 'done' AND ${within('done_at')}`
  return [
    sql`SELECT coalesce(ch.kind, 'none') AS kind, count(*) AS n
      FROM topics t LEFT JOIN channels ch ON ch.id = t.channel_id
      WHERE ${nb('t.neighborhood_id')} AND ${within('t.created_at')} AND t.status <> 'merged'
      GROUP BY 1`,
    sql`SELECT count(*) AS n FROM topics t
      WHERE ${nb('t.neighborhood_id')} AND ${within('t.created_at')} AND t.status = 'merged'`,
    sql`SELECT e.to_status AS status, count(DISTINCT e.topic_id) AS n ${decided} GROUP BY e.to_status`,
    sql`SELECT count(DISTINCT e.topic_id) AS n ${decided}`,
    sql`SELECT
      (SELECT count(*) FROM projects WHERE ${ownProjects} AND ${within('created_at')}) AS adopted,
      (SELECT count(*) FROM projects WHERE ${doneProjects}) AS done,
      (SELECT count(*) FROM projects WHERE ${doneProjects} AND deadline_at IS NOT NULL) AS withDeadline,
      (SELECT count(*) FROM projects WHERE ${doneProjects} AND deadline_at IS NOT NULL
        AND done_at <= deadline_at) AS onTime`,
    sql`SELECT count(*) AS count, coalesce(sum(e.satisfaction), 0) AS satisfactionSum,
        coalesce(sum(e.resolved = 'solved'), 0) AS solved,
        coalesce(sum(e.resolved = ${SATISFIED_RESOLVED} AND e.satisfaction >= ${SATISFIED_MIN_SCORE}), 0)
          AS satisfied
      FROM evaluations e JOIN projects p ON p.id = e.project_id
      WHERE ${nb('p.neighborhood_id')} AND ${within('e.created_at')}
        AND e.source IN ${sqlList(COUNTED_EVALUATION_SOURCES)}`,
    sql`SELECT count(DISTINCT a.id) AS activities, count(*) AS sessions
      FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
      WHERE ${nb('a.neighborhood_id')} AND a.status = 'published' AND ${within('s.starts_at')}
        AND s.starts_at < ${now}`,
    sql`SELECT coalesce(sum(r.party_size), 0) AS n
      FROM registrations r JOIN activities a ON a.id = r.activity_id
      WHERE ${nb('a.neighborhood_id')} AND r.status = 'checked_in' AND ${within('r.checked_in_at')}`,
    sql`SELECT
      (SELECT count(*) FROM supports s JOIN topics t ON t.id = s.topic_id
        WHERE ${nb('t.neighborhood_id')} AND s.source = 'support' AND s.counted = 1
          AND ${within('s.created_at')}) AS supports,
      (SELECT coalesce(sum(people), 0) FROM confirmations
        WHERE ${nb('neighborhood_id')} AND ${within('created_at')}) AS confirmations`,
    sql`SELECT count(DISTINCT r.phone) AS volunteers, coalesce(sum(r.credited_minutes), 0) AS minutes
      FROM registrations r JOIN activities a ON a.id = r.activity_id
      WHERE a.kind = 'volunteer' AND ${nb('a.neighborhood_id')} AND r.status = 'checked_in'
        AND ${within('r.checked_in_at')}`,
  ]
}

const PER_PERIOD = 10

type Num = Record<string, number>

const rawOf = (rows: unknown[][]): LedgerRaw => {
  const [
    collected,
    [merged],
    decisions,
    [decided],
    [projects],
    [evals],
    [held],
    [visits],
    [more],
    [vol],
  ] = rows as [
    { kind: string; n: number }[],
    Num[],
    { status: string; n: number }[],
    Num[],
    Num[],
    Num[],
    Num[],
    Num[],
    Num[],
    Num[],
  ]
  return {
    collected,
    mergedDuplicates: merged.n,
    decisions,
    decidedTopics: decided.n,
    projectsAdopted: projects.adopted,
    projectsDone: projects.done,
    doneWithDeadline: projects.withDeadline,
    doneOnTime: projects.onTime,
    evaluations: {
      count: evals.count,
      satisfactionSum: evals.satisfactionSum,
      solved: evals.solved,
      satisfied: evals.satisfied,
    },
    activitiesHeld: held.activities,
    sessionsHeld: held.sessions,
    checkedIn: visits.n,
    supports: more.supports,
    confirmations: more.confirmations,
    volunteers: vol.volunteers,
    volunteerMinutes: vol.minutes,
  }
}

/**
 * The raw ledger of each period for the neighborhoods `ids` (null: all), in one D1 batch.
 * @example const [now, lastYear] = await ledgerRaw(db, [1, 2], [period, lastYearOf(period)])
 */
export const ledgerRaw = async (
  db: Db,
  ids: number[] | null,
  periods: Period[],
  now = Date.now(),
): Promise<LedgerRaw[]> => {
  const rows = await batchRows(
    db,
    periods.flatMap((p) => statements(ids, p, now)),
  )
  return periods.map((_, i) => rawOf(rows.slice(i * PER_PERIOD, (i + 1) * PER_PERIOD)))
}
