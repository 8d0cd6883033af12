import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { Resolved } from '../../../domain/evaluation'
import { voiceSourceSql } from './voices'

// 监督评议: a resident's rating of a done project (who may rate is domain/evaluation.ts and
// domain/voice.ts).

/** A phone a code was left with: a support's (supports.phone) or a filer's (topics.submitter_phone). */
const phoneOfCode = (code: SQL) => sql`(SELECT phone FROM supports WHERE tracking_code = ${code}
    AND phone IS NOT NULL
  UNION SELECT submitter_phone FROM topics WHERE tracking_code = ${code}
    AND submitter_phone IS NOT NULL)`

/**
 * Whether another code of the same phone already rated the project: one phone is one resident,
 * however many codes it ticked with (domain/voice.ts, rule 3).
 */
const samePhoneRated = (projectId: number, code: string) => sql`EXISTS (
  SELECT 1 FROM evaluations e WHERE e.project_id = ${projectId} AND e.tracking_code <> ${code}
    AND EXISTS (SELECT 1 FROM ${phoneOfCode(sql`e.tracking_code`)} AS p
      WHERE p.phone IN ${phoneOfCode(sql`${code}`)}))`

/**
 * Stores a rating once per code and project, only while the project is done and only for a code
 * with a voice (a filer's, or a verified supporter's: its source is stored with it), and once
 * per phone among the codes left with one. One statement, so a double tap or a project reopened
 * meanwhile cannot slip through. False when nothing was stored.
 */
export const insertEvaluation = async (
  db: Db,
  e: { projectId: number; code: string; resolved: Resolved; satisfaction: number; comment: string },
) => {
  const voice = voiceSourceSql(e.code)
  const row = await db.get<{ id: number } | undefined>(sql`INSERT INTO evaluations
      (project_id, tracking_code, source, resolved, satisfaction, comment, created_at)
    SELECT ${e.projectId}, ${e.code}, ${voice}, ${e.resolved}, ${e.satisfaction}, ${e.comment},
      ${Date.now()}
    WHERE EXISTS (SELECT 1 FROM projects WHERE id = ${e.projectId} AND status = 'done')
      AND ${voice} IS NOT NULL
      AND NOT ${samePhoneRated(e.projectId, e.code)}
    ON CONFLICT (project_id, tracking_code) DO NOTHING RETURNING id`)
  return !!row
}
