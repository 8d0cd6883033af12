import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { rawAll } from '../../batch'

// The neighborhood × step matrix of a programme: its neighborhoods (those of its town in the
// caller's scope, applied or not) and every step item of its projects with the figures a cell
// shows. The items come from ONE statement: projects by the projects_programme index, their items
// by checklist_items_project, each item's confirmations by confirmations_item.
// `scope` conditions are lib/scope's `scopeWhere` on "neighborhoods"."id" and
// "projects"."neighborhood_id".

export type MatrixNeighborhood = {
  id: number
  name: string
  slug: string
  projectId: number | null
}

export type MatrixItem = {
  itemId: number
  projectId: number
  neighborhoodId: number
  stepId: number
  title: string
  done: number
  doneAt: number | null
  dueAt: number | null
  ownerUserId: number | null
  confirmed: number
  disputed: number
  evidence: number
}

/** The programme's neighborhoods in scope, with the project the programme has there (if any). */
export const matrixNeighborhoods = (db: Db, programmeId: number, scope: SQL | undefined) =>
  rawAll<MatrixNeighborhood>(
    db,
    sql`SELECT neighborhoods.id, neighborhoods.name, neighborhoods.slug,
      (SELECT x.id FROM projects x WHERE x.programme_id = ${programmeId}
        AND x.neighborhood_id = neighborhoods.id) AS projectId
    FROM neighborhoods
    WHERE neighborhoods.town_id = (SELECT town_id FROM programmes WHERE id = ${programmeId})
      AND ${scope ?? sql`1`}
    ORDER BY neighborhoods.id`,
  )

/** The SQL of `matrixItems` (exported so the bench can EXPLAIN it). */
export const matrixItemsSql = (programmeId: number, scope: SQL | undefined) =>
  sql`SELECT ci.id AS itemId, projects.id AS projectId, projects.neighborhood_id AS neighborhoodId,
      ci.step_id AS stepId, ci.title, ci.done, ci.done_at AS doneAt, ci.due_at AS dueAt,
      ci.owner_user_id AS ownerUserId,
      coalesce((SELECT sum(c.people) FROM confirmations c
        WHERE c.item_id = ci.id AND c.verdict = 'confirmed'), 0) AS confirmed,
      coalesce((SELECT sum(c.people) FROM confirmations c
        WHERE c.item_id = ci.id AND c.verdict = 'disputed'), 0) AS disputed,
      EXISTS (SELECT 1 FROM step_evidence e WHERE e.item_id = ci.id) AS evidence
    FROM projects JOIN checklist_items ci ON ci.project_id = projects.id
    WHERE projects.programme_id = ${programmeId} AND ci.step_id IS NOT NULL
      AND ${scope ?? sql`1`}`

/** Every step item of the programme's projects in scope, with confirmations and evidence. */
export const matrixItems = (db: Db, programmeId: number, scope: SQL | undefined) =>
  rawAll<MatrixItem>(db, matrixItemsSql(programmeId, scope))
