// Staff actions on single messages.
import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'

/**
 * Puts a failed or skipped message back in the queue as new (attempts from zero, due now, a fresh
 * creation time so it is not stale); whether it was one.
 * @example await retryMessage(db, 7, Date.now())
 */
export const retryMessage = async (db: Db, id: number, now: number) => {
  const rows = await db.all<{ id: number }>(sql`
    UPDATE outbox SET status = 'queued', attempts = 0, reason = NULL, due_at = ${now},
      created_at = ${now}, enqueued_at = NULL, sent_at = NULL
    WHERE id = ${id} AND status IN ('failed', 'skipped') AND recipient <> ''
    RETURNING id`)
  return rows.length > 0
}
