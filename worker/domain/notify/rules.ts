// The delivery rules of notifications, as pure functions the queue consumer applies to each
// outbox row (worker/notify/consumer.ts) with the clock passed in:
//  1. Nothing goes without an active consent (the resident may have withdrawn since it was queued).
//  2. No provider for the medium, or the town switched the channel off: not sent, and says why.
//  3. One message per dedupe key (template, record, medium, recipient) within DEDUPE_WINDOW_MS.
//  4. A message older than STALE_MS, or about an activity that has begun, is no longer worth sending.
//  5. Quiet hours (Shanghai time, per town; default 21:00–08:00): no SMS, except a change to an
//     activity on the same day; the rest waits until the quiet hours end.
//  6. At most `dailyCap` SMS per phone per Shanghai day; the rest wait for the next morning.
//  7. A failed send the provider calls retryable is tried again after BACKOFF_MS[attempt], at
//     most MAX_ATTEMPTS times in all; a failure it calls final is final.
import { shanghaiDay } from '../stats'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const SHANGHAI_OFFSET = 8 * HOUR

/** Same template, record, medium and recipient within this window: one message (rule 3). */
export const DEDUPE_WINDOW_MS = 12 * HOUR

/** A message not sent within this long after it was written is dropped (rule 4). */
export const STALE_MS = 3 * DAY

/** Waits before the 2nd, 3rd … attempt after a retryable failure (rule 7). */
export const BACKOFF_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR] as const

/** Attempts in all (the first and one per backoff step). */
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1

export type Medium = 'sms' | 'email' | 'wechat'

/** A town's notification settings (notify_settings; these defaults without a row). */
export type NotifySettings = {
  senderName: string
  smsOn: boolean
  emailOn: boolean
  wechatOn: boolean
  /** Quiet hours, Shanghai time, 'HH:MM'; from > to spans midnight. Equal: none. */
  quietFrom: string
  quietTo: string
  dailyCap: number
  staffDigest: boolean
}

export const DEFAULT_SETTINGS: NotifySettings = {
  senderName: '',
  smsOn: true,
  emailOn: true,
  wechatOn: true,
  quietFrom: '21:00',
  quietTo: '08:00',
  dailyCap: 5,
  staffDigest: true,
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Whether a quiet-hours bound reads 'HH:MM'. */
export const isClockTime = (s: string) => HHMM.test(s)

/** Minutes after midnight of 'HH:MM'. */
const minutesOf = (hhmm: string) => {
  const m = HHMM.exec(hhmm)
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0
}

/** Minutes after midnight, Shanghai time, at `now`. */
const shanghaiMinutes = (now: number) => Math.floor(((now + SHANGHAI_OFFSET) % DAY) / MINUTE)

/** Epoch ms of the Shanghai midnight that starts the day of `now`. */
const shanghaiMidnight = (now: number) => now - ((now + SHANGHAI_OFFSET) % DAY)

/**
 * Whether `now` falls in the quiet hours (rule 5).
 * @example inQuietHours(Date.parse('2026-12-05T14:00:00Z'), DEFAULT_SETTINGS) // true: 22:00 in Shanghai
 */
export const inQuietHours = (now: number, s: Pick<NotifySettings, 'quietFrom' | 'quietTo'>) => {
  const from = minutesOf(s.quietFrom)
  const to = minutesOf(s.quietTo)
  const m = shanghaiMinutes(now)
  if (from === to) return false
  return from < to ? m >= from && m < to : m >= from || m < to
}

/**
 * The first moment at or after `now` when the clock in Shanghai reads `hhmm`.
 * @example nextClock(Date.parse('2026-12-05T14:00:00Z'), '08:00') // 2026-12-06T00:00:00Z
 */
export const nextClock = (now: number, hhmm: string) => {
  const at = shanghaiMidnight(now) + minutesOf(hhmm) * MINUTE
  return at >= now ? at : at + DAY
}

/** Whether two times fall on the same Shanghai calendar day. */
export const sameShanghaiDay = (a: number, b: number) => shanghaiDay(a) === shanghaiDay(b)

/** The Shanghai day's bounds [start, end) around `now`: the span a daily cap counts. */
export const shanghaiDayBounds = (now: number) => {
  const start = shanghaiMidnight(now)
  return { start, end: start + DAY }
}

/**
 * The key under which messages count as the same (rule 3). db/queries/notify builds the same
 * string in SQL; a test holds them together.
 * @example dedupeKey({ templateKey: 'topic_accepted', subjectType: 'topic', subjectId: 7, medium: 'sms', recipient: '13812345678' }) // 'topic_accepted|topic|7|sms|13812345678'
 */
export const dedupeKey = (m: {
  templateKey: string
  subjectType: string
  subjectId: number | null
  medium: string
  recipient: string
}) => [m.templateKey, m.subjectType, m.subjectId ?? '', m.medium, m.recipient].join('|')

/** What the consumer knows of a queued message when it decides. */
export type Queued = {
  medium: Medium
  createdAt: number
  dueAt: number
  /** The activity session's start a message concerns, if any. */
  eventAt: number | null
  /** A resident message's consent still active (staff messages: true). */
  consentActive: boolean
}

/** What the consumer knows of the world around it. */
export type Circumstances = {
  settings: NotifySettings
  /** A provider is configured for the message's medium. */
  providerOn: boolean
  /** SMS already sent to this recipient this Shanghai day. */
  sentToday: number
  /** The id of an earlier message with the same key sent within the window, if any. */
  duplicateOf: number | null
  now: number
}

export type Decision =
  | { kind: 'send' }
  | { kind: 'defer'; until: number; reason: string }
  | { kind: 'skip'; reason: string }

/** Reasons staff read on a message that was not sent (or not yet). */
export const REASON = {
  withdrawn: '已退订',
  providerOff: '通知未开通：未配置服务商',
  channelOff: '本镇已关闭该渠道',
  duplicate: (id: number) => `重复：同一通知已发送（#${id}）`,
  stale: '已过期',
  started: '活动已开始',
  quiet: '免打扰时段，顺延发送',
  cap: '已达当日条数上限，顺延到次日',
  later: '等待重试',
  attempts: (reason: string) => `多次重试仍失败：${reason}`,
} as const

const channelOn = (medium: Medium, s: NotifySettings) =>
  medium === 'sms' ? s.smsOn : medium === 'email' ? s.emailOn : s.wechatOn

/**
 * What to do with a queued message now (rules 1–6), in the order the rules are listed.
 * @example decide({ medium: 'sms', createdAt: now, dueAt: now, eventAt: null, consentActive: true }, { settings: DEFAULT_SETTINGS, providerOn: true, sentToday: 0, duplicateOf: null, now }) // { kind: 'send' } outside quiet hours
 */
export const decide = (m: Queued, c: Circumstances): Decision => {
  const { settings: s, now } = c
  if (!m.consentActive) return { kind: 'skip', reason: REASON.withdrawn }
  if (!c.providerOn) return { kind: 'skip', reason: REASON.providerOff }
  if (!channelOn(m.medium, s)) return { kind: 'skip', reason: REASON.channelOff }
  if (c.duplicateOf !== null) return { kind: 'skip', reason: REASON.duplicate(c.duplicateOf) }
  if (now - m.createdAt > STALE_MS) return { kind: 'skip', reason: REASON.stale }
  if (m.eventAt !== null && m.eventAt <= now) return { kind: 'skip', reason: REASON.started }
  if (m.dueAt > now) return { kind: 'defer', until: m.dueAt, reason: REASON.later }
  if (m.medium === 'sms') {
    const sameDayChange = m.eventAt !== null && sameShanghaiDay(m.eventAt, now)
    if (inQuietHours(now, s) && !sameDayChange)
      return { kind: 'defer', until: nextClock(now, s.quietTo), reason: REASON.quiet }
    if (c.sentToday >= s.dailyCap) {
      const tomorrow = shanghaiDayBounds(now).end
      const until = inQuietHours(tomorrow, s) ? nextClock(tomorrow, s.quietTo) : tomorrow
      return { kind: 'defer', until, reason: REASON.cap }
    }
  }
  return { kind: 'send' }
}

export type AfterFailure = { kind: 'retry'; at: number } | { kind: 'fail'; reason: string }

/**
 * After a failed attempt (`attempts` counts it): try again after the backoff, or give up
 * (rule 7).
 * @example afterFailure(1, true, 'isv.BUSINESS_LIMIT_CONTROL', now) // { kind: 'retry', at: now + 60_000 }
 */
export const afterFailure = (
  attempts: number,
  retryable: boolean,
  reason: string,
  now: number,
): AfterFailure => {
  if (!retryable) return { kind: 'fail', reason }
  if (attempts >= MAX_ATTEMPTS) return { kind: 'fail', reason: REASON.attempts(reason) }
  return { kind: 'retry', at: now + BACKOFF_MS[attempts - 1] }
}
