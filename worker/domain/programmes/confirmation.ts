import { z } from 'zod'
import { normalizeVolunteerCode } from '../capacity'
import { MOBILE_PHONE, normalizePhone } from '../masking'
import { normalizeTrackingCode, TRACKING_CODE } from '../tracking-code'
import { isOneOf, type Verdict, VERDICTS } from '../vocabulary'
import { cleanText } from '../text'

// 居民打钩: residents confirm (我确认已完成) or dispute (还没有做到) a step staff marked done.
// The rules:
// 1. Only a done, public step of a programme can be answered; once staff reopen it, answers stop.
// 2. One voice per resident and step, by the one rule of domain/voice.ts: a tracking code with a
//    voice (a topic's own code, or the code of a supporter whose phone was verified; a plain
//    support code is none) of a topic in the step's neighborhood, or a verified phone: the phone
//    of a volunteer registered in that neighborhood, proven with their volunteer code (staff met
//    them when they registered; nothing here sends an SMS). A voice answers once; the first
//    answer stands.
// 3. One device, one voice per step within DEVICE_WINDOW_MS: a second voice from the same
//    address and browser (user agent) is refused until the window has passed, cookie or not.
//    Someone holding several codes cannot tick several times in a row; a family sharing a phone
//    waits a few minutes between its answers.
// 4. Paper tick sheets: staff enter counts of 确认 and 有异议 (whole numbers ≥ 0, not both 0),
//    recorded as source 'paper' with no voice.
// 5. What residents and staff see: confirmed and disputed totals, every source together; a step
//    with any objection is flagged to staff.

export const DEVICE_WINDOW_MS = 10 * 60_000
export const COMMENT_MAX = 200
/** A paper sheet's count above this is a typo. */
export const PAPER_MAX = 5_000

export type Voice =
  | { kind: 'code'; code: string }
  | { kind: 'volunteer'; phone: string; volunteerCode: string }

export type ConfirmationErrors = Partial<
  Record<'voice' | 'vcode' | 'verdict' | 'comment', 'required' | 'invalid' | 'too_long'>
>

export type ConfirmationInput = { voice: Voice; verdict: Verdict; comment: string }

/**
 * Reads a posted confirmation form (strings as posted): the voice (a tracking code, or a phone
 * with its volunteer code), the verdict and an optional comment. Errors are reasons; the page
 * words them.
 * @example readConfirmation({ voice: 'k7q 4mx', verdict: 'confirmed' }) // { ok: true, value: … }
 */
export const readConfirmation = (form: {
  voice?: string
  vcode?: string
  verdict?: string
  comment?: string
}): { ok: true; value: ConfirmationInput } | { ok: false; errors: ConfirmationErrors } => {
  const errors: ConfirmationErrors = {}
  const raw = (form.voice ?? '').trim()
  let voice: Voice | null = null
  if (!raw) errors.voice = 'required'
  else if (MOBILE_PHONE.test(normalizePhone(raw))) {
    const volunteerCode = normalizeVolunteerCode(form.vcode ?? '')
    if (!volunteerCode) errors.vcode = 'required'
    else voice = { kind: 'volunteer', phone: normalizePhone(raw), volunteerCode }
  } else {
    const code = normalizeTrackingCode(raw)
    if (TRACKING_CODE.test(code)) voice = { kind: 'code', code }
    else errors.voice = 'invalid'
  }
  const verdict = isOneOf(VERDICTS, form.verdict) ? form.verdict : null
  if (!verdict) errors.verdict = 'required'
  const comment = cleanText(form.comment ?? '')
  if ([...comment].length > COMMENT_MAX) errors.comment = 'too_long'
  if (!voice || !verdict || Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, value: { voice, verdict, comment } }
}

/**
 * The stored voice of a confirmation (unique per step): the code, or the volunteer's id.
 * @example voiceKey({ kind: 'code', code: 'K7Q-4MX' }) // 'code:K7Q-4MX'
 */
export const voiceKey = (
  voice: { kind: 'code'; code: string } | { kind: 'volunteer'; id: number },
) => (voice.kind === 'code' ? `code:${voice.code}` : `volunteer:${voice.id}`)

/**
 * Whether a step can be answered now (rule 1); null when it can.
 * @example answerable({ done: true, public: true }) // null
 */
export const answerable = (step: { done: boolean | number; public: boolean | number }) =>
  step.done && step.public ? null : ('not_open' as const)

const count = (what: string) =>
  z
    .number({ message: `请填写${what}人数` })
    .int(`${what}人数应为整数`)
    .min(0, `${what}人数不能为负`)
    .max(PAPER_MAX, `${what}人数不应超过 ${PAPER_MAX}`)

/** A paper tick sheet's counts as the API takes them (rule 4). */
export const paperSchema = z
  .object({
    confirmed: count('确认'),
    disputed: count('有异议'),
    note: z.string().trim().max(COMMENT_MAX, `最多 ${COMMENT_MAX} 个字`).default(''),
  })
  .refine((p) => p.confirmed + p.disputed > 0, {
    message: '请至少填写一项人数',
    path: ['confirmed'],
  })
