import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { OPEN_TOPIC_STATUSES } from '../../../domain/vocabulary'
import { newTrackingCode } from '../../../domain/tracking-code'
import { SUPPORT_WINDOW_MS } from '../../../domain/voice'
import { hitStatement } from '../rate-limit'
import { batchRows, type BatchHit, hitsOf } from '../../batch'
import { isUniqueViolation } from '../../errors'
import { sqlList } from '../../sql'
import { storedResult } from './idempotency'

// "Me too" (附议) on the board: one atomic batch per tick. Only open topics (not yet final) can be
// supported. A tick counts once per browser (client cookie) and topic, and once per client
// address and topic within a window (domain/voice.ts, rule 4): a later tick from the same address
// gets a code of its own but is not counted; a later tick from the same browser gets its first
// code back and is noted as a repeat.

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
  const code = row ? (JSON.parse(row.body) as { code: string; counted?: number }) : null
  return { open: topics.length > 0, stored: code, hits: hitsOf(hits) }
}

export type SupportResult = {
  trackingCode: string
  created: boolean
  /** False for a tick the board does not count (the same address within the window). */
  counted: boolean
}

/** Who ticked: the browser's client id and a hash of its address (null when unknown). */
export type Supporter = { clientKey: string; addressKey: string | null }

/**
 * Records a "me too" on an open topic and returns the supporter's tracking code, in one atomic
 * D1 batch. One per browser and topic: a second tick from the same browser returns the first
 * code and adds a repeat to it. A tick from an address that had a counted tick on the topic
 * within the window is stored with its own code but not counted. The idempotency key's claim
 * holds the answer, so a resend gets the same code; nothing is written when the topic is not
 * open (null).
 * @example const s = await supportTopic(db, 12, { clientKey, addressKey }, key) // { trackingCode: 'K7Q-4MX', created: true, counted: true }
 */
export const supportTopic = async (
  db: Db,
  topicId: number,
  { clientKey, addressKey }: Supporter,
  key: string,
  now = Date.now(),
): Promise<SupportResult | null> => {
  const code = newTrackingCode()
  const open = sql`EXISTS (SELECT 1 FROM topics WHERE id = ${topicId} AND status IN ${OPEN})`
  // This tick's row, or the one this browser made before.
  const mine = sql`FROM supports WHERE topic_id = ${topicId}
    AND (tracking_code = ${code} OR client_key = ${clientKey})
    ORDER BY tracking_code = ${code} DESC, id LIMIT 1`
  try {
    const [, , , , found] = await batchRows(db, [
      sql`INSERT INTO supports (topic_id, tracking_code, source, client_key, address_key, counted,
          created_at)
        SELECT ${topicId}, ${code}, 'support', ${clientKey}, ${addressKey},
          ${addressKey} IS NULL OR NOT EXISTS (SELECT 1 FROM supports WHERE topic_id = ${topicId}
            AND address_key = ${addressKey} AND counted = 1
            AND created_at > ${now - SUPPORT_WINDOW_MS}),
          ${now}
        WHERE ${open}
          AND NOT EXISTS (SELECT 1 FROM supports WHERE topic_id = ${topicId} AND client_key = ${clientKey})`,
      // The browser ticked before (the insert above did not happen): one more repeat on its row.
      sql`UPDATE supports SET repeats = repeats + 1 WHERE topic_id = ${topicId}
        AND client_key = ${clientKey} AND tracking_code <> ${code} AND ${open}`,
      // The count moves only if this very insert happened and counts (the code is new and unique to it).
      sql`UPDATE topics SET support_count = support_count + 1 WHERE id = ${topicId}
        AND EXISTS (SELECT 1 FROM supports WHERE tracking_code = ${code} AND counted = 1)`,
      sql`INSERT INTO idempotency_keys (key, scope, status, body, created_at)
        SELECT ${`support:${topicId}:${key}`}, 'support', 200,
          json_object('code', tracking_code, 'counted', counted), ${now}
        ${mine}`,
      sql`SELECT tracking_code AS trackingCode, tracking_code = ${code} AS created, counted ${mine}`,
    ])
    const row = found[0] as { trackingCode: string; created: number; counted: number } | undefined
    return row
      ? { trackingCode: row.trackingCode, created: row.created === 1, counted: row.counted === 1 }
      : null
  } catch (err) {
    if (!isUniqueViolation(err)) throw err
    const stored = await storedResult<{ code: string; counted?: number }>(
      db,
      `support:${topicId}`,
      key,
    )
    if (!stored) throw err
    return { trackingCode: stored.body.code, created: false, counted: stored.body.counted !== 0 }
  }
}

/**
 * Forgets the address of ticks older than the window (domain/voice.ts, rule 4): it is needed only
 * to group the ticks of one address within the window, and is personal data. Run by the cron job;
 * returns how many were forgotten.
 * @example await forgetSupportAddresses(db) // 12
 */
export const forgetSupportAddresses = async (db: Db, now = Date.now()) => {
  const rows = await db.all<{ id: number }>(sql`UPDATE supports SET address_key = NULL
    WHERE address_key IS NOT NULL AND created_at <= ${now - SUPPORT_WINDOW_MS} RETURNING id`)
  return rows.length
}
