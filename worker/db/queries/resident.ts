// Queries behind the resident pages: "me too" supports, the public tracking view, the
// neighbourhood board and evaluations. Everything returned here is safe to show publicly except
// where a field says otherwise.
//
// Resident pages are the hottest paths, so each page's reads go to D1 as ONE batch (one call,
// one snapshot) instead of one call per query; statements are keyed by what the URL carries (a
// channel code, a slug, a tracking code) through subqueries, so nothing waits on an earlier read.
// The needs form's own queries (channels, filing) are in needs.ts.
import { sql, type SQL } from 'drizzle-orm'
import { claimantsColumn } from './partners/public'
import type { Db } from '../../env'
import type { ProjectStatus, TopicStatus } from '../../domain/vocabulary'
import { newTrackingCode } from '../../domain/tracking-code'
import { hitStatement } from '../../lib/rate-limit'
import { batchRows } from '../batch'
import { boardMeetingQueries, toBoardMeetings } from './meetings/public'
import type { Resolved } from '../../domain/evaluation'

/** Topics still open: they can be supported and are offered as "same as mine?". */
export const OPEN_STATUSES = ['submitted', 'accepted', 'adopted', 'in_progress'] as const
/** Topics listed on the board for discussion (adopted ones show under their project). */
export const BOARD_TOPIC_STATUSES = ['submitted', 'accepted'] as const
// Constants, not input: safe to inline.
const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ')
const BOARD_SQL = BOARD_TOPIC_STATUSES.map((s) => `'${s}'`).join(', ')

// ── batches ──

/** A rate limit to count in a page's batch: the key prefix (e.g. 'track:<ip>') and its window. */
export type BatchHit = { key: string; windowMs: number }

export const hitsOf = (rows: unknown[] | undefined) =>
  (rows?.[0] as { count: number } | undefined)?.count ?? 0

/** A unique-key violation, also when drizzle wraps D1's error in its own (as `cause`). */
const isUniqueViolation = (err: unknown): boolean =>
  err instanceof Error &&
  (err.message.includes('UNIQUE constraint failed') ||
    (err.cause !== undefined && isUniqueViolation(err.cause)))

// ── supports ──

/**
 * In one batch: whether the topic is open in the neighborhood of `slug`, the stored result for
 * `key`, and (when asked) this client's ticks so far.
 */
export const supportContext = async (
  db: Db,
  slug: string,
  topicId: number,
  key: string,
  hit?: BatchHit,
) => {
  const [topics, stored, hits] = await batchRows(db, [
    sql`SELECT id FROM topics WHERE id = ${topicId} AND status IN (${sql.raw(OPEN_SQL)})
      AND neighborhood_id = (SELECT id FROM neighborhoods WHERE slug = ${slug})`,
    sql`SELECT body FROM idempotency_keys WHERE key = ${`support:${topicId}:${key}`} AND status <> 0`,
    hit ? hitStatement(hit.key, hit.windowMs) : sql`SELECT 1 WHERE 0`,
  ])
  const row = stored[0] as { body: string } | undefined
  const code = row ? (JSON.parse(row.body) as { code: string }) : null
  return { open: topics.length > 0, stored: code, hits: hitsOf(hits) }
}

export type SupportResult = { trackingCode: string; created: boolean }

/**
 * Records a "me too" on an open topic and returns the supporter's tracking code, in one atomic
 * D1 batch. One per client key and topic: a second tick from the same client returns the first
 * code. The idempotency key's claim holds the answer, so a resend gets the same code; nothing is
 * written when the topic is not open (null).
 * @example const s = await supportTopic(db, 12, clientKey, key) // { trackingCode: 'K7Q-4MX', created: true }
 */
export const supportTopic = async (
  db: Db,
  topicId: number,
  clientKey: string | null,
  key: string,
  now = Date.now(),
): Promise<SupportResult | null> => {
  const code = newTrackingCode()
  // This tick's row, or the one this client made before.
  const mine = sql`FROM supports WHERE topic_id = ${topicId}
    AND (tracking_code = ${code} OR client_key = ${clientKey})
    ORDER BY tracking_code = ${code} DESC, id LIMIT 1`
  try {
    const [, , , found] = await batchRows(db, [
      sql`INSERT INTO supports (topic_id, tracking_code, source, client_key, created_at)
        SELECT ${topicId}, ${code}, 'support', ${clientKey}, ${now}
        WHERE EXISTS (SELECT 1 FROM topics WHERE id = ${topicId} AND status IN (${sql.raw(OPEN_SQL)}))
          AND NOT EXISTS (SELECT 1 FROM supports WHERE topic_id = ${topicId} AND client_key = ${clientKey})`,
      // The count moves only if this very insert happened (the code is new and unique to it).
      sql`UPDATE topics SET support_count = support_count + 1
        WHERE id = ${topicId} AND EXISTS (SELECT 1 FROM supports WHERE tracking_code = ${code})`,
      sql`INSERT INTO idempotency_keys (key, scope, status, body, created_at)
        SELECT ${`support:${topicId}:${key}`}, 'support', 200, json_object('code', tracking_code), ${now}
        ${mine}`,
      sql`SELECT tracking_code AS trackingCode, tracking_code = ${code} AS created ${mine}`,
    ])
    const row = found[0] as { trackingCode: string; created: number } | undefined
    return row ? { trackingCode: row.trackingCode, created: row.created === 1 } : null
  } catch (err) {
    if (!isUniqueViolation(err)) throw err
    const stored = await storedResult<{ code: string }>(db, `support:${topicId}`, key)
    if (!stored) throw err
    return { trackingCode: stored.body.code, created: false }
  }
}

// ── tracking ──

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
const projectQueries = (projectId: SQL | number, updatesLimit: number) => [
  sql`SELECT id, title, description, status, owning_body AS owningBody, deadline_at AS deadlineAt,
    done_at AS doneAt, ${claimantsColumn(sql`projects.id`)} AS claimants
    FROM projects WHERE id = ${projectId}`,
  sql`SELECT title, done FROM checklist_items WHERE project_id = ${projectId}
    ORDER BY sort_order, id LIMIT 50`,
  sql`SELECT at, body FROM project_updates WHERE project_id = ${projectId} AND public = 1
    ORDER BY at DESC, id DESC LIMIT ${updatesLimit + 1}`,
]

const toProject = (rows: unknown[][], updatesLimit: number): PublicProject | null => {
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
    publicTopicQuery(topicId, sql`, ${viaOf(code)} AS via`),
    sql`SELECT at, kind, to_status AS toStatus, public_note AS publicNote
      FROM topic_events WHERE topic_id = ${topicId}
        AND (public_note IS NOT NULL AND public_note <> '' OR to_status IS NOT NULL)
      ORDER BY at DESC, id DESC LIMIT ${eventLimit + 1}`,
    sql`SELECT 1 FROM evaluations WHERE project_id = ${projectId} AND tracking_code = ${code}`,
    ...projectQueries(projectId, updatesLimit),
  ])
  const hits = hitsOf(hitRows)
  if (!topic) return { view: null, hits }
  const row = topic as PublicTopicRow
  const base = {
    via: row.via === 0 ? ('topic' as const) : ('support' as const),
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

// ── evaluation ──

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

// ── board ──

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
  evaluationCount: number
  satisfactionSum: number
  solved: number
  /** Accepted hands (认领), JSON of domain/partners Claimant; parseClaimants reads it. */
  claimants: string
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

const boardProjectColumns = sql`p.id, p.title, p.status, p.owning_body AS owningBody,
  p.deadline_at AS deadlineAt, p.done_at AS doneAt,
  (SELECT COUNT(*) FROM checklist_items i WHERE i.project_id = p.id) AS checklistTotal,
  (SELECT COUNT(*) FROM checklist_items i WHERE i.project_id = p.id AND i.done = 1) AS checklistDone,
  (SELECT COUNT(*) FROM evaluations e WHERE e.project_id = p.id) AS evaluationCount,
  (SELECT COALESCE(SUM(satisfaction), 0) FROM evaluations e WHERE e.project_id = p.id) AS satisfactionSum,
  (SELECT COUNT(*) FROM evaluations e WHERE e.project_id = p.id AND e.resolved = 'solved') AS solved,
  ${claimantsColumn(sql`p.id`)} AS claimants`

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
    WHERE t.neighborhood_id = ${neighborhoodId} AND t.status IN (${sql.raw(BOARD_SQL)})
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
      WHERE p.neighborhood_id = ${nid} AND p.status IN ('planned', 'in_progress', 'blocked')
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

// ── idempotency ──

/**
 * The stored result of a finished public POST, if this key was used in this scope; read before
 * rate limiting so that a resend of a request that went through is never refused.
 */
export const storedResult = async <T>(db: Db, scope: string, key: string) => {
  const row = await db.get<{ status: number; body: string } | undefined>(
    sql`SELECT status, body FROM idempotency_keys WHERE key = ${`${scope}:${key}`} AND status <> 0`,
  )
  return row ? { status: row.status, body: JSON.parse(row.body) as T } : null
}
