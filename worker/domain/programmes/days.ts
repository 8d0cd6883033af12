// Shanghai calendar days for programmes: a due date is a day, and a step is due by that day's end.
// China keeps UTC+8 all year (no daylight saving since 1991), so plain arithmetic is exact.
import { NO_DATE, showableDate } from '../dates'

export const DAY_MS = 86_400_000
const OFFSET_MS = 8 * 3_600_000

/**
 * Epoch ms of 00:00 in Shanghai of the day holding `ms`.
 * @example dayStart(Date.UTC(2026, 4, 1, 20)) === Date.UTC(2026, 4, 1, 16) // 2026-05-02 00:00 +08:00
 */
export const dayStart = (ms: number) => ms - ((((ms + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS)

/** The last millisecond of the Shanghai day holding `ms`: what "due by that day" means. */
export const dayEnd = (ms: number) => dayStart(ms) + DAY_MS - 1

/**
 * A `YYYY-MM-DD` day → epoch ms of its 00:00 in Shanghai; `null` for anything else.
 * @example fromDay('2026-05-02') // Date.UTC(2026, 4, 1, 16)
 */
export const fromDay = (day: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().startsWith(day) ? ms - OFFSET_MS : null
}

/**
 * The `YYYY-MM-DD` Shanghai day of an epoch-ms time; `—` for a stored time no date can hold
 * (domain/dates rule 2), so a page showing it never fails.
 * @example toDay(Date.UTC(2026, 4, 1, 16)) // '2026-05-02'
 */
export const toDay = (ms: number) => {
  const d = showableDate(ms + OFFSET_MS)
  return d ? d.toISOString().slice(0, 10) : NO_DATE
}

/**
 * Epoch ms of Monday 00:00 in Shanghai of the week holding `ms` (每周一对接).
 * @example toDay(weekStart(fromDay('2026-05-07')!)) // '2026-05-04'
 */
export const weekStart = (ms: number) => {
  const start = dayStart(ms)
  const weekday = new Date(start + OFFSET_MS).getUTCDay() // 0 = Sunday
  return start - ((weekday + 6) % 7) * DAY_MS
}

/**
 * The same Shanghai wall-clock time one calendar year earlier (29 Feb → 28 Feb).
 * @example toDay(yearEarlier(fromDay('2026-03-01')!)) // '2025-03-01'
 */
export const yearEarlier = (ms: number) => {
  const d = new Date(ms + OFFSET_MS)
  const y = d.getUTCFullYear() - 1
  const lastDay = new Date(Date.UTC(y, d.getUTCMonth() + 1, 0)).getUTCDate()
  return (
    Date.UTC(
      y,
      d.getUTCMonth(),
      Math.min(d.getUTCDate(), lastDay),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ) - OFFSET_MS
  )
}
