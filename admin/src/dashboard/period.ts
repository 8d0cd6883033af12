import { shanghaiDay, shanghaiDayStart } from '../lib/format'

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom'
/** A half-open range of epoch ms, `[from, to)`, as GET /api/stats/summary takes it. */
export type Range = { from: number; to: number }

const ymd = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`

/**
 * The Shanghai calendar month, quarter or year holding `now`.
 * @example periodRange('quarter', Date.UTC(2026, 4, 10)) // 2026-04-01 00:00 → 2026-07-01 00:00 (+08:00)
 */
export const periodRange = (kind: Exclude<PeriodKind, 'custom'>, now = Date.now()): Range => {
  const [y, m] = shanghaiDay(now).split('-').map(Number)
  const first = kind === 'year' ? 1 : kind === 'quarter' ? m - ((m - 1) % 3) : m
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1
  const end = first + months
  return {
    from: shanghaiDayStart(ymd(y, first)),
    to: shanghaiDayStart(end > 12 ? ymd(y + 1, end - 12) : ymd(y, end)),
  }
}

/**
 * A custom range picked as two inclusive `YYYY-MM-DD` days; `null` if incomplete or reversed.
 * @example customRange('2026-05-01', '2026-05-31') // { from: 05-01 00:00, to: 06-01 00:00 } (+08:00)
 */
export const customRange = (fromDay: string, toDay: string): Range | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(toDay)) return null
  const from = shanghaiDayStart(fromDay)
  const to = shanghaiDayStart(toDay) + 86_400_000
  return from < to ? { from, to } : null
}

/** The inclusive last day of a range, for showing it and for prefilling the custom inputs. */
export const lastDay = (range: Range) => shanghaiDay(range.to - 1)

export type Point = { label: string; n: number }

/**
 * Buckets a daily series for a readable chart: days up to ~3 months, then ISO weeks (labelled
 * by their Monday), then months beyond ~1.5 years.
 * @example bucketSeries([{ day: '2026-05-01', n: 2 }, { day: '2026-05-02', n: 1 }]) // 2 daily points
 */
export const bucketSeries = (
  days: { day: string; n: number }[],
): { unit: 'day' | 'week' | 'month'; points: Point[] } => {
  const unit = days.length <= 95 ? 'day' : days.length <= 550 ? 'week' : 'month'
  if (unit === 'day') return { unit, points: days.map((d) => ({ label: d.day, n: d.n })) }
  const buckets = new Map<string, number>()
  for (const d of days) {
    let key = d.day.slice(0, 7)
    if (unit === 'week') {
      const t = Date.parse(`${d.day}T00:00:00Z`)
      const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000
      key = new Date(monday).toISOString().slice(0, 10)
    }
    buckets.set(key, (buckets.get(key) ?? 0) + d.n)
  }
  return { unit, points: [...buckets].map(([label, n]) => ({ label, n })) }
}
