// Retention (PIPL Art. 19, 47): how long each kind of personal data is kept, per deployment.
// Each policy is a setting (an environment variable) with a safe default; the privacy page
// states the values in force, and the scheduled job (db/queries/privacy/retention.ts) erases
// what is due. Erasing blanks the personal fields and keeps the row, so counts stay right.
import type { PurgeKind } from '../vocabulary'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** The kinds the scheduled job purges on a clock (a deletion request is the other kind). */
export type RetainedKind = Exclude<PurgeKind, 'request'>

type Rule = {
  /** The setting that overrides the default. */
  env: string
  unit: 'days' | 'hours'
  default: number
  /** Smallest and largest value the setting may take; anything else keeps the default. */
  min: number
  max: number
  /** From when the time runs (said on the privacy page). */
  from: { zh: string; en: string }
}

export const RETENTION_RULES: Record<RetainedKind, Rule> = {
  topic_contact: {
    env: 'RETENTION_TOPIC_CONTACT_DAYS',
    unit: 'days',
    default: 365,
    min: 1,
    max: 3650,
    from: { zh: '议题办结（最终状态）后', en: 'after the topic is final' },
  },
  registration: {
    env: 'RETENTION_REGISTRATION_DAYS',
    unit: 'days',
    default: 183,
    min: 1,
    max: 3650,
    from: { zh: '活动场次结束后', en: 'after the session' },
  },
  form_response: {
    env: 'RETENTION_FORM_DAYS',
    unit: 'days',
    default: 365,
    min: 1,
    max: 3650,
    from: {
      zh: '表单关闭后（每个表单可由工作人员另设期限）',
      en: 'after the form closes (staff may set another period per form)',
    },
  },
  child: {
    env: 'RETENTION_CHILD_DAYS',
    unit: 'days',
    default: 30,
    min: 1,
    max: 365,
    // Also the answers to questions marked sensitive, in any activity or form.
    from: { zh: '活动结束（或表单关闭）后', en: 'after the activity (or the form’s closing)' },
  },
  meeting_attendee: {
    env: 'RETENTION_ATTENDEE_DAYS',
    unit: 'days',
    default: 365,
    min: 1,
    max: 3650,
    from: { zh: '会议召开后', en: 'after the meeting' },
  },
  one_time_code: {
    env: 'RETENTION_CODE_HOURS',
    unit: 'hours',
    default: 24,
    min: 1,
    max: 720,
    from: { zh: '验证码发出后', en: 'after the code was sent' },
  },
  rate_limit: {
    env: 'RETENTION_RATE_LIMIT_HOURS',
    unit: 'hours',
    default: 48,
    min: 25,
    max: 720,
    from: { zh: '最后一次访问后', en: 'after the last visit' },
  },
  session: {
    env: 'RETENTION_SESSION_DAYS',
    unit: 'days',
    default: 30,
    min: 1,
    max: 365,
    from: { zh: '登录会话过期后', en: 'after the sign-in session ends' },
  },
  idempotency: {
    env: 'RETENTION_IDEMPOTENCY_HOURS',
    unit: 'hours',
    default: 72,
    min: 1,
    max: 720,
    from: { zh: '提交后', en: 'after the submission' },
  },
}

/** Per kind, how long it is kept: the amount in its unit, and in milliseconds. */
export type RetentionPolicy = Record<
  RetainedKind,
  { amount: number; unit: Rule['unit']; ms: number }
>

/**
 * The policy in force: each setting present and a whole number within its bounds, else the
 * default (a typo never shortens or lengthens retention by surprise).
 * @example retentionPolicy({ RETENTION_CHILD_DAYS: '14' }).child.ms // 14 days in ms
 */
export const retentionPolicy = (settings: Record<string, unknown>): RetentionPolicy => {
  const entries = (Object.entries(RETENTION_RULES) as [RetainedKind, Rule][]).map(([kind, r]) => {
    const raw = settings[r.env]
    const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN
    const amount = n >= r.min && n <= r.max ? n : r.default
    return [kind, { amount, unit: r.unit, ms: amount * (r.unit === 'days' ? DAY : HOUR) }]
  })
  return Object.fromEntries(entries) as RetentionPolicy
}

/** Form answers kept after a purge: the kinds that count (statistics) and identify nobody (a building answer holds the room: it goes). */
const KEPT_ANSWER_TYPES = new Set(['single', 'multiple', 'rating', 'number', 'consent'])

/**
 * A response's answers once its time is up: choices, ratings and numbers stay (the form's
 * statistics stay right), free text, phones, dates and hidden values go.
 * @example anonymisedAnswers([{ key: 'q', type: 'single' }, { key: 'n', type: 'text' }], { q: 'a', n: '王' }) // { q: 'a' }
 */
export const anonymisedAnswers = (
  fields: readonly { key: string; type: string; sensitive?: boolean }[],
  answers: Record<string, unknown>,
) => {
  const kept: Record<string, unknown> = {}
  for (const f of fields)
    if (KEPT_ANSWER_TYPES.has(f.type) && !f.sensitive && f.key in answers)
      kept[f.key] = answers[f.key]
  return kept
}

/** How many rows one run of the job touches per kind at most (bounded batches). */
export const PURGE_BATCH = 200

/**
 * The answers without those to questions marked sensitive (health notes): what stays of an
 * ordinary registration or response once the children's period has run (#17.5).
 * @example withoutSensitive([{ key: 'a', type: 'text', sensitive: true }], { a: '花生过敏', b: 2 }) // { b: 2 }
 */
export const withoutSensitive = (
  fields: readonly { key: string; sensitive?: boolean }[],
  answers: Record<string, unknown>,
) => {
  const out = { ...answers }
  for (const f of fields) if (f.sensitive) delete out[f.key]
  return out
}
