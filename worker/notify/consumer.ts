// The queue consumer: delivers outbox rows (worker/domain/notify/rules.ts decides, with the clock
// passed in; db/queries/notify/delivery.ts reads and settles). Sending goes through the providers
// of lib/providers (none configured: nothing is sent, and each message says notifications are off).
import type { Db } from '../env'
import {
  claimMessage,
  markDeferred,
  markFailed,
  markSent,
  markSkipped,
  messageContext,
} from '../db/queries/notify/delivery'
import {
  afterFailure,
  DEDUPE_WINDOW_MS,
  DEFAULT_SETTINGS,
  decide,
  REASON,
  shanghaiDayBounds,
} from '../domain/notify/rules'
import { renderMessage } from '../domain/notify/templates'
import type { MessageTemplate } from '../domain/vocabulary'
import type { Medium, OutgoingMessage, Provider } from '../lib/providers'
import { MAX_QUEUE_DELAY_S } from './enqueue'

export type Providers = Partial<Record<Medium, Provider>>

/**
 * What became of one message: settled (`sent`, `failed`, `skipped`, or `ignored` when it was no
 * longer queued), or waiting until `at` (`retry` after a failure, `deferred` by a rule);
 * `requeue`: the queue message should come back after that many seconds (else the sweep brings
 * the row back when it is due).
 */
export type Outcome =
  | { id: number; status: 'sent' | 'failed' | 'skipped' | 'ignored'; reason?: string }
  | { id: number; status: 'retry' | 'deferred'; at: number; reason: string; requeue: number | null }

/** Where links in messages point (wrangler.toml [vars] PUBLIC_URL). */
export type DeliveryOptions = { baseUrl: string; now: number }

const waitOutcome = (
  id: number,
  status: 'retry' | 'deferred',
  at: number,
  reason: string,
  now: number,
): Outcome => {
  const seconds = Math.ceil((at - now) / 1000)
  return {
    id,
    status,
    at,
    reason,
    requeue: seconds <= MAX_QUEUE_DELAY_S ? Math.max(0, seconds) : null,
  }
}

/**
 * Delivers outbox row `id` as the rules say at `o.now`.
 * @example await deliverMessage(db, 7, providersFromEnv(env), { baseUrl: env.PUBLIC_URL, now: Date.now() })
 */
export const deliverMessage = async (
  db: Db,
  id: number,
  providers: Providers,
  o: DeliveryOptions,
): Promise<Outcome> => {
  const { now } = o
  const dedupeSince = now - DEDUPE_WINDOW_MS
  const ctx = await messageContext(db, id, { dayStart: shanghaiDayBounds(now).start, dedupeSince })
  const row = ctx.row
  if (row?.status !== 'queued') return { id, status: 'ignored' }
  const settings = ctx.settings ?? DEFAULT_SETTINGS
  const provider = providers[row.medium]
  const decision = decide(
    {
      medium: row.medium,
      createdAt: row.createdAt,
      dueAt: row.dueAt,
      eventAt: row.eventAt,
      consentActive: !!row.consentActive,
    },
    {
      settings,
      providerOn: !!provider,
      sentToday: ctx.sentToday,
      duplicateOf: ctx.duplicateOf,
      now,
    },
  )
  if (decision.kind === 'skip') {
    await markSkipped(db, id, decision.reason)
    return { id, status: 'skipped', reason: decision.reason }
  }
  if (decision.kind === 'defer') {
    const out = waitOutcome(id, 'deferred', decision.until, decision.reason, now)
    const requeued = out.status === 'deferred' && out.requeue !== null
    await markDeferred(db, id, { until: decision.until, reason: decision.reason, requeued, now })
    return out
  }
  if (!(await claimMessage(db, id, now, dedupeSince))) {
    // Still queued, yet not claimed: a message with the same key went out meanwhile.
    await markSkipped(db, id, REASON.duplicate(0).replace('（#0）', ''))
    return { id, status: 'skipped', reason: 'duplicate' }
  }
  const lang = row.lang === 'en' ? 'en' : 'zh'
  const template = row.templateKey as MessageTemplate
  const rendered = renderMessage({
    templateKey: template,
    lang,
    medium: row.medium,
    params: {
      ...(JSON.parse(row.params) as Record<string, string>),
      unsubscribe: `/u/${row.token}`,
    },
    senderName: settings.senderName || ctx.town || '',
    baseUrl: o.baseUrl,
    custom: lang === 'zh' ? ctx.template?.textZh : ctx.template?.textEn,
    eventAt: row.eventAt,
  })
  const message: OutgoingMessage = {
    id,
    medium: row.medium,
    to: row.recipient,
    templateKey: template,
    ...(ctx.template?.providerTemplateId && { templateId: ctx.template.providerTemplateId }),
    params: rendered.params,
    text: rendered.text,
    ...(rendered.subject && { subject: rendered.subject }),
    lang,
  }
  const result = await provider!.send(message).catch((err: unknown) => ({
    ok: false as const,
    retryable: true,
    reason: err instanceof Error ? err.message : String(err),
  }))
  if (result.ok) {
    await markSent(db, id, {
      now,
      provider: provider!.name,
      providerMessageId: result.providerMessageId ?? null,
    })
    return { id, status: 'sent' }
  }
  const next = afterFailure(row.attempts + 1, result.retryable, result.reason, now)
  if (next.kind === 'fail') {
    await markFailed(db, id, next.reason, provider!.name)
    return { id, status: 'failed', reason: next.reason }
  }
  const out = waitOutcome(id, 'retry', next.at, result.reason, now)
  await markDeferred(db, id, { until: next.at, reason: result.reason, requeued: true, now })
  return out
}
