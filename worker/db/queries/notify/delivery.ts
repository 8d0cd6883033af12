// What the queue consumer and the sweep read and write (worker/notify/). Each message is read
// with everything its decision needs in one batch, claimed by one conditional UPDATE (so two
// deliveries of the same queue message, or two rows with the same dedupe key, send once), and
// settled by one UPDATE.
import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { batchRows } from '../../batch'
import { sqlList } from '../../sql'
import type { Medium, NotifySettings } from '../../../domain/notify/rules'

/** An outbox row as the consumer reads it, with its consent's state. */
export type OutboxRow = {
  id: number
  townId: number | null
  medium: Medium
  recipient: string
  consentId: number | null
  templateKey: string
  subjectType: string
  subjectId: number | null
  params: string
  lang: 'zh' | 'en'
  eventAt: number | null
  dedupeKey: string
  token: string
  status: string
  attempts: number
  createdAt: number
  dueAt: number
  consentActive: number
}

const ROW = sql.raw(`o.id, o.town_id AS townId, o.medium, o.recipient, o.consent_id AS consentId,
  o.template_key AS templateKey, o.subject_type AS subjectType, o.subject_id AS subjectId, o.params,
  o.lang, o.event_at AS eventAt, o.dedupe_key AS dedupeKey, o.token, o.status, o.attempts,
  o.created_at AS createdAt, o.due_at AS dueAt,
  (o.consent_id IS NULL OR EXISTS (SELECT 1 FROM consents c WHERE c.id = o.consent_id
    AND c.withdrawn_at IS NULL)) AS consentActive`)

/** Statuses that count as sent for caps and de-duplication ('sending' is a send under way). */
const SENT = sqlList(['sending', 'sent', 'delivered'])

/** The settings row of a town, in the domain's shape (defaults without a row). */
const SETTINGS = sql.raw(`sender_name AS senderName, sms_on AS smsOn, email_on AS emailOn,
  wechat_on AS wechatOn, quiet_from AS quietFrom, quiet_to AS quietTo, daily_cap AS dailyCap,
  staff_digest AS staffDigest`)

type SettingsRow = {
  [K in keyof NotifySettings]: NotifySettings[K] extends boolean ? number : NotifySettings[K]
}

export const toSettings = (row: SettingsRow): NotifySettings => ({
  ...row,
  smsOn: !!row.smsOn,
  emailOn: !!row.emailOn,
  wechatOn: !!row.wechatOn,
  staffDigest: !!row.staffDigest,
})

/** What one message's decision needs. */
export type MessageContext = {
  row: OutboxRow | undefined
  settings: NotifySettings | null
  town: string | null
  sentToday: number
  duplicateOf: number | null
  /** The town's own wording and provider template id for this template and medium, if set. */
  template: {
    providerTemplateId: string | null
    textZh: string | null
    textEn: string | null
  } | null
}

/**
 * One message with its consent, its town's settings and template, the SMS its recipient got
 * since `dayStart`, and an earlier message with the same key sent since `dedupeSince`: one batch.
 * @example const ctx = await messageContext(db, 7, { dayStart, dedupeSince })
 */
export const messageContext = async (
  db: Db,
  id: number,
  w: { dayStart: number; dedupeSince: number },
): Promise<MessageContext> => {
  const [rows, settings, towns, sent, dups, templates] = await batchRows(db, [
    sql`SELECT ${ROW} FROM outbox o WHERE o.id = ${id}`,
    sql`SELECT ${SETTINGS} FROM notify_settings WHERE town_id = (SELECT town_id FROM outbox WHERE id = ${id})`,
    sql`SELECT name FROM towns WHERE id = (SELECT town_id FROM outbox WHERE id = ${id})`,
    sql`SELECT count(*) AS n FROM outbox o WHERE o.medium = 'sms'
      AND o.recipient = (SELECT recipient FROM outbox WHERE id = ${id})
      AND o.sent_at >= ${w.dayStart} AND o.status IN ${SENT} AND o.id <> ${id}`,
    sql`SELECT o.id FROM outbox o WHERE o.dedupe_key = (SELECT dedupe_key FROM outbox WHERE id = ${id})
      AND o.id <> ${id} AND o.status IN ${SENT} AND coalesce(o.sent_at, o.created_at) >= ${w.dedupeSince}
      ORDER BY o.id LIMIT 1`,
    sql`SELECT t.provider_template_id AS providerTemplateId, t.text_zh AS textZh, t.text_en AS textEn
      FROM notify_templates t JOIN outbox o ON o.id = ${id}
      WHERE t.town_id = o.town_id AND t.template_key = o.template_key AND t.medium = o.medium`,
  ])
  return {
    row: rows[0] as OutboxRow | undefined,
    settings: settings[0] ? toSettings(settings[0] as SettingsRow) : null,
    town: (towns[0] as { name: string } | undefined)?.name ?? null,
    sentToday: (sent[0] as { n: number }).n,
    duplicateOf: (dups[0] as { id: number } | undefined)?.id ?? null,
    template: (templates[0] as MessageContext['template'] | undefined) ?? null,
  }
}

/**
 * Claims a queued message for sending (counts the attempt): only if it is still queued and no
 * other message with its key has been sent since `dedupeSince`. Whether it was claimed.
 */
export const claimMessage = async (db: Db, id: number, now: number, dedupeSince: number) => {
  const rows = await db.all<{ id: number }>(sql`
    UPDATE outbox SET status = 'sending', attempts = attempts + 1, enqueued_at = ${now}
    WHERE id = ${id} AND status = 'queued'
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = outbox.dedupe_key AND o.id <> outbox.id
        AND o.status IN ${SENT} AND coalesce(o.sent_at, o.created_at) >= ${dedupeSince})
    RETURNING id`)
  return rows.length > 0
}

/** Settles a message the provider accepted. */
export const markSent = (
  db: Db,
  id: number,
  s: { now: number; provider: string; providerMessageId: string | null },
) =>
  db.run(sql`UPDATE outbox SET status = 'sent', sent_at = ${s.now}, reason = NULL,
    provider = ${s.provider}, provider_message_id = ${s.providerMessageId} WHERE id = ${id}`)

/** A failure that is final: 'failed' with the provider's reason. */
export const markFailed = (db: Db, id: number, reason: string, provider: string | null) =>
  db.run(sql`UPDATE outbox SET status = 'failed', reason = ${reason}, provider = ${provider}
    WHERE id = ${id}`)

/** Not sent, and why (only while it is still waiting). */
export const markSkipped = (db: Db, id: number, reason: string) =>
  db.run(sql`UPDATE outbox SET status = 'skipped', reason = ${reason}
    WHERE id = ${id} AND status IN ('queued', 'sending')`)

/**
 * Back to waiting until `until`, with why (quiet hours, a cap, a retry). `requeued`: the queue
 * will bring it back itself (a delayed retry); otherwise the sweep hands it over when it is due.
 */
export const markDeferred = (
  db: Db,
  id: number,
  d: { until: number; reason: string; requeued: boolean; now: number },
) =>
  db.run(sql`UPDATE outbox SET status = 'queued', due_at = ${d.until}, reason = ${d.reason},
    enqueued_at = ${d.requeued ? d.now : null}
    WHERE id = ${id} AND status IN ('queued', 'sending')`)

/** Sending takes at most this long; a row 'sending' for longer lost its consumer. */
export const SENDING_TIMEOUT_MS = 15 * 60_000

/** A queue message neither delivered nor retried within this long after its due time is lost. */
export const LOST_AFTER_MS = 60 * 60_000

/**
 * The messages the queue should have, up to `limit`, due by `horizon`: never handed over (a
 * request that died after its write, or the Node home restarted), handed over but never seen
 * again, or stuck 'sending'; marked as handed over now. Returns their ids and due times.
 * @example const due = await takeForQueue(db, now, now + 3_600_000, 100)
 */
export const takeForQueue = async (db: Db, now: number, horizon: number, limit: number) => {
  const [rows] = await batchRows(db, [
    sql`UPDATE outbox SET enqueued_at = ${now},
      status = CASE WHEN status = 'sending' THEN 'queued' ELSE status END
    WHERE id IN (
      SELECT id FROM outbox WHERE status = 'queued' AND enqueued_at IS NULL AND due_at <= ${horizon}
      UNION ALL
      SELECT id FROM outbox WHERE status = 'queued' AND enqueued_at IS NOT NULL
        AND max(enqueued_at, due_at) < ${now - LOST_AFTER_MS}
      UNION ALL
      SELECT id FROM outbox WHERE status = 'sending' AND enqueued_at < ${now - SENDING_TIMEOUT_MS}
      LIMIT ${limit})
    RETURNING id, due_at AS dueAt`,
  ])
  return rows as { id: number; dueAt: number }[]
}

/** Gives messages back to the sweep (the queue refused them). */
export const releaseFromQueue = (db: Db, ids: number[]) =>
  ids.length
    ? db.run(
        sql`UPDATE outbox SET enqueued_at = NULL WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND status = 'queued'`,
      )
    : Promise.resolve()

/**
 * The rows `ids` (just written by a request) that still wait for the queue, marked as handed
 * over now: their ids and due times.
 * @example const rows = await takeIdsForQueue(db, [7, 8], now)
 */
export const takeIdsForQueue = (db: Db, ids: number[], now: number) =>
  db.all<{ id: number; dueAt: number }>(sql`UPDATE outbox SET enqueued_at = ${now}
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
      AND status = 'queued' AND enqueued_at IS NULL
    RETURNING id, due_at AS dueAt`)
