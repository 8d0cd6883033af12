import { eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../env'
import { projects, topics } from '../schema'
import { carriedTopicStatus, carryNote, isOverdue, progressOf } from '../../domain/project-status'
import {
  CLOSED_PROJECT_STATUSES,
  COUNTED_EVALUATION_SOURCES,
  type ProjectStatus,
} from '../../domain/vocabulary'
import { adoptNote, type TransitionInput } from '../../domain/topic-workflow'
import { type Actor, carryStatements, moveStatements } from './topics/moves'
import { chunks, rawStatement, type Statement } from '../batch'
import { sqlList } from '../sql'

// Projects with the figures derived from their links, checklist and evaluations, and the
// statements of adopting topics into a project.

/** The id of the project inserted earlier in the same batch (batches run alone, in order). */
export const NEW_PROJECT_ID = sql`(SELECT max(id) FROM projects)`

const per = (table: string, extra = '') =>
  sql.raw(`FROM ${table} WHERE project_id = "projects"."id"${extra}`)

// Ratings count from every source but legacy unverified support codes (domain/voice.ts).
const COUNTED = ` AND source IN (${COUNTED_EVALUATION_SOURCES.map((s) => `'${s}'`).join(', ')})`

/** Every project column plus its links and figures, as correlated subqueries. */
export const projectFields = {
  ...getTableColumns(projects),
  topicIds: sql<string>`(SELECT json_group_array(topic_id) ${per('project_topics')})`,
  checklistTotal: sql<number>`(SELECT count(*) ${per('checklist_items')})`,
  checklistDone: sql<number>`(SELECT count(*) ${per('checklist_items', ' AND done = 1')})`,
  evaluationCount: sql<number>`(SELECT count(*) ${per('evaluations', COUNTED)})`,
  satisfactionAvg: sql<number | null>`(SELECT avg(satisfaction) ${per('evaluations', COUNTED)})`,
  solvedCount: sql<number>`(SELECT count(*) ${per('evaluations', `${COUNTED} AND resolved = 'solved'`)})`,
  /** Counted ratings by source, as JSON `{ code, verified, paper }`. */
  evaluationSources: sql<string>`(SELECT json_object(
    'code', count(CASE source WHEN 'code' THEN 1 END),
    'verified', count(CASE source WHEN 'verified' THEN 1 END),
    'paper', count(CASE source WHEN 'paper' THEN 1 END)) ${per('evaluations')})`,
}

export type ProjectRow = Awaited<ReturnType<typeof selectProjects>>[number]

/** `SELECT <projectFields> FROM projects`, to add where/order/limit to. */
export const selectProjects = (db: Db) => db.select(projectFields).from(projects)

/**
 * The API record: topic ids as numbers, progress from the checklist, overdue from the deadline,
 * evaluation figures (average satisfaction 1–5, share of 'solved' answers 0–1).
 * @example toProjectRecord(row) // { ..., progress: 50, overdue: false, topicIds: [3, 4] }
 */
export const toProjectRecord = (row: ProjectRow, now = Date.now()) => {
  const { solvedCount, topicIds, evaluationSources, ...rest } = row
  const n = row.evaluationCount
  return {
    ...rest,
    topicIds: (JSON.parse(topicIds) as number[]).sort((a, b) => a - b),
    evaluationSources: JSON.parse(evaluationSources) as Record<
      'code' | 'verified' | 'paper',
      number
    >,
    progress: progressOf(row),
    overdue: isOverdue(row, now),
    satisfactionAvg: n ? Math.round((row.satisfactionAvg ?? 0) * 10) / 10 : null,
    resolvedShare: n ? Math.round((solvedCount / n) * 100) / 100 : null,
  }
}

/** One project's record, or undefined. */
export const loadProject = async (db: Db, id: number) => {
  const [row] = await selectProjects(db).where(eq(projects.id, id))
  return row ? toProjectRecord(row) : undefined
}

/** Overdue as SQL: the deadline passed and the project is neither done nor cancelled. */
export const overdueSql = (now = Date.now()) =>
  sql`(${projects.deadlineAt} IS NOT NULL AND ${projects.deadlineAt} < ${now}
       AND ${projects.status} NOT IN ${sqlList(CLOSED_PROJECT_STATUSES)})`

export type AdoptingProject = { id: number | SQL; title: string; status: ProjectStatus }

/**
 * Adopts `topicIds` into `project` (existing, or created earlier in the batch): each topic moves
 * to 'adopted' with its event and audit row, gets its project_topics link, and follows the
 * project's status when that is already 'in_progress'.
 * @example await guardedBatch(db, [insertProject, ...adoptStatements(db, user, [1, 2], p, {}, now)])
 */
export const adoptStatements = (
  db: Db,
  actor: Actor,
  topicIds: number[],
  project: AdoptingProject,
  input: Pick<TransitionInput, 'note' | 'internalNote'>,
  now: number,
): Statement[] => {
  const note = input.note?.trim() || adoptNote(project.title)
  const moves = moveStatements(
    db,
    actor,
    topicIds,
    'adopted',
    { ...input, note },
    {
      action: 'adopt',
      now,
      projectRef: project.id,
    },
  )
  const links = chunks(topicIds).map((part) =>
    rawStatement(
      db,
      sql`INSERT OR IGNORE INTO project_topics (project_id, topic_id)
      SELECT ${project.id}, ${topics.id} FROM ${topics} WHERE ${inArray(topics.id, part)}`,
    ),
  )
  const carried = carriedTopicStatus(project.status)
  const carry = carried
    ? carryStatements(db, actor, project.id, carried, carryNote(project.status, project.title), now)
    : []
  const touch =
    typeof project.id === 'number'
      ? [db.update(projects).set({ updatedAt: now }).where(eq(projects.id, project.id))]
      : []
  return [...moves, ...links, ...carry, ...touch]
}
