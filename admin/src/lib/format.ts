/** Every time in the admin is shown in Shanghai time, whatever the browser's zone. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000 // China has had no daylight saving since 1991

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

// Shanghai is UTC+8 all year, so plain arithmetic gives its wall clock; this is far cheaper than
// Intl.DateTimeFormat in a grid that formats hundreds of cells per render.
const wallClock = (ms: number) => {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return {
    date: `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  }
}

/**
 * An epoch-ms time as Shanghai date and time, e.g. `2026/07/03 09:05`; '' for null. The same
 * numeric form serves both languages (staff compare dates down a column).
 * @example formatDateTime(Date.UTC(2026, 6, 3, 1, 5)) // '2026/07/03 09:05'
 */
export const formatDateTime = (ms: number | null | undefined, _locale = 'zh') => {
  if (ms == null) return ''
  const { date, time } = wallClock(ms)
  return `${date} ${time}`
}

/**
 * An epoch-ms time as a Shanghai date, e.g. `2026/07/03`; '' for null.
 * @example formatDate(Date.UTC(2026, 6, 2, 16)) // '2026/07/03' (midnight in Shanghai)
 */
export const formatDate = (ms: number | null | undefined, _locale = 'zh') =>
  ms == null ? '' : wallClock(ms).date

/**
 * A `YYYY-MM-DD` day (as from `<input type="date">`) → epoch ms of its midnight in Shanghai.
 * @example shanghaiDayStart('2026-07-03') // Date.UTC(2026, 6, 2, 16)
 */
export const shanghaiDayStart = (day: string) => {
  const [y, m, d] = day.split('-').map(Number)
  return Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS
}

/**
 * Epoch ms → the `YYYY-MM-DD` Shanghai day it falls in (the inverse of `shanghaiDayStart`).
 * @example shanghaiDay(Date.UTC(2026, 6, 2, 16)) // '2026-07-03'
 */
export const shanghaiDay = (ms: number) =>
  new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)

/**
 * Epoch ms of Monday 00:00 Shanghai time of the week containing `now` (for "new this week").
 * @example startOfShanghaiWeek(Date.UTC(2026, 6, 3)) // Monday 2026-06-29 00:00 +08:00
 */
export const startOfShanghaiWeek = (now = Date.now()) => {
  const local = new Date(now + SHANGHAI_OFFSET_MS)
  const daysSinceMonday = (local.getUTCDay() + 6) % 7
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate())
  return midnight - daysSinceMonday * 86_400_000 - SHANGHAI_OFFSET_MS
}
