import { inArray, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { topics } from '../../schema'
import { type AuditAction, FINAL_TOPIC_STATUSES } from '../../../domain/vocabulary'
import {
  blankToNull,
  mergedInNote,
  mergedOutNote,
  mergeNote,
  UNMERGE_NOTE,
} from '../../../domain/topic-workflow'
import { chunks, guard, rawStatement, type Statement } from '../../batch'
import { type Actor, moveStatements } from './moves'

// Merging topics (合并) and undoing a merge: the statements for one batch (run it with
// `guardedBatch`: the guards fail when a topic changed since it was checked).

export type MergeInput = { note?: string | null; internalNote?: string | null }

/**
 * Merges `sources` into `target`: sources become `merged`; their tracking codes and their
 * supporters' codes follow the target as supports (source 'merged'); the target's support
 * count grows by the followers actually added; events on both sides; audit rows.
 */
export const mergeStatements = (
  db: Db,
  actor: Actor,
  sources: { id: number; title: string }[],
  target: { id: number; trackingCode: string; title: string },
  input: MergeInput,
  now: number,
): Statement[] => {
  const note = blankToNull(input.note) ?? mergeNote(target.title)
  const sourceIds = sources.map((s) => s.id)
  const moves = moveStatements(
    db,
    actor,
    sourceIds,
    'merged',
    { ...input, note, targetId: target.id },
    {
      action: 'merge',
      now,
    },
  )
  const followers = chunks(sourceIds).flatMap((part) => [
    rawStatement(
      db,
      sql`
      INSERT OR IGNORE INTO supports (topic_id, tracking_code, source, created_at)
      SELECT ${target.id}, code, 'merged', ${now} FROM (
        SELECT tracking_code AS code FROM topics WHERE ${inArray(topics.id, part)}
        UNION SELECT tracking_code FROM supports WHERE ${inArray(sql`topic_id`, part)}
      ) WHERE code <> ${target.trackingCode}`,
    ),
    // changes() is the number of rows the insert above added (duplicates were ignored).
    rawStatement(
      db,
      sql`UPDATE topics SET support_count = support_count + changes() WHERE id = ${target.id}`,
    ),
  ])
  // One event on the target per source, named by its title (residents never see numbers).
  const mergedIn = sources.map((source) =>
    rawStatement(
      db,
      sql`
      INSERT INTO topic_events (topic_id, at, actor_user_id, kind, public_note, internal_note)
      VALUES (${target.id}, ${now}, ${actor.id}, 'merged_in', ${mergedInNote(source.title)},
              ${blankToNull(input.internalNote)})`,
    ),
  )
  return [
    guard(
      db,
      sql`NOT EXISTS (SELECT 1 FROM ${topics}
      WHERE ${topics.id} = ${target.id} AND ${notInArray(topics.status, [...FINAL_TOPIC_STATUSES])})`,
    ),
    ...moves,
    ...followers,
    ...mergedIn,
    db.update(topics).set({ updatedAt: now }).where(sql`${topics.id} = ${target.id}`),
    rawStatement(
      db,
      sql`
      INSERT INTO audit_log (at, user_id, action, resource, record_id, after)
      VALUES (${now}, ${actor.id}, ${'merge_in' satisfies AuditAction}, 'topics', ${String(target.id)},
              ${JSON.stringify({ mergedIds: sourceIds })})`,
    ),
  ]
}

/**
 * Undoes the merge of `source` (a mistake, or two things after all): it goes back to the status
 * it was merged from; the codes that followed it to the target at that merge (its own and its
 * supporters', source 'merged', written at the merge's time) leave the target again, and the
 * target's support count shrinks by as many; events on both sides; an audit row. For one
 * batch, run with `guardedBatch`: the guard fails if the topic is no longer merged.
 */
export const unmergeStatements = (
  db: Db,
  actor: Actor,
  source: { id: number; trackingCode: string; title: string; mergedIntoId: number },
  input: MergeInput,
  now: number,
): Statement[] => {
  const targetId = source.mergedIntoId
  // The event that merged it: the status it came from, and when (the followers carry that time).
  const merged = (column: 'from_status' | 'at') => sql`(SELECT ${sql.raw(column)} FROM topic_events
    WHERE topic_id = ${source.id} AND to_status = 'merged' ORDER BY at DESC, id DESC LIMIT 1)`
  const note = blankToNull(input.note) ?? UNMERGE_NOTE
  return [
    guard(
      db,
      sql`NOT EXISTS (SELECT 1 FROM topics WHERE id = ${source.id} AND status = 'merged'
      AND merged_into_id = ${targetId}) OR ${merged('from_status')} IS NULL`,
    ),
    rawStatement(
      db,
      sql`
      DELETE FROM supports WHERE topic_id = ${targetId} AND source = 'merged' AND created_at = ${merged('at')}
        AND tracking_code IN (SELECT ${source.trackingCode} UNION SELECT tracking_code FROM supports WHERE topic_id = ${source.id})`,
    ),
    // changes() is the number of rows the delete above removed.
    rawStatement(
      db,
      sql`UPDATE topics SET support_count = MAX(0, support_count - changes()), updated_at = ${now}
      WHERE id = ${targetId}`,
    ),
    rawStatement(
      db,
      sql`
      INSERT INTO topic_events (topic_id, at, actor_user_id, kind, from_status, to_status, public_note, internal_note)
      VALUES (${source.id}, ${now}, ${actor.id}, 'unmerged', 'merged', ${merged('from_status')}, ${note},
              ${blankToNull(input.internalNote)})`,
    ),
    rawStatement(
      db,
      sql`
      INSERT INTO topic_events (topic_id, at, actor_user_id, kind, public_note)
      VALUES (${targetId}, ${now}, ${actor.id}, 'merged_out', ${mergedOutNote(source.title)})`,
    ),
    rawStatement(
      db,
      sql`
      INSERT INTO audit_log (at, user_id, action, resource, record_id, before, after)
      SELECT ${now}, ${actor.id}, ${'unmerge' satisfies AuditAction}, 'topics', ${String(source.id)},
             json_object('status', 'merged', 'mergedIntoId', ${targetId}),
             json_object('status', ${merged('from_status')}, 'mergedIntoId', NULL)`,
    ),
    rawStatement(
      db,
      sql`UPDATE topics SET status = ${merged('from_status')}, merged_into_id = NULL, updated_at = ${now}
      WHERE id = ${source.id}`,
    ),
  ]
}
