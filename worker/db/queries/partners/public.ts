import { sql, type SQL } from 'drizzle-orm'
import type { Claimant } from '../../../domain/partners/claim-workflow'

// The accepted hands shown on public pages (the board's project cards, the tracking page):
// one SQL column to add to a project's SELECT, so those pages keep their single D1 batch.

/**
 * The accepted claimants of a project and its tasks as a JSON array of `Claimant`, distinct;
 * `projectId` is the project's id column in the outer query (e.g. sql`p.id`).
 * @example sql`SELECT p.id, ${claimantsColumn(sql`p.id`)} AS claimants FROM projects p`
 */
export const claimantsColumn = (projectId: SQL) => sql`(SELECT json_group_array(
    json_object('partnerName', pa.name, 'volunteerName', v.name))
  FROM (SELECT DISTINCT partner_id, volunteer_id FROM claims
        WHERE project_id = ${projectId} AND status = 'accepted') k
    LEFT JOIN partners pa ON pa.id = k.partner_id
    LEFT JOIN volunteers v ON v.id = k.volunteer_id)`

/** The column's JSON text as claimants (an absent column reads as none). */
export const parseClaimants = (json: string | null | undefined): Claimant[] =>
  json ? (JSON.parse(json) as Claimant[]) : []
