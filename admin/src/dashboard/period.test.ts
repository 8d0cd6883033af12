import { describe, expect, it } from 'vitest'
import { bucketSeries, customRange, lastDay, periodRange } from './period'

// Instants are written as Shanghai wall time: `sh('2026-05-10T09:00')`.
const sh = (local: string) => Date.parse(`${local}:00+08:00`)

describe('dashboard periodRange', () => {
  it('returns the Shanghai month holding now, even when it is still the previous day in UTC', () => {
    // 2026-06-01 07:00 in Shanghai is 2026-05-31 23:00 UTC.
    expect(periodRange('month', sh('2026-06-01T07:00'))).toEqual({
      from: sh('2026-06-01T00:00'),
      to: sh('2026-07-01T00:00'),
    })
  })

  it('returns the calendar quarter and year', () => {
    expect(periodRange('quarter', sh('2026-05-10T12:00'))).toEqual({
      from: sh('2026-04-01T00:00'),
      to: sh('2026-07-01T00:00'),
    })
    expect(periodRange('quarter', sh('2026-12-31T23:59'))).toEqual({
      from: sh('2026-10-01T00:00'),
      to: sh('2027-01-01T00:00'),
    })
    expect(periodRange('year', sh('2026-03-03T03:00'))).toEqual({
      from: sh('2026-01-01T00:00'),
      to: sh('2027-01-01T00:00'),
    })
  })

  it('rolls December over into the next year', () => {
    expect(periodRange('month', sh('2026-12-15T10:00'))).toEqual({
      from: sh('2026-12-01T00:00'),
      to: sh('2027-01-01T00:00'),
    })
  })
})

describe('dashboard customRange', () => {
  it('includes the whole last day', () => {
    const range = customRange('2026-05-01', '2026-05-31')
    expect(range).toEqual({ from: sh('2026-05-01T00:00'), to: sh('2026-06-01T00:00') })
    expect(lastDay(range!)).toBe('2026-05-31')
  })

  it('returns null when a day is missing or the range is reversed', () => {
    expect(customRange('', '2026-05-31')).toBeNull()
    expect(customRange('2026-06-02', '2026-06-01')).toBeNull()
  })
})

describe('dashboard bucketSeries', () => {
  const days = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      day: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      n: 1,
    }))

  it('keeps up to about three months daily', () => {
    const { unit, points } = bucketSeries(days(90))
    expect(unit).toBe('day')
    expect(points).toHaveLength(90)
  })

  it('sums longer spans by ISO week, labelled by the Monday, without losing counts', () => {
    const { unit, points } = bucketSeries(days(365))
    expect(unit).toBe('week')
    expect(points[0]).toEqual({ label: '2025-12-29', n: 4 }) // 2026-01-01 is a Thursday
    expect(points.reduce((s, p) => s + p.n, 0)).toBe(365)
  })

  it('sums spans beyond a year and a half by month', () => {
    const { unit, points } = bucketSeries(days(700))
    expect(unit).toBe('month')
    expect(points[0]).toEqual({ label: '2026-01', n: 31 })
  })
})
