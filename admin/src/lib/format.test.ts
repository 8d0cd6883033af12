import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTime,
  shanghaiDay,
  shanghaiDayStart,
  startOfShanghaiWeek,
} from './format'

describe('Shanghai time formatting', () => {
  it('shows epoch ms in Shanghai time whatever the machine zone', () => {
    expect(formatDateTime(Date.UTC(2026, 6, 3, 1, 5))).toBe('2026/07/03 09:05')
    expect(formatDate(Date.UTC(2026, 6, 2, 16))).toBe('2026/07/03')
    expect(formatDateTime(null)).toBe('')
  })

  it('turns a picked day into its Shanghai midnight and back', () => {
    expect(shanghaiDayStart('2026-07-03')).toBe(Date.UTC(2026, 6, 2, 16))
    expect(shanghaiDay(Date.UTC(2026, 6, 2, 16))).toBe('2026-07-03')
    expect(shanghaiDay(Date.UTC(2026, 6, 2, 15, 59))).toBe('2026-07-02')
  })

  it('starts the week on Monday 00:00 Shanghai time', () => {
    // Friday 2026-07-03 10:00 Shanghai → Monday 2026-06-29 00:00 Shanghai
    expect(startOfShanghaiWeek(Date.UTC(2026, 6, 3, 2))).toBe(Date.UTC(2026, 5, 28, 16))
    // Monday 00:30 Shanghai is still that Monday, though it is Sunday in UTC
    expect(startOfShanghaiWeek(Date.UTC(2026, 5, 28, 16, 30))).toBe(Date.UTC(2026, 5, 28, 16))
    // Sunday 23:59 Shanghai belongs to the week before
    expect(startOfShanghaiWeek(Date.UTC(2026, 5, 28, 15, 59))).toBe(Date.UTC(2026, 5, 21, 16))
  })
})
