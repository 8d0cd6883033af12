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

export type EvaluationTotals = { count: number; satisfactionSum: number; solved: number }
export type EvaluationSummary = {
  count: number
  /** Mean satisfaction 1–5 with one decimal, null without ratings. */
  satisfactionAvg: number | null
  /** Share 0–100 who said "solved", null without ratings. */
  resolvedShare: number | null
}

/**
 * Turns raw totals into what the board shows.
 * @example summarize({ count: 4, satisfactionSum: 17, solved: 3 }) // { count: 4, satisfactionAvg: 4.3, resolvedShare: 75 }
 */
export const summarize = ({
  count,
  satisfactionSum,
  solved,
}: EvaluationTotals): EvaluationSummary =>
  count > 0
    ? {
        count,
        satisfactionAvg: Math.round((satisfactionSum / count) * 10) / 10,
        resolvedShare: Math.round((solved / count) * 100),
      }
    : { count: 0, satisfactionAvg: null, resolvedShare: null }
