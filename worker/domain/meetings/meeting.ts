import type { Problem } from '../problem'
import { MEETING_STATUS_LABEL, type MeetingStatus } from '../vocabulary'

// A meeting's own rules: when the door QR takes sign-ins, when tallies may be recorded, and how
// its status moves. 'held' is reached by recording the first tally (or by staff); a meeting
// that decided anything stays held: its decisions are on topics' timelines.

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The door opens this long before the start … */
export const SIGN_IN_OPENS_BEFORE_MS = 2 * HOUR
/** … and closes this long after the end (or after the start plus DEFAULT_LENGTH_MS). */
export const SIGN_IN_CLOSES_AFTER_MS = 1 * HOUR
export const DEFAULT_LENGTH_MS = 3 * HOUR
/** Tallies may be recorded from a little before the start (clocks, an early start) on. */
export const RECORD_FROM_BEFORE_MS = 1 * HOUR

export type MeetingTimes = { status: MeetingStatus; startsAt: number; endsAt: number | null }

export type SignInState = 'open' | 'not_yet' | 'closed' | 'cancelled'

/**
 * Whether the door QR takes sign-ins now.
 * @example signInState({ status: 'planned', startsAt: now + 3_600_000, endsAt: null }, now) // 'open'
 */
export const signInState = (m: MeetingTimes, now: number): SignInState => {
  if (m.status === 'cancelled') return 'cancelled'
  if (now < m.startsAt - SIGN_IN_OPENS_BEFORE_MS) return 'not_yet'
  const end = m.endsAt ?? m.startsAt + DEFAULT_LENGTH_MS
  return now > end + SIGN_IN_CLOSES_AFTER_MS ? 'closed' : 'open'
}

/** The bounds of `signInState` = 'open', for a single SQL guard: [from, until]. */
export const signInBounds = (m: Pick<MeetingTimes, 'startsAt' | 'endsAt'>) => ({
  from: m.startsAt - SIGN_IN_OPENS_BEFORE_MS,
  until: (m.endsAt ?? m.startsAt + DEFAULT_LENGTH_MS) + SIGN_IN_CLOSES_AFTER_MS,
})

/**
 * The problem with recording a tally on this meeting now, or `null`.
 * @example recordProblem({ status: 'cancelled', startsAt, endsAt: null }, now) // illegal_transition
 */
export const recordProblem = (m: MeetingTimes, now: number): Problem | null => {
  if (m.status === 'cancelled')
    return { code: 'illegal_transition', message: '会议已取消，不能记录表决' }
  if (now < m.startsAt - RECORD_FROM_BEFORE_MS)
    return { code: 'conflict', message: '会议还没有开始，开始后才能记录表决' }
  return null
}

/**
 * Whether staff may move a meeting from `from` to `to`, given how many items it decided; the
 * reason in Chinese when not.
 * @example illegalMeetingMove('held', 'cancelled', 2) // '会议已对 2 个议题作出决定，不能取消'
 */
export const illegalMeetingMove = (
  from: MeetingStatus,
  to: MeetingStatus,
  decided: number,
): string | null => {
  if (from === to) return null
  if (from === 'cancelled' && to === 'held') return '已取消的会议请先改回「待召开」'
  if (from === 'held' && decided > 0)
    return `会议已对 ${decided} 个议题作出决定，不能改为「${MEETING_STATUS_LABEL[to].zh}」`
  return null
}
