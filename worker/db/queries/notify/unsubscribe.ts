// Stopping messages: by the link in a message (/u/<token>) or by an SMS reply 'T' a provider
// forwards. Either withdraws every 'notify' consent of the recipient for that medium (privacy's
// withdrawConsentsStmt) and skips what is still waiting for them, in one batch.
import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { batch, rawStatement } from '../../batch'
import { withdrawConsentsStmt } from '../privacy/consents'
import type { ConsentMedium, ConsentWithdrawnVia } from '../../../domain/vocabulary'

/** The message a link token names: its recipient (masked by the page), medium and town. */
export const messageByToken = (db: Db, token: string) =>
  db.get<
    { id: number; recipient: string; medium: ConsentMedium; townName: string | null } | undefined
  >(
    sql`SELECT o.id, o.recipient, o.medium, t.name AS townName FROM outbox o
      LEFT JOIN towns t ON t.id = o.town_id WHERE o.token = ${token} AND o.consent_id IS NOT NULL`,
  )

/**
 * Withdraws `phone`'s notify consents for `medium` (via the link or an SMS reply) and skips its
 * waiting messages; how many consents were withdrawn.
 * @example await stopMessages(db, { phone: '13812345678', medium: 'sms', via: 'sms_reply', at: now })
 */
export const stopMessages = async (
  db: Db,
  s: { phone: string; medium: ConsentMedium; via: ConsentWithdrawnVia; at: number },
) => {
  const [withdrawn] = await batch(db, [
    withdrawConsentsStmt(db, {
      phone: s.phone,
      purpose: 'notify',
      medium: s.medium,
      via: s.via,
      at: s.at,
    }),
    rawStatement(
      db,
      sql`UPDATE outbox SET status = 'skipped', reason = '已退订'
        WHERE recipient = ${s.phone} AND medium = ${s.medium} AND status = 'queued' AND consent_id IS NOT NULL`,
    ),
  ])
  return withdrawn.length
}
