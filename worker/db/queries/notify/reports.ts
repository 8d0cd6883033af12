// Settling sent messages by the providers' delivery reports (domain/notify/reports.ts): the
// outbox row the provider's message id names becomes 'delivered', or 'failed' with the
// provider's reason. Only a 'sent' row moves: a report pushed twice changes nothing twice.
import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { batch, chunks, rawAll } from '../../batch'
import type { DeliveryReport, SmsProviderName } from '../../../domain/notify/reports'

/**
 * Applies `reports` of `provider`; how many messages they settled.
 * @example await applyReports(db, 'aliyun', readReports('aliyun', body), Date.now())
 */
export const applyReports = async (
  db: Db,
  provider: SmsProviderName,
  reports: DeliveryReport[],
  now: number,
) => {
  let settled = 0
  for (const part of chunks(reports, 50)) {
    const results = await batch(
      db,
      part.map((r) =>
        rawAll<{ id: number }>(
          db,
          r.delivered
            ? sql`UPDATE outbox SET status = 'delivered', delivered_at = ${r.at ?? now}, reason = NULL
                WHERE provider = ${provider} AND provider_message_id = ${r.providerMessageId}
                  AND status = 'sent' RETURNING id`
            : sql`UPDATE outbox SET status = 'failed', reason = ${r.reason}
                WHERE provider = ${provider} AND provider_message_id = ${r.providerMessageId}
                  AND status = 'sent' RETURNING id`,
        ),
      ),
    )
    settled += results.reduce((n, rows) => n + (rows as unknown[]).length, 0)
  }
  return settled
}
