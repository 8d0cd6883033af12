import { satisfactionRate, showSatisfaction } from './evaluation'

// Report figures for the dashboard and for reporting upward ("收集议题 894 个 ...").

const DAY_MS = 86_400_000
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** A share as a percentage with one decimal; `null` when there is nothing to divide by. */
export const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null

/** Milliseconds as days with one decimal; `null` stays `null`. */
export const msToDays = (ms: number | null) =>
  ms === null ? null : Math.round((ms / DAY_MS) * 10) / 10

/**
 * 满意度 (domain/evaluation.ts has the one definition): satisfied ratings of all, in percent.
 * @example satisfaction(3, 4) // 75
 */
export const satisfaction = satisfactionRate

/** What each figure of the summary counts: the line under it on the dashboard. */
export const FIGURE_DEFINITIONS = {
  collected: {
    zh: '本期新收集的议题；合并进其他议题的重复议题不重复计入',
    en: 'Topics raised in the period; duplicates merged into another topic are not counted again',
  },
  adopted: {
    zh: '本期新立的项目（一个项目可含多个议题）',
    en: 'Projects started in the period (a project may take up several topics)',
  },
  done: { zh: '本期完成的项目', en: 'Projects finished in the period' },
  adoptionRate: {
    zh: '本期收集的议题中已立项的比例',
    en: 'Share of the period’s topics that were adopted into a project',
  },
} as const

/**
 * The one-line summary staff paste into reports: topics (merged duplicates apart, said when
 * there are any), projects started and finished, 满意度. Without evaluations the rate is a dash.
 * @example summarySentence({ collected: 894, merged: 12, adopted: 211, done: 180, satisfaction: 96.5 })
 * // '收集议题 894 个（另有 12 个重复议题已合并，不重复计），立项 211 个，完成 180 个，满意度 96.5%'
 */
export const summarySentence = (s: {
  collected: number
  merged: number
  adopted: number
  done: number
  satisfaction: number | null
}) =>
  `收集议题 ${s.collected} 个${
    s.merged > 0 ? `（另有 ${s.merged} 个重复议题已合并，不重复计）` : ''
  }，立项 ${s.adopted} 个，完成 ${s.done} 个，满意度 ${showSatisfaction(s.satisfaction)}`

/** The Asia/Shanghai calendar day of an epoch-ms time, `YYYY-MM-DD`. */
export const shanghaiDay = (ms: number) =>
  new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)

const MAX_FILLED_DAYS = 731

/**
 * A daily series with the missing days as zeros, from the first to the last day of the data (or
 * of `from`/`to` when given). Spans over two years stay sparse.
 * @example fillDays([{ day: '2026-05-01', n: 2 }, { day: '2026-05-03', n: 1 }])
 * // [{ day: '2026-05-01', n: 2 }, { day: '2026-05-02', n: 0 }, { day: '2026-05-03', n: 1 }]
 */
export const fillDays = (rows: { day: string; n: number }[], from?: number, to?: number) => {
  const days = rows.map((r) => r.day)
  if (from !== undefined) days.push(shanghaiDay(from))
  if (to !== undefined) days.push(shanghaiDay(to - 1))
  if (!days.length) return []
  days.sort()
  const first = Date.parse(`${days[0]}T00:00:00Z`)
  const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`)
  if ((last - first) / DAY_MS >= MAX_FILLED_DAYS) return rows
  const counts = new Map(rows.map((r) => [r.day, r.n]))
  const out: { day: string; n: number }[] = []
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10)
    out.push({ day, n: counts.get(day) ?? 0 })
  }
  return out
}
