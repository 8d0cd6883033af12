import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { MatchPartner, MatchProject } from '../../../domain/partners/matching'
import type { ClaimStatus } from '../../../domain/vocabulary'
import { batchRows } from '../../batch'

// What matching (domain/partners/matching.ts) needs, in one D1 batch: the project (its
// neighborhood and town, its topics' categories, the kinds it and its open tasks ask for), the
// candidates of rule 1 with their active offers and track record, and the hands already raised.

export type MatchingData = {
  project: MatchProject & { id: number; townId: number }
  candidates: MatchPartner[]
  /** Live hands of partners on this project or its tasks: partner id → status. */
  live: Map<number, ClaimStatus>
}

const townOf = (projectId: number) => sql`(SELECT n.town_id FROM projects p
  JOIN neighborhoods n ON n.id = p.neighborhood_id WHERE p.id = ${projectId})`

/**
 * The matching inputs of a project; null when there is no such project.
 * @example const data = await matchingData(db, 7)
 */
export const matchingData = async (db: Db, projectId: number): Promise<MatchingData | null> => {
  const [[project], candidates, live] = await batchRows(db, [
    sql`SELECT p.id, p.neighborhood_id AS neighborhoodId, n.town_id AS townId,
      (SELECT json_group_array(DISTINCT t.category_id) FROM project_topics pt
        JOIN topics t ON t.id = pt.topic_id
        WHERE pt.project_id = p.id AND t.category_id IS NOT NULL) AS categoryIds,
      (SELECT json_group_array(DISTINCT j.value) FROM project_needs pn, json_each(pn.kinds) j
        WHERE pn.project_id = p.id AND pn.open = 1) AS neededKinds
      FROM projects p JOIN neighborhoods n ON n.id = p.neighborhood_id WHERE p.id = ${projectId}`,
    sql`SELECT pa.id, pa.name, pa.kind, pa.neighborhood_id AS neighborhoodId,
      (SELECT count(*) FROM claims c WHERE c.partner_id = pa.id AND c.status = 'accepted')
        AS acceptedClaims,
      (SELECT json_group_array(json_object('id', o.id, 'kind', o.kind, 'title', o.title,
          'quantity', o.quantity, 'availability', o.availability,
          'categoryIds', json(o.category_ids)))
        FROM partner_offers o WHERE o.partner_id = pa.id AND o.active = 1) AS offers
      FROM partners pa
      WHERE pa.active = 1 AND pa.town_id = ${townOf(projectId)}
        AND EXISTS (SELECT 1 FROM partner_offers o WHERE o.partner_id = pa.id AND o.active = 1)`,
    sql`SELECT partner_id AS partnerId, max(status = 'accepted') AS accepted FROM claims
      WHERE project_id = ${projectId} AND partner_id IS NOT NULL
        AND status IN ('pending', 'accepted')
      GROUP BY partner_id`,
  ])
  if (!project) return null
  const p = project as {
    id: number
    neighborhoodId: number
    townId: number
    categoryIds: string
    neededKinds: string
  }
  return {
    project: {
      ...p,
      categoryIds: JSON.parse(p.categoryIds),
      neededKinds: JSON.parse(p.neededKinds),
    },
    candidates: (candidates as (Omit<MatchPartner, 'offers'> & { offers: string })[]).map(
      (row) => ({ ...row, offers: JSON.parse(row.offers) }),
    ),
    live: new Map(
      (live as { partnerId: number; accepted: number }[]).map((r) => [
        r.partnerId,
        r.accepted ? ('accepted' as const) : ('pending' as const),
      ]),
    ),
  }
}
