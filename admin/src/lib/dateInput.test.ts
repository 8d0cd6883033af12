import { describe, expect, it } from 'vitest'
import {
  type DayMeaning,
  dateTimeInput,
  dayFilter,
  dayInput,
  fromDateTimeText,
  toDateTimeText,
} from './dateInput'

// What an admin input shows for a value the API returned, and what it sends back. react-admin's
// DateInput / DateTimeInput run `format` twice (useInput, then the uncontrolled input's seed), so
// `shown` does too: the bug that left the project edit form's 截止日期 empty.

const sh = (local: string) => Date.parse(`${local}+08:00`)
type Input = { format: (v: unknown) => string; parse: (v: string) => unknown }
const shown = (input: Input, value: unknown) => input.format(input.format(value))
const roundTrip = (input: Input, value: unknown) => input.parse(shown(input, value))

describe('dayInput', () => {
  const cases: [DayMeaning, number, string][] = [
    ['start', sh('2026-07-03T00:00:00'), '2026-07-03'],
    ['end', sh('2026-07-03T23:59:59.999'), '2026-07-03'],
    ['until', sh('2026-07-04T00:00:00'), '2026-07-03'],
  ]
  it.each(cases)(
    'shows a %s-of-day value as its Shanghai day and sends it back unchanged',
    (meaning, value, day) => {
      const input = dayInput(meaning)
      expect(shown(input, value)).toBe(day)
      expect(roundTrip(input, value)).toBe(value)
    },
  )

  it('shows a deadline set late in the evening on its own Shanghai day, whatever the UTC date', () => {
    // 23:59:59.999 in Shanghai is 15:59 UTC the same day; 00:30 in Shanghai is the UTC day before.
    expect(shown(dayInput('end'), sh('2026-01-31T23:59:59.999'))).toBe('2026-01-31')
    expect(shown(dayInput('start'), sh('2026-02-01T00:30:00'))).toBe('2026-02-01')
  })

  it('shows nothing for no value, and a cleared input gives null in forms, undefined in filters', () => {
    expect(shown(dayInput('end'), null)).toBe('')
    expect(shown(dayInput('end'), undefined)).toBe('')
    expect(dayInput('end').parse('')).toBeNull()
    expect(dayFilter('until').parse('')).toBeUndefined()
    expect(shown(dayFilter('until'), sh('2026-07-04T00:00:00'))).toBe('2026-07-03')
    expect(dayInput('start').parse('2026-13-')).toBeNull()
  })
})

describe('dateTimeInput', () => {
  it('shows epoch ms as Shanghai wall time and sends it back unchanged', () => {
    const value = sh('2025-12-03T19:05:00')
    expect(shown(dateTimeInput, value)).toBe('2025-12-03T19:05')
    expect(roundTrip(dateTimeInput, value)).toBe(value)
    expect(toDateTimeText(value)).toBe('2025-12-03T19:05')
    expect(fromDateTimeText('2025-12-03T19:05')).toBe(value)
  })

  it('keeps what the input holds while typing and gives null for nothing', () => {
    expect(dateTimeInput.format('2025-12-03T19:05')).toBe('2025-12-03T19:05')
    expect(shown(dateTimeInput, null)).toBe('')
    expect(dateTimeInput.parse('')).toBeNull()
  })
})
