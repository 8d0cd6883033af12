import { inArray, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../env'
import { topics } from '../schema'
import { FINAL_STATUSES } from '../../domain/topic-workflow'
import { type Actor, blankToNull, chunks, guard, moveStatements } from './topic-moves'
import { rawStatement, type Statement } from '../batch'

// Merging topics (合并): the statements for one db.batch (run it with runGuarded).

export type MergeInput = { note?: string | null; internalNote?: string | null }

/**
 * Merges `sourceIds` into `target`: sources become `merged`; their tracking codes and their
 * supporters' codes follow the target as supports (source 'merged'); the target's support
 * count grows by the followers actually added; events on both sides; audit rows.
 */
export const mergeStatements = (
  db: Db,
  actor: Actor,
  sourceIds: number[],
  target: { id: number; trackingCode: string },
  input: MergeInput,
  now: number,
): Statement[] => {
  const note = blankToNull(input.note) ?? `已合并到议题 #${target.id}，请关注该议题的进展`
  const moves = moveStatements(db, actor, sourceIds, 'merged', { ...input, note, targetId: target.id }, {
    action: 'merge',
    now,
  })
  const followers = chunks(sourceIds).flatMap((part) => [
    rawStatement(db, sql`
      INSERT OR IGNORE INTO supports (topic_id, tracking_code, source, created_at)
      SELECT ${target.id}, code, 'merged', ${now} FROM (
        SELECT tracking_code AS code FROM topics WHERE ${inArray(topics.id, part)}
        UNION SELECT tracking_code FROM supports WHERE ${inArray(sql`topic_id`, part)}
      ) WHERE code <> ${target.trackingCode}`),
    // changes() is the number of rows the insert above added (duplicates were ignored).
    rawStatement(db, sql`UPDATE topics SET support_count = support_count + changes() WHERE id = ${target.id}`),
    rawStatement(db, sql`
      INSERT INTO topic_events (topic_id, at, actor_user_id, kind, public_note, internal_note)
      SELECT ${target.id}, ${now}, ${actor.id}, 'merged_in',
             '议题 #' || id || '「' || title || '」已合并到本议题', ${blankToNull(input.internalNote)}
      FROM topics WHERE ${inArray(topics.id, part)}`),
  ])
  return [
    guard(db, sql`NOT EXISTS (SELECT 1 FROM ${topics}
      WHERE ${topics.id} = ${target.id} AND ${notInArray(topics.status, [...FINAL_STATUSES])})`),
    ...moves,
    ...followers,
    db.update(topics).set({ updatedAt: now }).where(sql`${topics.id} = ${target.id}`),
    rawStatement(db, sql`
      INSERT INTO audit_log (at, user_id, action, resource, record_id, after)
      VALUES (${now}, ${actor.id}, 'merge_in', 'topics', ${String(target.id)},
              ${JSON.stringify({ mergedIds: sourceIds })})`),
  ]
}
