import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { AuditAction, Post } from '../../../domain/vocabulary'
import { rawAll, rawStatement, type Statement } from '../../batch'

// Applying a programme: per neighborhood one project whose checklist is the programme's steps,
// each item owned by whoever holds the step's post there. Everything is ONE batch (atomic) and
// idempotent: a project is made only where the programme has none, an item only where its
// project lacks that step (the unique indexes of migration 0010 back this up). The same item
// statement adds steps added to the template later to projects that exist already.
//
// Lists travel as one JSON parameter each (json_each), so no statement comes near D1's 100 bound
// parameters, whatever the number of neighborhoods and steps.

export type StepPlan = {
  id: number
  title: string
  sortOrder: number
  ownerPost: Post
  dueAt: number
}
export type OwnerPlan = { neighborhoodId: number; post: Post; userId: number }
export type ProgrammePlan = {
  id: number
  name: string
  description: string
  owningBody: string
  endsAt: number
}

const json = (value: unknown) => JSON.stringify(value)

/** Upserts who holds which post (the owners named when applying), for this and later applies. */
export const postStatements = (db: Db, owners: OwnerPlan[], now: number): Statement[] =>
  owners.length
    ? [
        rawStatement(
          db,
          sql`INSERT INTO neighborhood_posts (neighborhood_id, post, user_id, updated_at)
          SELECT json_extract(j.value, '$.neighborhoodId'), json_extract(j.value, '$.post'),
                 json_extract(j.value, '$.userId'), ${now}
          FROM json_each(${json(owners)}) j WHERE true
          ON CONFLICT (neighborhood_id, post) DO UPDATE SET user_id = excluded.user_id,
            updated_at = excluded.updated_at`,
        ),
      ]
    : []

/**
 * The projects the programme lacks among `neighborhoodIds`, owned by each one's 书记 (post
 * 'secretary') when known; returns the new rows. Audit rows for them follow in the same batch.
 */
export const insertProjectsStatements = (
  db: Db,
  p: ProgrammePlan,
  neighborhoodIds: number[],
  userId: number,
  now: number,
) => [
  rawAll<{ id: number; neighborhoodId: number }>(
    db,
    sql`INSERT INTO projects (neighborhood_id, title, description, owner_user_id, owning_body,
        deadline_at, status, created_by, created_at, updated_at, programme_id)
      SELECT n.id, ${p.name}, ${p.description},
        (SELECT user_id FROM neighborhood_posts np WHERE np.neighborhood_id = n.id AND np.post = 'secretary'),
        ${p.owningBody}, ${p.endsAt}, 'planned', ${userId}, ${now}, ${now}, ${p.id}
      FROM neighborhoods n
      WHERE n.id IN (SELECT value FROM json_each(${json(neighborhoodIds)}))
        AND NOT EXISTS (SELECT 1 FROM projects x WHERE x.programme_id = ${p.id} AND x.neighborhood_id = n.id)
      ORDER BY n.id
      RETURNING id, neighborhood_id AS neighborhoodId`,
  ),
  rawStatement(
    db,
    sql`INSERT INTO audit_log (at, user_id, action, resource, record_id, before, after)
      SELECT ${now}, ${userId}, ${'create' satisfies AuditAction}, 'projects', CAST(id AS TEXT), NULL,
        json_object('programmeId', programme_id, 'neighborhoodId', neighborhood_id, 'title', title,
          'ownerUserId', owner_user_id, 'deadlineAt', deadline_at)
      FROM projects WHERE programme_id = ${p.id} AND created_at = ${now} AND created_by = ${userId}`,
  ),
]

/**
 * The items the programme's projects among `neighborhoodIds` lack: one per step, owned by the
 * holder of the step's post in that neighborhood, due as the template says. Returns the new rows.
 */
export const insertItemsStatement = (
  db: Db,
  programmeId: number,
  steps: StepPlan[],
  neighborhoodIds: number[],
  now: number,
) =>
  rawAll<{ id: number }>(
    db,
    sql`INSERT INTO checklist_items (project_id, title, owner_user_id, due_at, done, sort_order,
        created_at, step_id)
      SELECT p.id, json_extract(s.value, '$.title'),
        (SELECT user_id FROM neighborhood_posts np WHERE np.neighborhood_id = p.neighborhood_id
          AND np.post = json_extract(s.value, '$.ownerPost')),
        json_extract(s.value, '$.dueAt'), 0, json_extract(s.value, '$.sortOrder'), ${now},
        json_extract(s.value, '$.id')
      FROM projects p, json_each(${json(steps)}) s
      WHERE p.programme_id = ${programmeId}
        AND p.neighborhood_id IN (SELECT value FROM json_each(${json(neighborhoodIds)}))
        AND NOT EXISTS (SELECT 1 FROM checklist_items ci
          WHERE ci.project_id = p.id AND ci.step_id = json_extract(s.value, '$.id'))
      ORDER BY p.id, json_extract(s.value, '$.sortOrder')
      RETURNING id`,
  )
