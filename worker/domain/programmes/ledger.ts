import { hoursOf } from '../capacity'
import { type EvaluationTotals, summarize } from '../evaluation'
import { percent } from '../stats'
import { CHANNEL_KIND_LABEL, CHANNEL_KINDS, type ChannelKind } from '../vocabulary'
import { yearEarlier } from './days'

// 台账: the figures a scope (a neighborhood, a town, everything one may see) reports upward for a
// period [from, to), each beside the same period a year earlier. What each figure counts:
// 1. 收集议题: topics filed in the period, by the kind of channel they came in through (none:
//    entered without a channel). A topic merged into another is a duplicate and not counted
//    (its target is); the duplicates are shown on their own line.
// 2. 议题处理: topics given each decision in the period — 受理 (accepted), 立项 (adopted), 不予采纳
//    (declined), 转办 (referred), 合并 (merged) — each topic counted once per decision however
//    often it was moved there; a merge later undone does not count. 合计 counts each topic once.
// 3. 项目: projects adopted (created) in the period and projects done in it, not counting the
//    projects programmes make (规定动作 have their own matrix); 按期完成率: of the projects done in
//    the period that had a deadline, the share done by it.
// 4. 满意度: evaluations made in the period that count (vocabulary COUNTED_EVALUATION_SOURCES:
//    a filer's code, a verified supporter, a paper sheet; not the legacy ratings of unverified
//    support codes), summed as the resident board sums them (domain/evaluation `summarize`):
//    mean satisfaction 1–5 and the share who said solved.
// 5. 活动: published activities with a session that started in the period (and before now).
// 6. 参与人次: every visit counted: people checked in at activities (party sizes), "me too"
//    supports that count on the board (not a repeat from one address, domain/voice.ts rule 4;
//    not the followers a merge carried over), the evaluations of rule 4 and 居民打钩 answers
//    (paper sheets with their counts).
// 7. 志愿者: volunteers (by phone) with a checked-in volunteer shift in the period, and their
//    credited hours.
// Change: the difference from last year and, for counts, the relative change (null when last
// year had none); rates and means change in points. Labels are Chinese (the workbook goes
// upward); screens translate by the sections' and figures' keys.

export type LedgerRaw = {
  collected: { kind: string; n: number }[]
  mergedDuplicates: number
  decisions: { status: string; n: number }[]
  decidedTopics: number
  projectsAdopted: number
  projectsDone: number
  doneWithDeadline: number
  doneOnTime: number
  evaluations: EvaluationTotals
  activitiesHeld: number
  sessionsHeld: number
  checkedIn: number
  supports: number
  confirmations: number
  volunteers: number
  volunteerMinutes: number
}

export const DECISIONS = ['accepted', 'adopted', 'declined', 'referred', 'merged'] as const
export type Decision = (typeof DECISIONS)[number]

const DECISION_LABEL: Record<Decision, string> = {
  accepted: '受理',
  adopted: '立项',
  declined: '不予采纳',
  referred: '转办',
  merged: '合并',
}

/** A figure's kind: a count (relative change), or a rate / mean (change in points). */
export type FigureKind = 'count' | 'rate' | 'mean'

export type Figure = { key: string; label: string; kind: FigureKind; value: number | null }
export type Section = { key: string; title: string; figures: Figure[] }

const count = (key: string, label: string, value: number): Figure => ({
  key,
  label,
  kind: 'count',
  value,
})

/**
 * The sections of the ledger from raw figures (rules 1–7), in report order.
 * @example ledgerSections(raw)[0].figures[0] // { key: 'total', label: '收集议题', value: 894, … }
 */
export const ledgerSections = (raw: LedgerRaw): Section[] => {
  const byKind = new Map(raw.collected.map((r) => [r.kind, r.n]))
  const collected = raw.collected.reduce((n, r) => n + r.n, 0)
  const decided = new Map(raw.decisions.map((r) => [r.status, r.n]))
  const s = summarize(raw.evaluations)
  const visits = raw.checkedIn + raw.supports + raw.evaluations.count + raw.confirmations
  const kinds: (ChannelKind | 'none')[] = [...CHANNEL_KINDS, 'none']
  return [
    {
      key: 'collected',
      title: '议题收集',
      figures: [
        count('total', '收集议题', collected),
        ...kinds.map((k) =>
          count(
            `channel.${k}`,
            `其中：${k === 'none' ? '未注明渠道' : CHANNEL_KIND_LABEL[k].zh}`,
            byKind.get(k) ?? 0,
          ),
        ),
        count('mergedDuplicates', '合并的重复议题（未计入）', raw.mergedDuplicates),
      ],
    },
    {
      key: 'decided',
      title: '议题处理',
      figures: [
        count('total', '处理议题（每个议题计一次）', raw.decidedTopics),
        ...DECISIONS.map((d) => count(d, DECISION_LABEL[d], decided.get(d) ?? 0)),
      ],
    },
    {
      key: 'projects',
      title: '项目',
      figures: [
        count('adopted', '立项项目', raw.projectsAdopted),
        count('done', '完成项目', raw.projectsDone),
        count('doneWithDeadline', '其中有截止日期的', raw.doneWithDeadline),
        count('doneOnTime', '其中按期完成的', raw.doneOnTime),
        {
          key: 'onTimeRate',
          label: '按期完成率（%）',
          kind: 'rate',
          value: percent(raw.doneOnTime, raw.doneWithDeadline),
        },
      ],
    },
    {
      key: 'satisfaction',
      title: '满意度',
      figures: [
        count('evaluations', '评议人数', s.count),
        {
          key: 'satisfactionRate',
          label: '满意度（%）',
          kind: 'rate',
          value: s.satisfactionRate,
        },
        {
          key: 'satisfactionAvg',
          label: '平均满意度（1–5）',
          kind: 'mean',
          value: s.satisfactionAvg,
        },
        { key: 'resolvedShare', label: '认为已解决（%）', kind: 'rate', value: s.resolvedShare },
      ],
    },
    {
      key: 'activities',
      title: '活动',
      figures: [
        count('held', '举办活动', raw.activitiesHeld),
        count('sessions', '活动场次', raw.sessionsHeld),
      ],
    },
    {
      key: 'visits',
      title: '参与人次',
      figures: [
        count('total', '参与人次合计', visits),
        count('checkedIn', '活动签到', raw.checkedIn),
        count('supports', '附议（我也需要）', raw.supports),
        count('evaluations', '监督评议', raw.evaluations.count),
        count('confirmations', '居民打钩', raw.confirmations),
      ],
    },
    {
      key: 'volunteers',
      title: '志愿者',
      figures: [
        count('volunteers', '参与服务的志愿者', raw.volunteers),
        {
          key: 'hours',
          label: '志愿服务时长（小时）',
          kind: 'mean',
          value: hoursOf(raw.volunteerMinutes),
        },
      ],
    },
  ]
}

export type Compared = Figure & {
  lastYear: number | null
  change: number | null
  /** Relative change in percent, for counts with last year above zero; else null. */
  changePct: number | null
}

const round1 = (n: number) => Math.round(n * 10) / 10

/**
 * This period's sections beside last year's: each figure with its last-year value and change.
 * @example compareSections(now, lastYear)[0].figures[0] // { value: 894, lastYear: 374, change: 520, changePct: 139 }
 */
export const compareSections = (current: Section[], last: Section[]) =>
  current.map((section, i) => ({
    ...section,
    figures: section.figures.map((f, j): Compared => {
      const lastYear = last[i]?.figures[j]?.value ?? null
      const change = f.value === null || lastYear === null ? null : round1(f.value - lastYear)
      const changePct =
        f.kind === 'count' && change !== null && lastYear ? round1((change / lastYear) * 100) : null
      return { ...f, lastYear, change, changePct }
    }),
  }))

/**
 * The same period a year earlier, by the Shanghai calendar.
 * @example lastYearOf({ from: 2026-01-01, to: 2026-07-01 }) // { from: 2025-01-01, to: 2025-07-01 }
 */
export const lastYearOf = ({ from, to }: { from: number; to: number }) => ({
  from: yearEarlier(from),
  to: yearEarlier(to),
})
