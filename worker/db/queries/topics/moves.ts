import { and, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { topics } from '../../schema'
import { chunks, guard, rawStatement, type Statement } from '../../batch'
import {
  blankToNull,
  moveChanges,
  pathTo,
  REACHED_AT,
  sourcesOf,
  type TransitionInput,
} from '../../../domain/topic-workflow'
import type { AuditAction, TopicStatus } from '../../../domain/vocabulary'
import { TOPIC_MESSAGE } from '../../../domain/notify/events'
import { topicMessagesStatement } from '../notify/outbox'

// Statements that move topics through the state machine (domain/topic-workflow.ts), to put in
// ONE batch with whatever else the write does. Each move writes the timeline event and the audit
// row next to the update. D1 has no interactive transactions, so each batch starts with guards:
// run it with `guardedBatch` (db/batch.ts), which tells when a topic changed between the checks
// and the write.

/** Who moves the topics (the staff member's id goes into events and audit rows). */
export type Actor = { id: number }

type MoveOptions = {
  action: AuditAction
  now: number
  /** The adopting project: an id, or a subquery for one created in the same batch. */
  projectRef?: number | SQL
}

/** The columns a move to `to` sets: the domain's fields and first-reached times, as SQL. */
const setFor = (to: TopicStatus, input: TransitionInput, { now, projectRef }: MoveOptions) => {
  const reached = REACHED_AT[to]
  const changes = moveChanges(to, input)
  return {
    ...changes,
    status: to,
    updatedAt: now,
    // Every move is an edit: an editor holding the version from before it is stale (lib/versions.ts).
    version: sql`${topics.version} + 1`,
    ...(reached && { [reached]: sql`coalesce(${topics[reached]}, ${now})` }),
    ...(to === 'adopted' && { projectId: projectRef ?? changes.projectId }),
  }
}

/**
 * The event, audit row and update moving every topic matching `where` to `to`, in this order
 * (the event and audit read the status before the update).
 */
export const stepStatements = (
  db: Db,
  actor: Actor,
  where: SQL,
  to: TopicStatus,
  input: TransitionInput,
  options: MoveOptions,
): Statement[] => {
  const { now, action } = options
  const note = blankToNull(input.note)
  const internal = blankToNull(input.internalNote)
  const after = JSON.stringify({
    status: to,
    ...(note && { note }),
    ...(internal && { internalNote: internal }),
    ...(input.referredTo && { referredTo: input.referredTo }),
    ...(input.targetId && { mergedIntoId: input.targetId }),
    ...(typeof options.projectRef === 'number' && { projectId: options.projectRef }),
    ...(input.projectId && { projectId: input.projectId }),
  })
  // Residents who opted in are told, in the same batch (before the update: `where` may read the
  // status the topics move from).
  const message = TOPIC_MESSAGE[to]
  const tell = message
    ? [
        topicMessagesStatement(
          db,
          where,
          message.template,
          { note, referredTo: input.referredTo, link: message.link },
          now,
        ),
      ]
    : []
  return [
    rawStatement(
      db,
      sql`
      INSERT INTO topic_events (topic_id, at, actor_user_id, kind, from_status, to_status, public_note, internal_note)
      SELECT ${topics.id}, ${now}, ${actor.id}, ${to}, ${topics.status}, ${to}, ${note}, ${internal}
      FROM ${topics} WHERE ${where}`,
    ),
    rawStatement(
      db,
      sql`
      INSERT INTO audit_log (at, user_id, action, resource, record_id, before, after)
      SELECT ${now}, ${actor.id}, ${action}, 'topics', CAST(${topics.id} AS TEXT),
             json_object('status', ${topics.status}), ${after}
      FROM ${topics} WHERE ${where}`,
    ),
    ...tell,
    db
      .update(topics)
      .set(setFor(to, input, options))
      .where(where),
  ]
}

/**
 * Moves the topics `ids` to `to`, all or none: per chunk of ids, a guard that every one still
 * exists in a status the machine allows the move from, then the event, audit and update.
 * @example await guardedBatch(db, moveStatements(db, user, [1, 2], 'accepted', { note }, opts))
 */
export const moveStatements = (
  db: Db,
  actor: Actor,
  ids: number[],
  to: TopicStatus,
  input: TransitionInput,
  options: MoveOptions,
): Statement[] =>
  chunks(ids).flatMap((part) => [
    guard(
      db,
      sql`(SELECT count(*) FROM ${topics}
      WHERE ${and(inArray(topics.id, part), inArray(topics.status, sourcesOf(to)))}) <> ${part.length}`,
    ),
    ...stepStatements(db, actor, inArray(topics.id, part), to, input, options),
  ])

/**
 * A project's status carried to its topics: in_progress moves its adopted topics on; done moves
 * them (through in_progress) to done. Each step writes its own events and audit rows.
 * @example await guardedBatch(db, [updateProject, ...carryStatements(db, user, 7, 'done', note, now)])
 */
export const carryStatements = (
  db: Db,
  actor: Actor,
  projectRef: number | SQL,
  target: TopicStatus,
  note: string,
  now: number,
): Statement[] =>
  pathTo('adopted', target).flatMap((to, i, steps) => {
    const from: TopicStatus = i === 0 ? 'adopted' : steps[i - 1]
    const where = sql`${topics.projectId} = ${projectRef} AND ${topics.status} = ${from}`
    return stepStatements(db, actor, where, to, { note }, { action: 'project_status', now })
  })
