import { and, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../env'
import { topics } from '../schema'
import { rawStatement, type Statement } from '../batch'
import type { CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { errorText } from '../../lib/resource'
import { pathTo, sourcesOf, type TransitionInput } from '../../domain/topic-workflow'
import type { ProjectStatus, TopicStatus } from '../../domain/vocabulary'

// Statements that move topics through the state machine, to put in ONE db.batch with whatever
// else the write does. Each move writes the timeline event and the audit row next to the update.
// D1 has no interactive transactions, so each batch starts with guards: statements that fail the
// whole batch when a topic changed between the checks and the write.

export type Actor = Pick<CurrentUser, 'id'>

/** At most this many ids per IN-list, leaving room under D1's 100 bound parameters. */
export const CHUNK = 80

/**
 * A list cut into pieces of at most `size`.
 * @example chunks([1, 2, 3], 2) // [[1, 2], [3]]
 */
export const chunks = <T>(list: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

const GUARD_FAILED = 'NOT NULL constraint failed: topic_events.topic_id'

/**
 * A statement that aborts its batch when `condition` holds (it inserts a row that breaks a
 * NOT NULL constraint). SQLite has no RAISE outside triggers; this is the same effect.
 * @example guard(db, sql`EXISTS (SELECT 1 FROM topics WHERE id = 1 AND status <> 'submitted')`)
 */
export const guard = (db: Db, condition: SQL): Statement =>
  rawStatement(
    db,
    sql`INSERT INTO topic_events (topic_id, at, kind) SELECT NULL, 0, 'guard' WHERE ${condition}`,
  )

/**
 * Runs a batch; a failed guard becomes 409 `conflict` (someone changed the records meanwhile).
 * @example await runGuarded(db, [guard(db, cond), update])
 */
export const runGuarded = async (
  db: Db,
  statements: Statement[],
  message = '议题刚被其他人修改，请刷新后重试',
): Promise<unknown[]> => {
  try {
    return await db.batch(statements as [Statement, ...Statement[]])
  } catch (err) {
    if (errorText(err).includes(GUARD_FAILED))
      throw new ApiError('conflict', message, { cause: err })
    throw err
  }
}

type MoveOptions = {
  action: string
  now: number
  /** The adopting project: an id, or a subquery for one created in the same batch. */
  projectRef?: number | SQL
}

export const blankToNull = (text: string | null | undefined) =>
  text && text.trim() ? text.trim() : null

/** The columns a move to `to` sets. */
const setFor = (to: TopicStatus, input: TransitionInput, { now, projectRef }: MoveOptions) => {
  const note = blankToNull(input.note)
  const set: Partial<Record<keyof typeof topics.$inferInsert, unknown>> = {
    status: to,
    updatedAt: now,
  }
  if (to === 'accepted') {
    set.acceptedAt = sql`coalesce(${topics.acceptedAt}, ${now})`
    set.publicReply = note
  }
  if (to === 'declined') set.publicReply = note
  if (to === 'referred') {
    set.referredTo = blankToNull(input.referredTo)
    if (note) set.publicReply = note
  }
  if (to === 'adopted') {
    set.adoptedAt = now
    set.projectId = projectRef ?? input.projectId
  }
  if (to === 'done') set.doneAt = now
  if (to === 'merged') set.mergedIntoId = input.targetId
  return set
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
    db
      .update(topics)
      .set(setFor(to, input, options) as Partial<typeof topics.$inferInsert>)
      .where(where),
  ]
}

/**
 * Moves the topics `ids` to `to`, all or none: per chunk of ids, a guard that every one still
 * exists in a status the machine allows the move from, then the event, audit and update.
 * @example await runGuarded(db, moveStatements(db, user, [1, 2], 'accepted', { note }, opts))
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
 * @example db.batch([updateProject, ...carryStatements(db, user, 7, 'done', '项目已完成', now)])
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

/** The public note on a topic's timeline when its project's status is carried to it. */
export const carryNote = (status: ProjectStatus, title: string) =>
  status === 'done' ? `项目「${title}」已完成` : `项目「${title}」开始实施`
