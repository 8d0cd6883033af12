import { shanghaiDayStart as dayStart, startOfShanghaiWeek as weekStart } from '../../lib/format'

// Deadline arithmetic in Asia/Shanghai (fixed +8 h: China has no daylight saving).

export const DAY = 86_400_000
const WEEK = 7 * DAY

/**
 * A deadline picked as a day means "by the end of that day" in Shanghai.
 * @example deadlineFromDay('2025-06-30') === dayStart('2025-07-01') - 1
 */
export const deadlineFromDay = (ymd: string) => dayStart(ymd) + DAY - 1

/** Whole days from `now` to `deadline`, rounded towards the later day (negative when past). */
export const daysUntil = (deadline: number, now = Date.now()) => Math.ceil((deadline - now) / DAY)

type Dated = { id: number | string; deadlineAt: number | null; overdue?: boolean }

export type DeadlineGroup<T> =
  | { kind: 'overdue'; items: T[] }
  | { kind: 'week'; start: number; offset: number; items: T[] }
  | { kind: 'none'; items: T[] }

/**
 * Groups open projects for the deadline view: overdue first, then one group per week
 * (offset 0 = this week), then those without a deadline. Each group is sorted by deadline.
 * @example groupByWeek(projects, Date.now()).map((g) => g.kind) // ['overdue', 'week', 'week', 'none']
 */
export const groupByWeek = <T extends Dated>(items: T[], now = Date.now()): DeadlineGroup<T>[] => {
  const sorted = [...items].sort(
    (a, b) =>
      (a.deadlineAt ?? Infinity) - (b.deadlineAt ?? Infinity) || Number(a.id) - Number(b.id),
  )
  const overdue: T[] = []
  const none: T[] = []
  const weeks = new Map<number, T[]>()
  const thisWeek = weekStart(now)
  for (const item of sorted) {
    if (item.deadlineAt == null) none.push(item)
    else if (item.overdue ?? item.deadlineAt < now) overdue.push(item)
    else {
      const start = weekStart(item.deadlineAt)
      weeks.set(start, [...(weeks.get(start) ?? []), item])
    }
  }
  const groups: DeadlineGroup<T>[] = []
  if (overdue.length) groups.push({ kind: 'overdue', items: overdue })
  for (const [start, group] of weeks)
    groups.push({
      kind: 'week',
      start,
      offset: Math.round((start - thisWeek) / WEEK),
      items: group,
    })
  if (none.length) groups.push({ kind: 'none', items: none })
  return groups
}
