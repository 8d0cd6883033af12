import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { Resolved } from '../../../domain/evaluation'

// 监督评议: a resident's rating of a done project (who may rate is domain/evaluation.ts).

/**
 * Stores a rating once per code and project, and only while the project is done: one statement,
 * so a double tap or a project reopened meanwhile cannot slip through. False when nothing stored.
 */
export const insertEvaluation = async (
  db: Db,
  e: { projectId: number; code: string; resolved: Resolved; satisfaction: number; comment: string },
) => {
  const row = await db.get<{ id: number } | undefined>(sql`INSERT INTO evaluations
      (project_id, tracking_code, resolved, satisfaction, comment, created_at)
    SELECT ${e.projectId}, ${e.code}, ${e.resolved}, ${e.satisfaction}, ${e.comment}, ${Date.now()}
    WHERE EXISTS (SELECT 1 FROM projects WHERE id = ${e.projectId} AND status = 'done')
    ON CONFLICT (project_id, tracking_code) DO NOTHING RETURNING id`)
  return !!row
}
