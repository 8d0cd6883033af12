import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { OPEN_TOPIC_STATUSES } from '../../../domain/vocabulary'
import { newTrackingCode } from '../../../domain/tracking-code'
import { hitStatement } from '../../../lib/rate-limit'
import { batchRows, type BatchHit, hitsOf } from '../../batch'
import { isUniqueViolation } from '../../errors'
import { sqlList } from '../../sql'
import { storedResult } from './idempotency'

// "Me too" (附议) on the board: one atomic batch per tick, once per client and topic. Only open
// topics (not yet final) can be supported.

const OPEN = sqlList(OPEN_TOPIC_STATUSES)

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
    sql`SELECT id FROM topics WHERE id = ${topicId} AND status IN ${OPEN}
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
        WHERE EXISTS (SELECT 1 FROM topics WHERE id = ${topicId} AND status IN ${OPEN})
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
