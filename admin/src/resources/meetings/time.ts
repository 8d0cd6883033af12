import { shanghaiDay, shanghaiDayStart } from '../../lib/format'

// Meeting times in Asia/Shanghai (UTC+8 all year), whatever the browser's zone: a datetime
// input's value and the days of the calendar month.

const OFFSET = 8 * 3_600_000
export const DAY = 86_400_000

/** `HH:mm` in Shanghai. */
export const shanghaiClock = (ms: number) => new Date(ms + OFFSET).toISOString().slice(11, 16)

/** `YYYY-MM` of the Shanghai month holding `ms`. */
export const monthOf = (ms: number) => shanghaiDay(ms).slice(0, 7)

/** `YYYY-MM` moved by `delta` months. */
export const addMonths = (month: string, delta: number) => {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return d.toISOString().slice(0, 7)
}

/**
 * The calendar of a month: its [from, to) in epoch ms, and the weeks (Monday first) as
 * `YYYY-MM-DD` days, with the days of the months around it filling the first and last week.
 * @example monthGrid('2025-12').weeks[0][0] // '2025-12-01' (a Monday)
 */
export const monthGrid = (month: string) => {
  const from = shanghaiDayStart(`${month}-01`)
  const to = shanghaiDayStart(`${addMonths(month, 1)}-01`)
  const firstWeekday = (new Date(from + OFFSET).getUTCDay() + 6) % 7 // Monday = 0
  const start = from - firstWeekday * DAY
  const weeks: string[][] = []
  for (let t = start; t < to; t += 7 * DAY)
    weeks.push(Array.from({ length: 7 }, (_, i) => shanghaiDay(t + i * DAY)))
  return { from, to, weeks }
}
