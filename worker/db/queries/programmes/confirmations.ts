import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { Voice } from '../../../domain/programmes/confirmation'
import type { EvidenceKind, Verdict } from '../../../domain/vocabulary'
import { hitStatement } from '../rate-limit'
import { batchRows, type BatchHit, hitsOf } from '../../batch'
import { errorText } from '../../errors'
import { voiceSourceSql } from '../resident/voices'

// The public side of 居民打钩: a neighborhood's public programme steps, one step with its
// evidence and answers, and recording a resident's answer. Each page is ONE D1 batch keyed by
// what the URL carries (slug, item id); recording is one more batch that checks every rule of
// domain/programmes/confirmation.ts inside the insert and stores the answer for the form's key.

export type PublicStep = {
  id: number
  programmeName: string
  title: string
  done: number
  doneAt: number | null
  dueAt: number | null
  confirmed: number
  disputed: number
}

export type PublicItem = PublicStep & {
  neighborhoodId: number
  neighborhoodName: string
  doneWhen: string
  evidenceKind: EvidenceKind
  note: string | null
  photoUrl: string | null
  number: number | null
}

const counts = sql`
  coalesce((SELECT sum(c.people) FROM confirmations c WHERE c.item_id = ci.id AND c.verdict = 'confirmed'), 0) AS confirmed,
  coalesce((SELECT sum(c.people) FROM confirmations c WHERE c.item_id = ci.id AND c.verdict = 'disputed'), 0) AS disputed`

/** Shown on `/g/<slug>`: keeps the page far within 14 KB. */
export const PUBLIC_STEPS_MAX = 40

/**
 * The neighborhood of `slug` (null when none) and its public programme steps: those of the
 * programmes running now or ended within 90 days, newest programme first, in step order.
 */
export const publicSteps = async (db: Db, slug: string, now = Date.now()) => {
  const [[neighborhood], steps] = await batchRows(db, [
    sql`SELECT id, name, slug FROM neighborhoods WHERE slug = ${slug}`,
    sql`SELECT ci.id, g.name AS programmeName, ci.title, ci.done, ci.done_at AS doneAt,
        ci.due_at AS dueAt, ${counts}
      FROM projects p
        JOIN programmes g ON g.id = p.programme_id
        JOIN checklist_items ci ON ci.project_id = p.id
        JOIN programme_steps s ON s.id = ci.step_id
      WHERE p.neighborhood_id = (SELECT id FROM neighborhoods WHERE slug = ${slug})
        AND p.programme_id IS NOT NULL AND s.public = 1 AND g.starts_at <= ${now}
        AND g.ends_at > ${now - 90 * 86_400_000}
      ORDER BY g.starts_at DESC, g.id DESC, ci.sort_order, ci.id
      LIMIT ${sql.raw(String(PUBLIC_STEPS_MAX))}`,
  ])
  if (!neighborhood) return null
  return {
    neighborhood: neighborhood as { id: number; name: string; slug: string },
    steps: steps as PublicStep[],
  }
}

const itemSql = (slug: string, itemId: number) => sql`
  SELECT ci.id, g.name AS programmeName, ci.title, ci.done, ci.done_at AS doneAt,
    ci.due_at AS dueAt, ${counts}, p.neighborhood_id AS neighborhoodId, n.name AS neighborhoodName,
    s.done_when AS doneWhen, s.evidence AS evidenceKind, e.note, e.photo_url AS photoUrl, e.number
  FROM checklist_items ci
    JOIN projects p ON p.id = ci.project_id
    JOIN neighborhoods n ON n.id = p.neighborhood_id
    JOIN programmes g ON g.id = p.programme_id
    JOIN programme_steps s ON s.id = ci.step_id AND s.public = 1
    LEFT JOIN step_evidence e ON e.item_id = ci.id
  WHERE ci.id = ${itemId} AND n.slug = ${slug}`

/** The stored outcome of a confirmation posted with `key` on `itemId`, if any. */
const storedKey = (itemId: number, key: string) => `confirm:${itemId}:${key}`

export type Outcome = 'recorded' | 'already' | 'device' | 'unknown_voice' | 'not_open'

/**
 * A public step by slug and id (null unless it is a public programme step of that
 * neighborhood), the stored outcome of `key`, and when asked this client's hits so far.
 */
export const publicItem = async (
  db: Db,
  slug: string,
  itemId: number,
  { key, hit }: { key?: string; hit?: BatchHit } = {},
) => {
  const [[item], stored, hits] = await batchRows(db, [
    itemSql(slug, itemId),
    key
      ? sql`SELECT body, request_hash AS requestHash FROM idempotency_keys
        WHERE key = ${storedKey(itemId, key)} AND status <> 0`
      : sql`SELECT 1 WHERE 0`,
    hit ? hitStatement(hit.key, hit.windowMs) : sql`SELECT 1 WHERE 0`,
  ])
  const row = stored[0] as { body: string; requestHash: string | null } | undefined
  return {
    item: (item as PublicItem | undefined) ?? null,
    stored: row
      ? {
          ...(JSON.parse(row.body) as { outcome: Outcome; verdict: Verdict }),
          requestHash: row.requestHash,
        }
      : null,
    hits: hitsOf(hits),
  }
}

/**
 * The voice of `voice` if it belongs to the neighborhood, as SQL (NULL when it does not): a code
 * with a voice there (a filer's, or a verified supporter's: the one rule of domain/voice.ts), or
 * a volunteer's phone proven with their code.
 */
const voiceSql = (voice: Voice, neighborhoodId: number) =>
  voice.kind === 'code'
    ? sql`(SELECT 'code:' || ${voice.code}
        WHERE ${voiceSourceSql(voice.code, neighborhoodId)} IS NOT NULL)`
    : sql`(SELECT 'volunteer:' || id FROM volunteers WHERE phone = ${voice.phone}
        AND code = ${voice.volunteerCode} AND neighborhood_id = ${neighborhoodId})`

export type Answer = {
  itemId: number
  neighborhoodId: number
  voice: Voice
  verdict: Verdict
  comment: string
  /** A hash of the client's address and browser (user agent). */
  device: string
  /** The form's idempotency key. */
  key: string
  /** What the key was used for (lib/idempotency `requestHash`): another answer under it is a 422. */
  requestHash: string
  windowMs: number
}

/**
 * Records an answer, in ONE atomic batch: inserted only if the step is done and public, the
 * voice belongs to the neighborhood and has not answered, and the device gave no other voice
 * within the window; the outcome is stored under the form's key (so a resend gets the same
 * answer and records nothing) and returned.
 */
export const recordAnswer = async (db: Db, a: Answer, now = Date.now()): Promise<Outcome> => {
  const voice = voiceSql(a.voice, a.neighborhoodId)
  const open = sql`EXISTS (SELECT 1 FROM checklist_items ci JOIN programme_steps s ON s.id = ci.step_id
    WHERE ci.id = ${a.itemId} AND ci.done = 1 AND s.public = 1)`
  const answered = sql`EXISTS (SELECT 1 FROM confirmations WHERE item_id = ${a.itemId} AND voice = ${voice})`
  const deviceBusy = sql`EXISTS (SELECT 1 FROM confirmations WHERE item_id = ${a.itemId}
    AND device = ${a.device} AND created_at > ${now - a.windowMs})`
  const outcome = sql`CASE
    WHEN EXISTS (SELECT 1 FROM confirmations WHERE item_id = ${a.itemId} AND voice = ${voice}
      AND created_at = ${now} AND device = ${a.device}) THEN 'recorded'
    WHEN NOT ${open} THEN 'not_open'
    WHEN ${voice} IS NULL THEN 'unknown_voice'
    WHEN ${answered} THEN 'already'
    ELSE 'device' END`
  const source = a.voice.kind
  let results: unknown[][]
  try {
    results = await batchRows(db, [
      sql`INSERT INTO confirmations (item_id, neighborhood_id, verdict, source, voice, people, device,
        comment, created_at)
      SELECT ${a.itemId}, ${a.neighborhoodId}, ${a.verdict}, ${source}, ${voice}, 1, ${a.device},
        ${a.comment}, ${now}
      WHERE ${open} AND ${voice} IS NOT NULL AND NOT ${answered} AND NOT ${deviceBusy}`,
      sql`INSERT INTO idempotency_keys (key, scope, status, body, created_at, request_hash)
      SELECT ${storedKey(a.itemId, a.key)}, 'confirm', 200,
        json_object('outcome', ${outcome}, 'verdict', ${a.verdict}), ${now}, ${a.requestHash}`,
      sql`SELECT json_extract(body, '$.outcome') AS outcome FROM idempotency_keys
      WHERE key = ${storedKey(a.itemId, a.key)}`,
    ])
  } catch (err) {
    const text = errorText(err)
    if (!text.includes('UNIQUE constraint failed')) throw err
    // A resend of the same form raced this one: its stored outcome is the answer.
    if (text.includes('idempotency_keys')) {
      const { stored } = await publicItemStored(db, a.itemId, a.key)
      if (stored) return stored.outcome
    }
    // The same voice answered through another form at the same moment.
    return 'already'
  }
  return (results[2][0] as { outcome: Outcome }).outcome
}

const publicItemStored = async (db: Db, itemId: number, key: string) => {
  const row = await db.get<{ body: string } | undefined>(
    sql`SELECT body FROM idempotency_keys WHERE key = ${storedKey(itemId, key)} AND status <> 0`,
  )
  return { stored: row ? (JSON.parse(row.body) as { outcome: Outcome }) : null }
}
