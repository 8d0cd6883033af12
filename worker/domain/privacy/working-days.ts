// A resident's request for a copy or deletion is answered within 15 working days (PIPL Art. 50
// asks for promptness; the committee's promise is 15 working days). Days are Shanghai days
// (UTC+8, no DST); Saturdays and Sundays do not count. Public holidays are not modelled, so the
// deadline computed is never later than the true one.

const DAY = 24 * 3600_000
const SHANGHAI = 8 * 3600_000

/** Working days a request may take. */
export const REQUEST_WORKING_DAYS = 15

const isWeekend = (shanghaiDayStart: number) => {
  const weekday = new Date(shanghaiDayStart).getUTCDay()
  return weekday === 0 || weekday === 6
}

/**
 * The end (last millisecond, Shanghai time) of the `n`-th working day after the day of `from`.
 * @example addWorkingDays(Date.UTC(2026, 11, 4, 2), 15) // Friday 4 Dec → end of Thursday 24 Dec (Shanghai)
 */
export const addWorkingDays = (from: number, n: number) => {
  let day = Math.floor((from + SHANGHAI) / DAY) * DAY // the Shanghai day of `from`, as a UTC midnight
  let counted = 0
  while (counted < n) {
    day += DAY
    if (!isWeekend(day)) counted++
  }
  return day + DAY - 1 - SHANGHAI
}

/**
 * Working days left until `due` at `now` (negative when late; 0 on the due day itself).
 * @example workingDaysLeft(due, now) // 3
 */
export const workingDaysLeft = (due: number, now: number) => {
  const today = Math.floor((now + SHANGHAI) / DAY) * DAY
  const dueDay = Math.floor((due + SHANGHAI) / DAY) * DAY
  let left = 0
  if (dueDay >= today) {
    for (let d = today + DAY; d <= dueDay; d += DAY) if (!isWeekend(d)) left++
    return left
  }
  for (let d = dueDay + DAY; d <= today; d += DAY) if (!isWeekend(d)) left--
  return left
}
