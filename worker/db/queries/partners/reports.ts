import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { type ClaimFigures, mergeByKey, type PartnerTotals } from '../../../domain/partners/reports'
import type { PartnerKind } from '../../../domain/vocabulary'
import { batchRows } from '../../batch'

// The figures of the partner report (domain/partners/reports.ts says what counts), in one D1
// batch: totals, per neighborhood, per partner and per 达人.

export type PartnerReportFilter = {
  /** The caller's neighborhoods; null for all. */
  scopeIds: number[] | null
  neighborhoodId?: number
  townId?: number
  from: number
  to: number
}

/** Conditions on the neighborhood alias `n`: scope, and the neighborhood or town asked for. */
const placeWhere = (f: PartnerReportFilter) => {
  const parts: SQL[] = []
  if (f.scopeIds !== null)
    parts.push(sql`n.id IN (SELECT value FROM json_each(${JSON.stringify(f.scopeIds)}))`)
  if (f.neighborhoodId !== undefined) parts.push(sql`n.id = ${f.neighborhoodId}`)
  if (f.townId !== undefined) parts.push(sql`n.town_id = ${f.townId}`)
  return parts.length ? sql.join(parts, sql` AND `) : sql`1`
}

/** Claims raised in the period at the places asked for (rule 1). */
const CLAIMS = (f: PartnerReportFilter) => sql`FROM claims c
  JOIN neighborhoods n ON n.id = c.neighborhood_id
  LEFT JOIN partners pa ON pa.id = c.partner_id
  LEFT JOIN volunteers v ON v.id = c.volunteer_id
  WHERE ${placeWhere(f)} AND c.created_at >= ${f.from} AND c.created_at < ${f.to}`

const FIGURES = sql`count(c.id) AS claims,
  ifnull(sum(c.status = 'accepted'), 0) AS accepted,
  ifnull(sum(c.status = 'pending'), 0) AS pending,
  count(DISTINCT CASE WHEN c.status = 'accepted' THEN c.project_id END) AS projects,
  count(DISTINCT CASE WHEN c.status = 'accepted' THEN c.checklist_item_id END) AS tasks`

/** Leads of activities (not cancelled) held in the period at the places asked for (rule 4). */
const LEADS = (f: PartnerReportFilter) => sql`FROM activity_leads l
  JOIN activities a ON a.id = l.activity_id
  JOIN neighborhoods n ON n.id = a.neighborhood_id
  LEFT JOIN partners pa ON pa.id = l.partner_id
  LEFT JOIN volunteers v ON v.id = l.volunteer_id
  WHERE ${placeWhere(f)} AND a.status <> 'cancelled' AND (
    EXISTS (SELECT 1 FROM activity_sessions s WHERE s.activity_id = a.id
      AND s.starts_at >= ${f.from} AND s.starts_at < ${f.to})
    OR (NOT EXISTS (SELECT 1 FROM activity_sessions s WHERE s.activity_id = a.id)
      AND a.created_at >= ${f.from} AND a.created_at < ${f.to}))`

type Figures = Omit<ClaimFigures, 'activities'>

export type NeighborhoodRow = { key: number; name: string } & ClaimFigures & {
    partnersRaised: number
    branchesRaised: number
  }
export type PartnerFiguresRow = { key: number; name: string; kind: PartnerKind } & ClaimFigures
export type LeadRow = { key: number; name: string } & ClaimFigures

/**
 * The partner report's figures for a place and period.
 * @example const r = await partnerReport(db, { scopeIds: null, townId: 1, from: 0, to: Date.now() })
 */
export const partnerReport = async (db: Db, f: PartnerReportFilter) => {
  const [
    [totals],
    [activityTotal],
    places,
    placeClaims,
    placeLeads,
    partnerClaims,
    partnerLeads,
    leadClaims,
    leadLeads,
  ] = await batchRows(db, [
    sql`SELECT count(c.id) AS claims,
        ifnull(sum(c.status = 'accepted'), 0) AS accepted,
        ifnull(sum(c.status = 'pending'), 0) AS pending,
        ifnull(sum(c.status = 'declined'), 0) AS declined,
        ifnull(sum(c.status = 'withdrawn'), 0) AS withdrawn,
        count(DISTINCT c.partner_id) AS partnersRaised,
        count(DISTINCT CASE WHEN pa.kind = 'party_branch' THEN c.partner_id END) AS branchesRaised,
        count(DISTINCT c.volunteer_id) AS leadsRaised,
        count(DISTINCT CASE WHEN c.status = 'accepted' THEN c.project_id END) AS projectsJoined,
        count(DISTINCT CASE WHEN c.status = 'accepted' THEN c.checklist_item_id END) AS tasksJoined
      ${CLAIMS(f)}`,
    sql`SELECT count(DISTINCT l.activity_id) AS n ${LEADS(f)}`,
    sql`SELECT n.id AS key, n.name FROM neighborhoods n WHERE ${placeWhere(f)} ORDER BY n.name`,
    sql`SELECT n.id AS key, ${FIGURES}, count(DISTINCT c.partner_id) AS partnersRaised,
        count(DISTINCT CASE WHEN pa.kind = 'party_branch' THEN c.partner_id END) AS branchesRaised
      ${CLAIMS(f)} GROUP BY n.id`,
    sql`SELECT n.id AS key, count(DISTINCT l.activity_id) AS activities ${LEADS(f)} GROUP BY n.id`,
    sql`SELECT c.partner_id AS key, pa.name, pa.kind, ${FIGURES}
      ${CLAIMS(f)} AND c.partner_id IS NOT NULL GROUP BY c.partner_id`,
    sql`SELECT l.partner_id AS key, pa.name, pa.kind, count(DISTINCT l.activity_id) AS activities
      ${LEADS(f)} AND l.partner_id IS NOT NULL
      GROUP BY l.partner_id`,
    sql`SELECT c.volunteer_id AS key, v.name, ${FIGURES}
      ${CLAIMS(f)} AND c.volunteer_id IS NOT NULL GROUP BY c.volunteer_id`,
    sql`SELECT l.volunteer_id AS key, v.name, count(DISTINCT l.activity_id) AS activities
      ${LEADS(f)} AND l.volunteer_id IS NOT NULL GROUP BY l.volunteer_id`,
  ])
  const byPlace = new Map(
    (
      placeClaims as (Figures & { key: number; partnersRaised: number; branchesRaised: number })[]
    ).map((r) => [r.key, r]),
  )
  const placeActivities = new Map(
    (placeLeads as { key: number; activities: number }[]).map((r) => [r.key, r.activities]),
  )
  const byNeighborhood: NeighborhoodRow[] = (places as { key: number; name: string }[]).map(
    (p) => ({
      claims: 0,
      accepted: 0,
      pending: 0,
      projects: 0,
      tasks: 0,
      partnersRaised: 0,
      branchesRaised: 0,
      ...p,
      ...byPlace.get(p.key),
      activities: placeActivities.get(p.key) ?? 0,
    }),
  )
  const byName = <T extends { name: string; accepted: number; activities: number }>(rows: T[]) =>
    rows.sort(
      (a, b) =>
        b.accepted - a.accepted ||
        b.activities - a.activities ||
        a.name.localeCompare(b.name, 'zh-Hans-CN'),
    )
  return {
    totals: {
      ...(totals as Omit<PartnerTotals, 'activitiesLed'>),
      activitiesLed: (activityTotal as { n: number }).n,
    } satisfies PartnerTotals,
    byNeighborhood,
    byPartner: byName(
      mergeByKey(
        partnerClaims as (Figures & { key: number; name: string; kind: PartnerKind })[],
        partnerLeads as { key: number; name: string; kind: PartnerKind; activities: number }[],
      ),
    ) as PartnerFiguresRow[],
    byLead: byName(
      mergeByKey(
        leadClaims as (Figures & { key: number; name: string })[],
        leadLeads as { key: number; name: string; activities: number }[],
      ),
    ) as LeadRow[],
  }
}
