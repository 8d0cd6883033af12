import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { EvidenceKind, Verdict, ConfirmationSource } from '../../../domain/vocabulary'
import { rawStatement, type Statement } from '../../batch'

// One programme step's item in one neighborhood, as staff see it: the item, its step, the
// evidence recorded and the residents' answers; and the statements that mark it done or not.

export type ItemRow = {
  id: number
  projectId: number
  neighborhoodId: number
  neighborhoodName: string
  neighborhoodSlug: string
  programmeId: number
  programmeName: string
  townId: number
  stepId: number
  title: string
  doneWhen: string
  evidenceKind: EvidenceKind
  public: number
  ownerUserId: number | null
  dueAt: number | null
  stepDueAt: number | null
  stepDueDays: number | null
  done: number
  doneAt: number | null
  note: string | null
  photoUrl: string | null
  number: number | null
  recordedBy: number | null
  recordedAt: number | null
}

/** An item of a programme step with its context, or none (also for plain checklist items). */
export const itemQuery = (id: number) => sql`
  SELECT ci.id, ci.project_id AS projectId, p.neighborhood_id AS neighborhoodId,
    n.name AS neighborhoodName, n.slug AS neighborhoodSlug, g.id AS programmeId,
    g.name AS programmeName, g.town_id AS townId, s.id AS stepId, ci.title, s.done_when AS doneWhen,
    s.evidence AS evidenceKind, s.public, ci.owner_user_id AS ownerUserId, ci.due_at AS dueAt,
    s.due_at AS stepDueAt, s.due_days AS stepDueDays, ci.done, ci.done_at AS doneAt,
    e.note, e.photo_url AS photoUrl, e.number, e.recorded_by AS recordedBy, e.recorded_at AS recordedAt
  FROM checklist_items ci
    JOIN projects p ON p.id = ci.project_id
    JOIN neighborhoods n ON n.id = p.neighborhood_id
    JOIN programme_steps s ON s.id = ci.step_id
    JOIN programmes g ON g.id = p.programme_id
    LEFT JOIN step_evidence e ON e.item_id = ci.id
  WHERE ci.id = ${id}`

export type Tally = { verdict: Verdict; source: ConfirmationSource; people: number }

/** The residents' answers on an item, summed by verdict and source. */
export const tallyQuery = (id: number) => sql`
  SELECT verdict, source, coalesce(sum(people), 0) AS people FROM confirmations
  WHERE item_id = ${id} GROUP BY verdict, source ORDER BY verdict, source`

/**
 * Marks the item done with its evidence (upserted), in the caller's batch with the audit row.
 * `done_at` is kept when it was done already (a correction of the evidence).
 */
export const markDoneStatements = (
  db: Db,
  itemId: number,
  projectId: number,
  evidence: { note: string; photoUrl: string | null; number: number | null },
  userId: number,
  now: number,
): Statement[] => [
  rawStatement(
    db,
    sql`UPDATE checklist_items SET done = 1, done_at = coalesce(done_at, ${now}) WHERE id = ${itemId}`,
  ),
  rawStatement(
    db,
    sql`INSERT INTO step_evidence (item_id, note, photo_url, number, recorded_by, recorded_at)
      VALUES (${itemId}, ${evidence.note}, ${evidence.photoUrl}, ${evidence.number}, ${userId}, ${now})
      ON CONFLICT (item_id) DO UPDATE SET note = excluded.note, photo_url = excluded.photo_url,
        number = excluded.number, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
  ),
  rawStatement(db, sql`UPDATE projects SET updated_at = ${now} WHERE id = ${projectId}`),
]

/** Reopens the item (not done); its evidence and residents' answers stay on record. */
export const reopenStatements = (db: Db, itemId: number, projectId: number, now: number) => [
  rawStatement(db, sql`UPDATE checklist_items SET done = 0, done_at = NULL WHERE id = ${itemId}`),
  rawStatement(db, sql`UPDATE projects SET updated_at = ${now} WHERE id = ${projectId}`),
]

/** Moves the item's due date. */
export const moveDueStatement = (db: Db, itemId: number, dueAt: number) =>
  rawStatement(db, sql`UPDATE checklist_items SET due_at = ${dueAt} WHERE id = ${itemId}`)

/** A paper tick sheet's counts: one row per verdict with people > 0. */
export const paperStatements = (
  db: Db,
  item: { id: number; neighborhoodId: number },
  counts: { confirmed: number; disputed: number; note: string },
  userId: number,
  now: number,
): Statement[] =>
  (['confirmed', 'disputed'] as const)
    .filter((verdict) => counts[verdict] > 0)
    .map((verdict) =>
      rawStatement(
        db,
        sql`INSERT INTO confirmations (item_id, neighborhood_id, verdict, source, voice, people,
            comment, created_by, created_at)
          VALUES (${item.id}, ${item.neighborhoodId}, ${verdict}, 'paper', NULL, ${counts[verdict]},
            ${counts.note}, ${userId}, ${now})`,
      ),
    )
