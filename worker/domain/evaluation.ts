import type { VoiceSource } from './voice'
import { cleanText } from './text'

// 监督评议: residents rate a finished project. Who may rate (a voice, domain/voice.ts), what a
// rating holds, and how ratings add up. Pure rules; the db layer enforces "once per code" with a
// unique key too, and checks the voice in the insert.

export const RESOLVED = ['solved', 'partly', 'not'] as const
export type Resolved = (typeof RESOLVED)[number]

export const COMMENT_MAX = 500

export type EvaluationRefusal = 'no_project' | 'not_done' | 'no_voice' | 'already'

/**
 * Whether the holder of a tracking code may rate its project now: only once the project is
 * done, only with a voice (a filer's code or a verified supporter's, domain/voice.ts), and only
 * once per code.
 * @example canEvaluate({ projectStatus: 'done', voice: 'code', alreadyEvaluated: false }) // { ok: true }
 */
export const canEvaluate = (state: {
  projectStatus: string | null | undefined
  voice: VoiceSource | null
  alreadyEvaluated: boolean
}): { ok: true } | { ok: false; reason: EvaluationRefusal } => {
  if (!state.projectStatus) return { ok: false, reason: 'no_project' }
  if (state.projectStatus !== 'done') return { ok: false, reason: 'not_done' }
  if (!state.voice) return { ok: false, reason: 'no_voice' }
  if (state.alreadyEvaluated) return { ok: false, reason: 'already' }
  return { ok: true }
}

export type EvaluationInput = { resolved: Resolved; satisfaction: number; comment: string }
export type EvaluationErrors = Partial<
  Record<'resolved' | 'satisfaction' | 'comment', 'choose' | 'too_long'>
>

/**
 * Checks a submitted rating form (strings as posted). Errors are reasons, worded by the page.
 * @example checkEvaluation({ resolved: 'solved', satisfaction: '5', comment: '' })
 */
export const checkEvaluation = (form: {
  resolved?: string
  satisfaction?: string
  comment?: string
}): { ok: true; value: EvaluationInput } | { ok: false; errors: EvaluationErrors } => {
  const errors: EvaluationErrors = {}
  const resolved = RESOLVED.find((r) => r === form.resolved)
  if (!resolved) errors.resolved = 'choose'
  const satisfaction = Number(form.satisfaction)
  if (!/^[1-5]$/.test(form.satisfaction ?? '')) errors.satisfaction = 'choose'
  const comment = cleanText(form.comment ?? '')
  if ([...comment].length > COMMENT_MAX) errors.comment = 'too_long'
  if (Object.keys(errors).length || !resolved) return { ok: false, errors }
  return { ok: true, value: { resolved, satisfaction, comment } }
}

// ── 满意度: ONE definition, for the board, the dashboard and the report sentence ──

/** The lowest score (of 5) a satisfied rating gives. */
export const SATISFIED_MIN_SCORE = 4
/** The answer to 问题解决了吗 a satisfied rating gives: 部分解决 is not satisfied. */
export const SATISFIED_RESOLVED: Resolved = 'solved'

/**
 * Whether a rating counts as satisfied: the resident says the problem is solved AND gives 4 or 5.
 * @example isSatisfied({ resolved: 'partly', satisfaction: 5 }) // false
 */
export const isSatisfied = (r: { resolved: Resolved; satisfaction: number }) =>
  r.resolved === SATISFIED_RESOLVED && r.satisfaction >= SATISFIED_MIN_SCORE

/**
 * 满意度 in percent with one decimal (satisfied ratings of all counted ratings), null without any.
 * @example satisfactionRate(2, 3) // 66.7
 */
export const satisfactionRate = (satisfied: number, count: number) =>
  count > 0 ? Math.round((satisfied / count) * 1000) / 10 : null

/** 满意度 as shown everywhere: `66.7%`, or a dash without ratings. */
export const showSatisfaction = (rate: number | null) => (rate === null ? '—' : `${rate}%`)

/** The one-line definition shown under every 满意度 figure. */
export const SATISFACTION_DEFINITION = {
  zh: '满意度：评议中认为问题“已解决”并打 4 或 5 分（满分 5 分）的比例',
  en: 'Satisfaction: the share of ratings that say the problem is solved and give 4 or 5 out of 5',
} as const

export type EvaluationTotals = {
  count: number
  satisfactionSum: number
  solved: number
  /** Ratings that are `isSatisfied`. */
  satisfied: number
}
export type EvaluationSummary = {
  count: number
  /** Mean satisfaction 1–5 with one decimal, null without ratings. */
  satisfactionAvg: number | null
  /** Share 0–100 who said "solved", null without ratings. */
  resolvedShare: number | null
  /** 满意度 (`satisfactionRate`), null without ratings. */
  satisfactionRate: number | null
}

/**
 * Turns raw totals into what the board and the reports show.
 * @example summarize({ count: 4, satisfactionSum: 17, solved: 3, satisfied: 2 })
 * // { count: 4, satisfactionAvg: 4.3, resolvedShare: 75, satisfactionRate: 50 }
 */
export const summarize = ({
  count,
  satisfactionSum,
  solved,
  satisfied,
}: EvaluationTotals): EvaluationSummary =>
  count > 0
    ? {
        count,
        satisfactionAvg: Math.round((satisfactionSum / count) * 10) / 10,
        resolvedShare: Math.round((solved / count) * 100),
        satisfactionRate: satisfactionRate(satisfied, count),
      }
    : { count: 0, satisfactionAvg: null, resolvedShare: null, satisfactionRate: null }
