import { z } from 'zod'

// The dates people can save, and showing the ones already stored. The rules:
// 1. Every date staff or residents save (deadlines, due dates, session, opening and closing
//    times, meeting and programme dates, created ranges in filters) lies in the window
//    2000-01-01 00:00 UTC up to (not including) 2100-01-01 00:00 UTC. Nothing a neighbourhood
//    plans falls outside it, so a date there is a slip of the keyboard (an extra digit, a year
//    typed as 20266), refused with the field named.
// 2. Showing a stored time never fails: one outside what a JS Date can hold (±8.64e15 ms), or
//    not a number at all, is shown as `—` instead of throwing (Intl and toISOString throw).

/** The first instant a saved date may be: 2000-01-01 00:00 UTC. */
export const DATE_MIN = Date.UTC(2000, 0, 1)
/** The first instant past the window: 2100-01-01 00:00 UTC. */
export const DATE_MAX = Date.UTC(2100, 0, 1)
/** The words for a date outside the window (rule 1). */
export const DATE_WINDOW_MESSAGE = '日期应在 2000 年到 2100 年之间'

/**
 * Whether an epoch-ms time lies in the window (rule 1).
 * @example inDateWindow(Date.UTC(2026, 4, 1)) // true
 */
export const inDateWindow = (ms: number) => Number.isFinite(ms) && ms >= DATE_MIN && ms < DATE_MAX

/**
 * An epoch-ms time in the window, for zod schemas; `message` for anything not a number,
 * `invalid` for a number that is not whole.
 * @example z.object({ deadlineAt: savedTime().nullable().optional() })
 */
export const savedTime = (message = '应为时间', invalid = message) =>
  z
    .number({ message })
    .int(invalid)
    .min(DATE_MIN, DATE_WINDOW_MESSAGE)
    .max(DATE_MAX - 1, DATE_WINDOW_MESSAGE)

/** The largest magnitude a JS Date holds (rule 2). */
const DATE_LIMIT = 8.64e15

/**
 * The `Date` of a stored time, or null when no `Date` can hold it (rule 2): format that as `—`.
 * @example const d = showableDate(row.deadlineAt); d ? fmt.format(d) : '—'
 */
export const showableDate = (ms: number | null | undefined): Date | null =>
  typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= DATE_LIMIT ? new Date(ms) : null

/** What a page or export shows for a time it cannot show (rule 2). */
export const NO_DATE = '—'
