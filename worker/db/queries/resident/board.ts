import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import {
  COUNTED_EVALUATION_SOURCES,
  OPEN_PROJECT_STATUSES,
  TRIAGE_TOPIC_STATUSES,
  type ProjectStatus,
  type TopicStatus,
} from '../../../domain/vocabulary'
import { SATISFIED_MIN_SCORE, SATISFIED_RESOLVED } from '../../../domain/evaluation'
import { batchRows } from '../../batch'
import { sqlList } from '../../sql'
import { boardMeetingQueries, toBoardMeetings } from '../meetings/public'
import { claimantsColumn } from '../partners/public'
import { projectQueries, toProject } from './tracking'

// A neighbourhood's public board (/n/<slug>): running and done projects, and the topics still
// up for discussion (adopted ones show under their project), in one batch.

export type NeighborhoodInfo = { id: number; name: string; slug: string }

export type BoardProject = {
  id: number
  title: string
  status: ProjectStatus
  owningBody: string
  deadlineAt: number | null
  doneAt: number | null
  checklistTotal: number
  checklistDone: number
  /** Counted ratings (domain/voice.ts): every source but legacy unverified support codes. */
  evaluationCount: number
  satisfactionSum: number
  solved: number
  /** Counted ratings that are satisfied (domain/evaluation.ts isSatisfied). */
  satisfied: number
  /** Of the counted ratings: by a filer's code, a verified phone, a paper sheet. */
  fromCode: number
  fromVerified: number
  fromPaper: number
  /** Accepted hands (认领), JSON of domain/partners Claimant; parseClaimants reads it. */
  claimants: string
  /** The latest public update (进展), which says why a blocked or late project is late. */
  latestUpdate: string | null
  latestUpdateAt: number | null
}

export type BoardTopic = {
  id: number
  title: string
  status: TopicStatus
  categoryName: string | null
  categoryNameEn: string | null
  supportCount: number
  createdAt: number
  /** 1 when this client has ticked "me too" on it. */
  supported: number
}

// The one 满意度 rule (domain/evaluation.ts), as constants written into the SQL.
const SATISFIED = sql.raw(
  `e.resolved = '${SATISFIED_RESOLVED}' AND e.satisfaction >= ${SATISFIED_MIN_SCORE}`,
)
const counted = sql`e.project_id = p.id AND e.source IN ${sqlList(COUNTED_EVALUATION_SOURCES)}`
const boardProjectColumns = sql`p.id, p.title, p.status, p.owning_body AS owningBody,
  p.deadline_at AS deadlineAt, p.done_at AS doneAt,
  (SELECT COUNT(*) FROM checklist_items i WHERE i.project_id = p.id) AS checklistTotal,
  (SELECT COUNT(*) FROM checklist_items i WHERE i.project_id = p.id AND i.done = 1) AS checklistDone,
  (SELECT COUNT(*) FROM evaluations e WHERE ${counted}) AS evaluationCount,
  (SELECT COALESCE(SUM(satisfaction), 0) FROM evaluations e WHERE ${counted}) AS satisfactionSum,
  (SELECT COUNT(*) FROM evaluations e WHERE ${counted} AND e.resolved = 'solved') AS solved,
  (SELECT COUNT(*) FROM evaluations e WHERE ${counted} AND ${SATISFIED}) AS satisfied,
  (SELECT COUNT(*) FROM evaluations e WHERE e.project_id = p.id AND e.source = 'code') AS fromCode,
  (SELECT COUNT(*) FROM evaluations e WHERE e.project_id = p.id AND e.source = 'verified') AS fromVerified,
  (SELECT COUNT(*) FROM evaluations e WHERE e.project_id = p.id AND e.source = 'paper') AS fromPaper,
  ${claimantsColumn(sql`p.id`)} AS claimants,
  (SELECT u.body FROM project_updates u WHERE u.project_id = p.id AND u.public = 1
    ORDER BY u.at DESC, u.id DESC LIMIT 1) AS latestUpdate,
  (SELECT u.at FROM project_updates u WHERE u.project_id = p.id AND u.public = 1
    ORDER BY u.at DESC, u.id DESC LIMIT 1) AS latestUpdateAt`

/**
 * The open topics a board lists: most supported first, then newest; walks the topics_board
 * index in that order and stops at 25. Exported so tests can EXPLAIN it.
 */
export const boardTopicsQuery = (neighborhoodId: SQL | number, clientKey: string | null) =>
  sql`SELECT t.id, t.title, t.status, c.name AS categoryName, c.name_en AS categoryNameEn,
      t.support_count AS supportCount, t.created_at AS createdAt,
      EXISTS (SELECT 1 FROM supports s WHERE s.topic_id = t.id AND s.client_key = ${clientKey})
        AS supported
    FROM topics t LEFT JOIN categories c ON c.id = t.category_id
    WHERE t.neighborhood_id = ${neighborhoodId} AND t.status IN ${sqlList(TRIAGE_TOPIC_STATUSES)}
    ORDER BY t.support_count DESC, t.created_at DESC LIMIT 25`

/**
 * The public board of a neighborhood by slug (null when there is none), in one batch: running
 * projects (soonest deadline first), the latest done ones, and open topics by support, each
 * marked when this client already ticked it. Lists are capped so the page stays small.
 */
export const boardData = async (db: Db, slug: string, clientKey: string | null) => {
  const nid = sql`(SELECT id FROM neighborhoods WHERE slug = ${slug})`
  const [[neighborhood], active, done, topics, [doneCount], ...meetings] = await batchRows(db, [
    sql`SELECT id, name, slug FROM neighborhoods WHERE slug = ${slug}`,
    sql`SELECT ${boardProjectColumns} FROM projects p
      WHERE p.neighborhood_id = ${nid} AND p.status IN ${sqlList(OPEN_PROJECT_STATUSES)}
      ORDER BY p.deadline_at IS NULL, p.deadline_at, p.id LIMIT 20`,
    sql`SELECT ${boardProjectColumns} FROM projects p
      WHERE p.neighborhood_id = ${nid} AND p.status = 'done'
      ORDER BY p.done_at DESC, p.id DESC LIMIT 10`,
    boardTopicsQuery(nid, clientKey),
    sql`SELECT COUNT(*) AS n FROM projects WHERE neighborhood_id = ${nid} AND status = 'done'`,
    ...boardMeetingQueries(nid, Date.now()),
  ])
  if (!neighborhood) return null
  return {
    neighborhood: neighborhood as NeighborhoodInfo,
    active: active as BoardProject[],
    done: done as BoardProject[],
    topics: topics as BoardTopic[],
    doneCount: (doneCount as { n: number }).n,
    meetings: toBoardMeetings(meetings),
  }
}

export type ProjectTopic = { title: string; status: TopicStatus; supportCount: number }

/** Shown on a project's public page: its latest updates (the rest behind `?all=1`). */
export const PROJECT_PAGE_UPDATES = 10

/**
 * A project's public page (`/b/<slug>/p/<id>`), in one batch: the project (only when it belongs
 * to that neighborhood), its checklist and public updates, and the topics it took on (titles
 * only: what residents raised, never who). Null when there is no such project there.
 */
export const publicProjectPage = async (db: Db, slug: string, projectId: number, all = false) => {
  const limit = all ? 100 : PROJECT_PAGE_UPDATES
  const id = sql`(SELECT p.id FROM projects p JOIN neighborhoods n ON n.id = p.neighborhood_id
    WHERE p.id = ${projectId} AND n.slug = ${slug})`
  const [[neighborhood], topics, ...projectRows] = await batchRows(db, [
    sql`SELECT id, name, slug FROM neighborhoods WHERE slug = ${slug}`,
    sql`SELECT t.title, t.status, t.support_count AS supportCount FROM project_topics pt
      JOIN topics t ON t.id = pt.topic_id WHERE pt.project_id = ${id}
      ORDER BY t.support_count DESC, t.id LIMIT 50`,
    ...projectQueries(id, limit),
  ])
  const project = toProject(projectRows, limit)
  if (!neighborhood || !project) return null
  return {
    neighborhood: neighborhood as NeighborhoodInfo,
    project,
    topics: topics as ProjectTopic[],
  }
}
