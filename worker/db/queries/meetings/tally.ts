import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { meetingItems, meetings, projects, topics } from '../../schema'
import { guard, rawStatement, type Statement } from '../../batch'
import { audit, auditCreate } from '../audit'
import { type AdoptingProject, adoptStatements, NEW_PROJECT_ID } from '../projects'
import { type Actor, moveStatements } from '../topics/moves'
import { topicMessagesStatement } from '../notify/outbox'
import { AGENDA_TOPIC_STATUSES, DECISION_MOVE } from '../../../domain/meetings/decision'
import { blankToNull } from '../../../domain/topic-workflow'
import type { Tally } from '../../../domain/meetings/tally'
import type { MeetingDecision, ProjectStatus } from '../../../domain/vocabulary'

// Recording an agenda item's show of hands, and its decision with everything the decision does,
// as the statements of ONE db.batch (D1 has no interactive transactions; a batch is atomic). The
// batch opens with guards, so that an item decided or a topic moved by someone else between the
// caller's checks and the write fails the whole batch (409) and nothing is half-done:
//   [guards] → [new project + its audit row] → item update + its audit row → meeting 'held'
//   → the decision's topic statements (adopt / move / timeline entry).

export type NewProject = {
  title: string
  owningBody: string
  ownerUserId: number | null
  deadlineAt: number | null
}

export type TallyWrite = {
  meetingId: number
  item: { id: number; topicId: number; neighborhoodId: number; before: unknown }
  tally: Tally
  decision: {
    decision: MeetingDecision
    /** The public sentence citing the meeting (domain/meetings/decision.ts). */
    sentence: string
    note: string | null
    referredTo: string | null
    /** 立项: the existing project, or a new one to create in the same batch. */
    project?: { id: number; title: string; status: ProjectStatus } | { create: NewProject }
    confirmedLowSupport: boolean
  } | null
}

/**
 * The statements recording `w` as `actor` at `now`, for `guardedBatch(db, …)`.
 * @example await guardedBatch(db, tallyStatements(db, user, write, Date.now()))
 */
export const tallyStatements = (db: Db, actor: Actor, w: TallyWrite, now: number): Statement[] => {
  const d = w.decision
  const statements: Statement[] = [
    // The item is still undecided and its meeting not cancelled.
    guard(
      db,
      sql`NOT EXISTS (SELECT 1 FROM ${meetingItems} JOIN ${meetings} ON ${meetings.id} = ${meetingItems.meetingId}
        WHERE ${meetingItems.id} = ${w.item.id} AND ${meetingItems.decision} IS NULL
          AND ${meetings.status} <> 'cancelled')`,
    ),
  ]
  const named = d?.project
  let project: AdoptingProject | undefined
  if (named && 'create' in named) {
    const values = {
      neighborhoodId: w.item.neighborhoodId,
      title: named.create.title,
      owningBody: named.create.owningBody,
      ownerUserId: named.create.ownerUserId,
      deadlineAt: named.create.deadlineAt,
      description: '',
      status: 'planned' as const,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    }
    statements.push(
      db.insert(projects).values(values),
      // Right after the insert: the audit row takes the new id from last_insert_rowid().
      auditCreate(db, actor, 'projects', { ...values, topicIds: [w.item.topicId] }),
    )
    project = { id: NEW_PROJECT_ID, title: values.title, status: values.status }
  } else if (named) project = named

  const set = {
    present: w.tally.present,
    inFavour: w.tally.inFavour,
    against: w.tally.against,
    abstain: w.tally.abstain,
    updatedAt: now,
    ...(d && {
      decision: d.decision,
      projectId: project?.id ?? null,
      referredTo: d.decision === 'refer' ? blankToNull(d.referredTo) : null,
      note: blankToNull(d.note),
      confirmedLowSupport: d.confirmedLowSupport,
      decidedAt: now,
      decidedBy: actor.id,
    }),
  }
  statements.push(
    db
      .update(meetingItems)
      .set(set)
      .where(and(eq(meetingItems.id, w.item.id), isNull(meetingItems.decision))),
    audit(db, actor, {
      action: d ? 'decide' : 'tally',
      resource: 'meeting-items',
      recordId: w.item.id,
      before: w.item.before,
      after: {
        ...w.tally,
        ...(d && {
          decision: d.decision,
          projectId: typeof project?.id === 'number' ? project.id : null,
          ...(project && typeof project.id !== 'number' && { newProject: project.title }),
          referredTo: d.referredTo,
          note: d.note,
          confirmedLowSupport: d.confirmedLowSupport,
        }),
      },
    }),
    // A tally means the meeting took place.
    db
      .update(meetings)
      .set({ status: 'held', updatedAt: now })
      .where(and(eq(meetings.id, w.meetingId), eq(meetings.status, 'planned'))),
  )
  if (!d) return statements

  const to = DECISION_MOVE[d.decision]
  if (d.decision === 'adopt' && project)
    statements.push(
      ...adoptStatements(db, actor, [w.item.topicId], project, { note: d.sentence }, now),
    )
  else if (to)
    statements.push(
      ...moveStatements(
        db,
        actor,
        [w.item.topicId],
        to,
        { note: d.sentence, referredTo: d.referredTo },
        { action: 'meeting_decision', now },
      ),
    )
  else
    statements.push(
      // 暂缓: the topic is still waiting for a decision, and its timeline says so.
      guard(
        db,
        sql`NOT EXISTS (SELECT 1 FROM ${topics} WHERE ${topics.id} = ${w.item.topicId}
          AND ${inArray(topics.status, [...AGENDA_TOPIC_STATUSES])})`,
      ),
      rawStatement(
        db,
        sql`INSERT INTO topic_events (topic_id, at, actor_user_id, kind, public_note)
          VALUES (${w.item.topicId}, ${now}, ${actor.id}, 'meeting', ${d.sentence})`,
      ),
      topicMessagesStatement(
        db,
        eq(topics.id, w.item.topicId),
        'topic_decided',
        { note: d.sentence },
        now,
      ),
      db.update(topics).set({ updatedAt: now }).where(eq(topics.id, w.item.topicId)),
    )
  return statements
}
