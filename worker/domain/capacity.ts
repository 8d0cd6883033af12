import { z } from 'zod'
import type { ActivityStatus, Lang, RegistrationStatus, RegistrationWindow } from './vocabulary'
import { MOBILE_PHONE, normalizePhone } from './masking'
import { validateAnswers } from './forms/validator'
import type { Answers, Field } from './forms/definition'
import type { FieldErrors, Problem } from './problem'
import { cleanInput } from './text'

// The rules of seats, the waitlist and promotion, as pure functions. The SQL in
// worker/db/queries/activities/ applies exactly these rules inside single statements (so they
// hold under any concurrency); the tests and the bench use `replayArrivals` and
// `capacityViolations` below to check what the database did against them.
//
// The rules, precisely:
// 1. Seats: a registration holds `partySize` seats while it is confirmed or checked in (and as a
//    no-show, after the session). Seats held never exceed the session's capacity.
// 2. Arrival: registrations are numbered by arrival within a session (`seq`, 1, 2, 3 …). An
//    arrival is confirmed iff its party fits in the seats free at that moment; otherwise it is
//    waitlisted. So a later small party may take seats that an earlier, bigger party did not fit
//    into ("filled as far as sizes allow"), but never seats that an earlier party fits into.
// 3. Promotion: whenever seats free up (a cancellation, a capacity raise), the waitlist is walked
//    in arrival order and every registration that fits in the seats still free is confirmed.
// 4. Hence the standing invariant: no waitlisted registration fits in the free seats.
// 5. Waitlist position: the rank among the session's waitlisted registrations by `seq` (1-based),
//    computed when read, so it stays gap-free after cancellations and promotions.

export type SeatHolder = { partySize: number; status: RegistrationStatus }
export type Queued = { id: number; seq: number; partySize: number; status: RegistrationStatus }

/** Statuses that hold seats. */
export const SEAT_STATUSES = [
  'confirmed',
  'checked_in',
  'no_show',
] as const satisfies RegistrationStatus[]

/** Statuses of a registration still to come: it may be cancelled, and counts as upcoming. */
export const UPCOMING_STATUSES = ['confirmed', 'waitlisted'] as const satisfies RegistrationStatus[]
/** The status whose credited minutes count as a volunteer's hours (a shift served). */
export const CREDITED_STATUS = 'checked_in' satisfies RegistrationStatus

const holdsSeats = (status: RegistrationStatus) =>
  (SEAT_STATUSES as readonly string[]).includes(status)

/**
 * Seats held, counting party sizes.
 * @example seatsTaken([{ partySize: 3, status: 'confirmed' }, { partySize: 2, status: 'waitlisted' }]) // 3
 */
export const seatsTaken = (regs: SeatHolder[]) =>
  regs.reduce((sum, r) => (holdsSeats(r.status) ? sum + r.partySize : sum), 0)

/** Whether a party fits in what is left of `capacity`. */
export const fits = (partySize: number, capacity: number, taken: number) =>
  partySize <= capacity - taken

/**
 * Rule 2: the status of a new arrival.
 * @example arrivalStatus(3, 50, 48) // 'waitlisted'
 */
export const arrivalStatus = (
  partySize: number,
  capacity: number,
  taken: number,
): 'confirmed' | 'waitlisted' => (fits(partySize, capacity, taken) ? 'confirmed' : 'waitlisted')

/**
 * Rule 3: which waitlisted registrations to confirm, walking the waitlist in arrival order.
 * @example promotions(10, 8, [{ id: 7, seq: 4, partySize: 3, status: 'waitlisted' }, { id: 9, seq: 5, partySize: 2, status: 'waitlisted' }]) // [9]
 */
export const promotions = (capacity: number, taken: number, regs: Queued[]): number[] => {
  let free = capacity - taken
  const out: number[] = []
  for (const r of [...regs]
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => a.seq - b.seq)) {
    if (free <= 0) break
    if (r.partySize <= free) {
      out.push(r.id)
      free -= r.partySize
    }
  }
  return out
}

/**
 * Rule 5: waitlist positions by id (1-based, gap-free, in arrival order).
 * @example waitlistPositions([{ id: 4, seq: 9, … waitlisted }, { id: 2, seq: 3, … waitlisted }]) // Map { 2 → 1, 4 → 2 }
 */
export const waitlistPositions = (regs: Queued[]) => {
  const waiting = regs.filter((r) => r.status === 'waitlisted').sort((a, b) => a.seq - b.seq)
  return new Map(waiting.map((r, i) => [r.id, i + 1]))
}

/**
 * The statuses rule 2 gives a history of arrivals only (no cancellations), in `seq` order: what the
 * database must have decided. Used to verify a flash crowd.
 * @example replayArrivals(4, [{ seq: 1, partySize: 3 }, { seq: 2, partySize: 2 }, { seq: 3, partySize: 1 }]) // ['confirmed', 'waitlisted', 'confirmed']
 */
export const replayArrivals = (
  capacity: number,
  arrivals: { seq: number; partySize: number }[],
) => {
  let taken = 0
  return [...arrivals]
    .sort((a, b) => a.seq - b.seq)
    .map((a) => {
      const status = arrivalStatus(a.partySize, capacity, taken)
      if (status === 'confirmed') taken += a.partySize
      return status
    })
}

/**
 * The standing invariants of one session (rules 1 and 4), as a list of broken ones (empty = fine).
 * @example capacityViolations(50, regs) // [] or ['seats 52 > capacity 50']
 */
export const capacityViolations = (capacity: number, regs: Queued[]): string[] => {
  const out: string[] = []
  const taken = seatsTaken(regs)
  if (taken > capacity) out.push(`seats ${taken} > capacity ${capacity}`)
  const seqs = new Set<number>()
  for (const r of regs) {
    if (seqs.has(r.seq)) out.push(`seq ${r.seq} used twice`)
    seqs.add(r.seq)
    if (r.status === 'waitlisted' && fits(r.partySize, capacity, taken))
      out.push(`waitlisted #${r.id} (party ${r.partySize}) fits in ${capacity - taken} free seats`)
  }
  return out
}

/** Why a check-in is refused, or `null` when it may go ahead. */
export const checkInRefusal = (
  status: RegistrationStatus,
  lang: 'zh' | 'en' = 'zh',
): string | null => {
  const m = REGISTRATION_MESSAGES[lang]
  switch (status) {
    case 'confirmed':
      return null
    case 'checked_in':
      return m.checkedIn
    case 'waitlisted':
      return m.checkInWaitlisted
    case 'cancelled':
      return m.checkInCancelled
    case 'no_show':
      return m.checkInNoShow
  }
}

/** Whether a registration can still be cancelled (by the resident or staff). */
export const cancellable = (status: RegistrationStatus) =>
  (UPCOMING_STATUSES as readonly string[]).includes(status)

/**
 * What a resident meets at an activity: its status, then its registration window.
 * @example registrationWindow({ status: 'published', opensAt: Date.now() + 60_000, closesAt: null }) // 'not_open'
 */
export const registrationWindow = (
  activity: {
    status: ActivityStatus
    opensAt: number | null
    closesAt: number | null
  },
  now = Date.now(),
): RegistrationWindow => {
  if (activity.status !== 'published') return activity.status
  if (activity.opensAt !== null && now < activity.opensAt) return 'not_open'
  if (activity.closesAt !== null && now >= activity.closesAt) return 'closed'
  return 'open'
}

// ── the registrant ──

/** Names as residents type them: 1–30 characters. */
export const NAME_MAX = 30

const halfWidthDigits = (s: string) =>
  s.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))

/** What a resident reads when their registration is refused, in the page's language. */
export const REGISTRATION_MESSAGES = {
  zh: {
    nameRequired: '请填写姓名',
    nameTooLong: `姓名最多 ${NAME_MAX} 个字`,
    phoneRequired: '请填写手机号',
    phoneFormat: '手机号应为 11 位数字，以 1 开头，例如 13812345678',
    partyRequired: '请填写人数',
    partyInteger: '人数应为整数',
    partyMin: '至少 1 人',
    partyMax: (max: number) => (max === 1 ? '每份报名限 1 人' : `每份报名最多 ${max} 人`),
    notPublished: '活动未发布或已取消，不能报名',
    notOpen: '报名还没有开始',
    closed: '报名已截止',
    started: '该场次已开始，不能再报名',
    ended: '该场次已结束',
    failed: '报名未成功，请刷新后重试',
    checkedIn: '已经签到过了',
    checkInWaitlisted: '候补中的报名不能签到',
    checkInCancelled: '已取消的报名不能签到',
    checkInNoShow: '已标记为未到场',
  },
  en: {
    nameRequired: 'Please fill in your name',
    nameTooLong: `A name can have at most ${NAME_MAX} characters`,
    phoneRequired: 'Please fill in your mobile number',
    phoneFormat: 'A mobile number has 11 digits starting with 1, e.g. 13812345678',
    partyRequired: 'Please say how many people come',
    partyInteger: 'The number of people must be a whole number',
    partyMin: 'At least 1 person',
    partyMax: (max: number) =>
      max === 1 ? 'One person per registration' : `At most ${max} people per registration`,
    notPublished: 'This activity is not published or was cancelled',
    notOpen: 'Registration has not opened yet',
    closed: 'Registration has closed',
    started: 'This session has already started',
    ended: 'This session has ended',
    failed: 'The registration did not go through; please reload and try again',
    checkedIn: 'Already checked in',
    checkInWaitlisted: 'A waitlisted registration cannot check in',
    checkInCancelled: 'A cancelled registration cannot check in',
    checkInNoShow: 'Marked as a no-show',
  },
} as const

/**
 * Who registers and how many come: name, mainland mobile phone (normalised) and party size
 * (1 to the session's `maxParty`). Accepts form posts (strings) and JSON alike.
 * @example registrantSchema(3).parse({ name: '王芳', phone: '138 1234 5678', partySize: '2' })
 */
export const registrantSchema = (maxParty: number, lang: Lang = 'zh') => {
  const m = REGISTRATION_MESSAGES[lang]
  return z.object({
    name: z.preprocess(
      cleanInput,
      z.string({ error: m.nameRequired }).min(1, m.nameRequired).max(NAME_MAX, m.nameTooLong),
    ),
    phone: z
      .string({ error: m.phoneRequired })
      .trim()
      .min(1, m.phoneRequired)
      .transform((v) => normalizePhone(halfWidthDigits(v)))
      .pipe(z.string().regex(MOBILE_PHONE, m.phoneFormat)),
    partySize: z.preprocess(
      (v) =>
        v === undefined || v === null || v === ''
          ? 1
          : typeof v === 'string'
            ? Number(halfWidthDigits(v.trim()))
            : v,
      z
        .number({ error: m.partyRequired })
        .int(m.partyInteger)
        .min(1, m.partyMin)
        .max(maxParty, m.partyMax(maxParty)),
    ),
  })
}

/** Who registers, checked: the name, the normalised phone and how many come. */
export type Registrant = { name: string; phone: string; partySize: number }

/** A registration as submitted (form posts and JSON alike), before it is checked. */
export type RegistrationInput = {
  name?: unknown
  phone?: unknown
  partySize?: unknown
  /** Raw answers to the activity's questions, by question key. */
  answers?: Record<string, unknown>
  /** The language of the messages (the page's). */
  lang?: Lang
}

/**
 * A registration's fields checked against its session and activity, all field errors at once
 * (`name`, `phone`, `partySize`, `answers.<key>`): the registrant and the answers, or the problem.
 * @example const r = checkRegistration({ name: '王芳', phone: '13812345678' }, 3, questions)
 */
export const checkRegistration = (
  input: RegistrationInput,
  maxParty: number,
  questions: Field[],
): { registrant: Registrant; answers: Answers } | { problem: Problem } => {
  const errors: FieldErrors = {}
  const who = registrantSchema(maxParty, input.lang).safeParse(input)
  if (!who.success)
    for (const issue of who.error.issues) errors[String(issue.path[0] ?? '_')] ??= issue.message
  const answers = validateAnswers(questions, input.answers ?? {}, { lang: input.lang })
  if (!answers.ok)
    for (const [key, message] of Object.entries(answers.errors)) errors[`answers.${key}`] = message
  if (!who.success || !answers.ok)
    return { problem: { code: 'validation_failed', message: '提交的内容有误', errors } }
  return { registrant: who.data, answers: answers.answers }
}

/**
 * Why a registration is refused, from the current state of its activity and session: for a
 * registration the atomic insert turned down, or (with `partySize` 1) before fields are checked.
 * Residents register until the session starts, staff until it ends.
 * @example registrationRefusal(activity, session, 2, 'web') // { code: 'conflict', message: '报名已截止' }
 */
export const registrationRefusal = (
  activity: { status: ActivityStatus; opensAt: number | null; closesAt: number | null },
  session: { startsAt: number; endsAt: number; maxParty: number },
  partySize: number,
  source: 'web' | 'staff',
  now = Date.now(),
  lang: Lang = 'zh',
): Problem => {
  const m = REGISTRATION_MESSAGES[lang]
  if (activity.status !== 'published') return { code: 'conflict', message: m.notPublished }
  if (activity.opensAt !== null && now < activity.opensAt)
    return { code: 'conflict', message: m.notOpen, errors: { opensAt: String(activity.opensAt) } }
  if (source === 'web' && activity.closesAt !== null && now >= activity.closesAt)
    return { code: 'conflict', message: m.closed }
  if (source === 'web' && now >= session.startsAt) return { code: 'conflict', message: m.started }
  if (now >= session.endsAt) return { code: 'conflict', message: m.ended }
  if (partySize > session.maxParty)
    return {
      code: 'validation_failed',
      message: '提交的内容有误',
      errors: { partySize: m.partyMax(session.maxParty) },
    }
  return { code: 'conflict', message: m.failed }
}

/** Said when a phone already holds a live registration for the session (one per phone). */
export const DUPLICATE_PHONE =
  '这个手机号已经报名了本场次，请勿重复报名。可以在报名回执里查看或取消。'

/** A second live registration with the same phone for a session. */
export const DUPLICATE_PHONE_PROBLEM: Problem = {
  code: 'conflict',
  message: DUPLICATE_PHONE,
  errors: { phone: DUPLICATE_PHONE },
}

/** A capacity lowered below the seats held (the database refuses it). */
export const CAPACITY_BELOW_SEATS_PROBLEM: Problem = {
  code: 'conflict',
  message: '名额不能少于已确认的人数；请先取消部分报名',
  errors: { capacity: '名额不能少于已确认的人数；请先取消部分报名' },
}

// ── volunteers ──

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const CODE_LIMIT = 256 - (256 % CODE_ALPHABET.length)

/**
 * A volunteer's lookup code, printed on their receipts: 6 characters without look-alikes
 * (31^6 ≈ 887 million; lookups are rate limited and need the phone too).
 * @example newVolunteerCode() // 'K7Q4MX'
 */
export const newVolunteerCode = () => {
  let code = ''
  while (code.length < 6)
    for (const b of crypto.getRandomValues(new Uint8Array(12)))
      if (b < CODE_LIMIT && code.length < 6) code += CODE_ALPHABET[b % CODE_ALPHABET.length]
  return code
}

/** A code as typed: upper-cased, without spaces or dashes. */
export const normalizeVolunteerCode = (input: string) => input.replace(/[\s-]/g, '').toUpperCase()

/** Minutes as hours for people: 150 → 2.5. */
export const hoursOf = (minutes: number | null | undefined) =>
  Math.round(((minutes ?? 0) / 60) * 10) / 10
