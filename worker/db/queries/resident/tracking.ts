// The public tracking view of a code (/t/<code>): the topic, its public timeline and the
// project it became, in one batch. Internal notes, staff names and submitter details are never
// selected; everything returned is safe to show publicly except where a field says otherwise.
//
// Resident pages are the hottest paths, so each page's reads go to D1 as ONE batch (one call,
// one snapshot) instead of one call per query; statements are keyed by what the URL carries (a
// channel code, a slug, a tracking code) through subqueries, so nothing waits on an earlier read.
// The other resident pages' queries are next to this file: board.ts, supports.ts,
// evaluations.ts and needs.ts (the needs form).
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { ProjectStatus, TopicStatus } from '../../../domain/vocabulary'
import type { VoiceSource } from '../../../domain/voice'
import { hitStatement } from '../rate-limit'
import { batchRows, type BatchHit, hitsOf } from '../../batch'
import { claimantsColumn } from '../partners/public'
import { voiceSourceSql } from './voices'

export type PublicTopicRow = {
  id: number
  title: string
  /** Shown only to the topic's own code holder: it may name a household. */
  description: string
  location: string
  status: TopicStatus
  categoryName: string | null
  categoryNameEn: string | null
  createdAt: number
  publicReply: string | null
  referredTo: string | null
  mergedIntoId: number | null
  projectId: number | null
  supportCount: number
  neighborhoodId: number
  neighborhoodName: string
  neighborhoodSlug: string
  /** How the code reached it: 0 the topic's own code, 1 a support code, 2 a merged follower's. */
  via?: number
}

const publicTopicQuery = (topicId: SQL | number, extra = sql``) => sql`SELECT t.id, t.title,
    t.description, t.location, t.status, c.name AS categoryName, c.name_en AS categoryNameEn,
    t.created_at AS createdAt, t.public_reply AS publicReply, t.referred_to AS referredTo,
    t.merged_into_id AS mergedIntoId,
    COALESCE(t.project_id, (SELECT pt.project_id FROM project_topics pt WHERE pt.topic_id = t.id
      ORDER BY pt.project_id DESC LIMIT 1)) AS projectId,
    t.support_count AS supportCount, t.neighborhood_id AS neighborhoodId,
    n.name AS neighborhoodName, n.slug AS neighborhoodSlug ${extra}
  FROM topics t JOIN neighborhoods n ON n.id = t.neighborhood_id
    LEFT JOIN categories c ON c.id = t.category_id
  WHERE t.id = ${topicId}`

/** The topic a code belongs to: its own code first, else a support code on it. */
const ownerOf = (code: string) => sql`(SELECT id FROM (
    SELECT id, 0 AS via FROM topics WHERE tracking_code = ${code}
    UNION ALL
    SELECT topic_id, CASE source WHEN 'support' THEN 1 ELSE 2 END FROM supports
      WHERE tracking_code = ${code}
    ORDER BY via LIMIT 1))`

const viaOf = (code: string) => sql`(SELECT MIN(via) FROM (
    SELECT 0 AS via FROM topics WHERE tracking_code = ${code}
    UNION ALL
    SELECT CASE source WHEN 'support' THEN 1 ELSE 2 END FROM supports WHERE tracking_code = ${code}))`

export type PublicEvent = {
  at: number
  kind: string
  toStatus: string | null
  publicNote: string | null
}

export type PublicProject = {
  id: number
  title: string
  description: string
  status: ProjectStatus
  owningBody: string
  /** Accepted hands (认领), JSON of domain/partners Claimant; parseClaimants reads it. */
  claimants: string
  deadlineAt: number | null
  doneAt: number | null
  checklistTotal: number
  checklistDone: number
  checklist: { title: string; done: number }[]
  /** Newest first. */
  updates: { at: number; body: string }[]
  /** Whether older public updates were left out. */
  moreUpdates: boolean
}

/** The statements of a project's public view; `projectId` may be a subquery. */
export const projectQueries = (projectId: SQL | number, updatesLimit: number) => [
  sql`SELECT id, title, description, status, owning_body AS owningBody, deadline_at AS deadlineAt,
    done_at AS doneAt, ${claimantsColumn(sql`projects.id`)} AS claimants
    FROM projects WHERE id = ${projectId}`,
  sql`SELECT title, done FROM checklist_items WHERE project_id = ${projectId}
    ORDER BY sort_order, id LIMIT 50`,
  sql`SELECT at, body FROM project_updates WHERE project_id = ${projectId} AND public = 1
    ORDER BY at DESC, id DESC LIMIT ${updatesLimit + 1}`,
]

/** A project's public view from the rows of `projectQueries`; null when there is none. */
export const toProject = (rows: unknown[][], updatesLimit: number): PublicProject | null => {
  const [[p], checklist, updates] = rows as [
    Omit<
      PublicProject,
      'checklist' | 'updates' | 'moreUpdates' | 'checklistTotal' | 'checklistDone'
    >[],
    { title: string; done: number }[],
    { at: number; body: string }[],
  ]
  if (!p) return null
  return {
    ...p,
    checklist,
    updates: updates.slice(0, updatesLimit),
    moreUpdates: updates.length > updatesLimit,
    checklistTotal: checklist.length,
    checklistDone: checklist.filter((i) => i.done).length,
  }
}

/** Shown on `/t/<code>` unless all are asked for: keeps the page within 14 KB. */
export const TRACK_EVENTS = 10
export const TRACK_UPDATES = 5

export type TrackingView = {
  via: 'topic' | 'support'
  topic: PublicTopicRow
  /** The latest public events, oldest first. */
  events: PublicEvent[]
  /** Whether older events were left out (the page shows a "show all" link). */
  moreEvents: boolean
  /** The topic this one was merged into (followed up to a few hops), with its project. */
  mergedInto: PublicTopicRow | null
  project: PublicProject | null
  /** Whether this code has already rated the project. */
  evaluated: boolean
  /** The voice this code gives (domain/voice.ts): null for a support code without a verified phone. */
  voice: VoiceSource | null
}

/** Follows merged-into links (at most 5 hops, so a bad cycle cannot loop). */
const finalTarget = async (db: Db, topic: PublicTopicRow) => {
  let current = topic
  for (let hop = 0; hop < 5 && current.mergedIntoId; hop++) {
    const next = await db.get<PublicTopicRow | undefined>(publicTopicQuery(current.mergedIntoId))
    if (!next) break
    current = next
  }
  return current === topic ? null : current
}

/**
 * Everything `/t/<code>` shows (null for an unknown code) and, when asked, this client's lookups
 * so far: one batch (plus one more for a merged topic). Internal notes, staff names and
 * submitter details are never selected.
 * @example const { view, hits } = await trackingLookup(db, 'K7Q-4MX', { hit: { key: 'track:1.2.3.4', windowMs } })
 */
export const trackingLookup = async (
  db: Db,
  code: string,
  { all = false, hit }: { all?: boolean; hit?: BatchHit } = {},
): Promise<{ view: TrackingView | null; hits: number }> => {
  const topicId = ownerOf(code)
  const projectId = sql`(SELECT COALESCE(t.project_id, (SELECT pt.project_id FROM project_topics pt
    WHERE pt.topic_id = t.id ORDER BY pt.project_id DESC LIMIT 1)) FROM topics t WHERE t.id = ${topicId})`
  // The page stays small by default: the latest events and updates, "show all" for the rest.
  const eventLimit = all ? 500 : TRACK_EVENTS
  const updatesLimit = all ? 100 : TRACK_UPDATES
  const [hitRows, [topic], latest, evaluated, ...projectRows] = await batchRows(db, [
    hit ? hitStatement(hit.key, hit.windowMs) : sql`SELECT 1 WHERE 0`,
    publicTopicQuery(topicId, sql`, ${viaOf(code)} AS via, ${voiceSourceSql(code)} AS voice`),
    sql`SELECT at, kind, to_status AS toStatus, public_note AS publicNote
      FROM topic_events WHERE topic_id = ${topicId}
        AND (public_note IS NOT NULL AND public_note <> '' OR to_status IS NOT NULL)
      ORDER BY at DESC, id DESC LIMIT ${eventLimit + 1}`,
    sql`SELECT 1 FROM evaluations WHERE project_id = ${projectId} AND tracking_code = ${code}`,
    ...projectQueries(projectId, updatesLimit),
  ])
  const hits = hitsOf(hitRows)
  if (!topic) return { view: null, hits }
  const { voice, ...row } = topic as PublicTopicRow & { voice: VoiceSource | null }
  const base = {
    via: row.via === 0 ? ('topic' as const) : ('support' as const),
    voice,
    topic: row,
    events: (latest as PublicEvent[]).slice(0, eventLimit).reverse(),
    moreEvents: latest.length > eventLimit,
  }
  if (row.projectId || row.status !== 'merged') {
    const project = toProject(projectRows, updatesLimit)
    return { view: { ...base, mergedInto: null, project, evaluated: evaluated.length > 0 }, hits }
  }
  // A merged topic without a project of its own follows the project of the topic it went into.
  const mergedInto = await finalTarget(db, row)
  if (!mergedInto?.projectId)
    return { view: { ...base, mergedInto, project: null, evaluated: false }, hits }
  const [done, ...rows] = await batchRows(db, [
    sql`SELECT 1 FROM evaluations WHERE project_id = ${mergedInto.projectId} AND tracking_code = ${code}`,
    ...projectQueries(mergedInto.projectId, updatesLimit),
  ])
  const project = toProject(rows, updatesLimit)
  return { view: { ...base, mergedInto, project, evaluated: done.length > 0 }, hits }
}

/** The tracking view of a code without counting a lookup (see `trackingLookup`). */
export const trackingView = async (db: Db, code: string, opts: { all?: boolean } = {}) =>
  (await trackingLookup(db, code, opts)).view
