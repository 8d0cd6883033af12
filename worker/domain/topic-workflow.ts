import { TOPIC_STATUSES, type TopicStatus } from '../db/schema'
import { ApiError, type FieldErrors } from '../lib/errors'

// THE topic state machine. Main line: submitted → accepted (受理) → adopted (立项) → in_progress
// → done. Side exits from submitted/accepted: merged, declined, referred (转办). Accepting may be
// skipped (a committee can adopt a topic straight away); every other move is refused.

export { TOPIC_STATUSES, type TopicStatus }

const MOVES: Record<TopicStatus, readonly TopicStatus[]> = {
  submitted: ['accepted', 'adopted', 'merged', 'declined', 'referred'],
  accepted: ['adopted', 'merged', 'declined', 'referred'],
  adopted: ['in_progress'],
  in_progress: ['done'],
  done: [],
  merged: [],
  declined: [],
  referred: [],
}

/** Chinese names of the statuses, for messages and exports. */
export const STATUS_LABEL: Record<TopicStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  adopted: '已立项',
  in_progress: '实施中',
  done: '已完成',
  merged: '已合并',
  declined: '不予采纳',
  referred: '已转办',
}

/** Statuses a topic can no longer leave. */
export const FINAL_STATUSES: readonly TopicStatus[] = ['done', 'merged', 'declined', 'referred']

/** Statuses from which a topic may be merged, declined, referred or adopted. */
export const OPEN_FOR_TRIAGE: readonly TopicStatus[] = ['submitted', 'accepted']

/** A merge target must still be open: not merged, declined, referred or done. */
export const canReceiveMerge = (status: TopicStatus) => !FINAL_STATUSES.includes(status)

/**
 * The statuses the machine allows from `status` (the admin shows one button each).
 * @example allowedTransitions('adopted') // ['in_progress']
 */
export const allowedTransitions = (status: TopicStatus): TopicStatus[] => [...(MOVES[status] ?? [])]

/**
 * The statuses from which the machine allows a move to `to`.
 * @example sourcesOf('merged') // ['submitted', 'accepted']
 */
export const sourcesOf = (to: TopicStatus): TopicStatus[] =>
  TOPIC_STATUSES.filter((from) => MOVES[from].includes(to))

export const isTopicStatus = (value: unknown): value is TopicStatus =>
  typeof value === 'string' && (TOPIC_STATUSES as readonly string[]).includes(value)

/** What a move may carry. */
export type TransitionInput = {
  /** The public note: the reply on accept, the reason on decline. */
  note?: string | null
  internalNote?: string | null
  /** Department a topic is referred to (转办). */
  referredTo?: string | null
  /** Project adopting the topic. */
  projectId?: number | null
  /** Topic a merged topic goes into. */
  targetId?: number | null
}

/** Why a move is refused: an illegal move, or a move missing what it needs. */
export type TransitionProblem =
  | { code: 'illegal_transition'; message: string }
  | { code: 'validation_failed'; message: string; errors: FieldErrors }

const blank = (value: string | null | undefined) => !value || !value.trim()

/** The fields a move to `to` needs, with the message shown when one is missing. */
export const missingFields = (to: TopicStatus, input: TransitionInput): FieldErrors => {
  const errors: FieldErrors = {}
  if (to === 'accepted' && blank(input.note)) errors.note = '受理时请填写给居民的回复'
  if (to === 'declined' && blank(input.note)) errors.note = '请填写不予采纳的理由（会公开给居民）'
  if (to === 'referred' && blank(input.referredTo)) errors.referredTo = '请填写转办的部门'
  if (to === 'merged' && !input.targetId) errors.targetId = '请选择要合并到的议题'
  if (to === 'adopted' && !input.projectId) errors.projectId = '请选择项目，或通过“立项”新建项目'
  return errors
}

/** Whether the machine allows `from → to`, with the reason in Chinese when it does not. */
export const illegalMove = (from: TopicStatus, to: TopicStatus): string | null => {
  if (!isTopicStatus(to)) return `没有「${String(to)}」这个状态`
  if (from === to) return `议题已经是「${STATUS_LABEL[to]}」`
  if (MOVES[from].includes(to)) return null
  if (!MOVES[from].length) return `「${STATUS_LABEL[from]}」的议题不能再改变状态`
  const options = MOVES[from].map((s) => `「${STATUS_LABEL[s]}」`).join('、')
  return `不能从「${STATUS_LABEL[from]}」改为「${STATUS_LABEL[to]}」，只能改为${options}`
}

/**
 * The problem with a move, or `null` when it may go ahead. Pure: use it to collect per-id errors.
 * @example checkTransition('submitted', 'declined', {}) // { code: 'validation_failed', ... }
 */
export const checkTransition = (
  from: TopicStatus,
  to: TopicStatus,
  input: TransitionInput,
): TransitionProblem | null => {
  const illegal = illegalMove(from, to)
  if (illegal) return { code: 'illegal_transition', message: illegal }
  const errors = missingFields(to, input)
  if (Object.keys(errors).length)
    return { code: 'validation_failed', message: '提交的内容有误', errors }
  return null
}

/**
 * Throws the API's 409 `illegal_transition` (or 400 with field errors) unless the move is allowed.
 * @example assertTransition(topic.status, 'accepted', { note: '已收到，下周现场查看' })
 */
export const assertTransition = (from: TopicStatus, to: TopicStatus, input: TransitionInput) => {
  const problem = checkTransition(from, to, input)
  if (!problem) return
  throw problem.code === 'illegal_transition'
    ? new ApiError('illegal_transition', problem.message)
    : new ApiError('validation_failed', problem.message, { errors: problem.errors })
}

/**
 * The steps a topic takes to reach `to` along the main line (for project status carried to its
 * topics); empty when `to` is not ahead of `from` on it.
 * @example pathTo('adopted', 'done') // ['in_progress', 'done']
 */
export const pathTo = (from: TopicStatus, to: TopicStatus): TopicStatus[] => {
  const line: TopicStatus[] = ['adopted', 'in_progress', 'done']
  const a = line.indexOf(from)
  const b = line.indexOf(to)
  return a < 0 || b <= a ? [] : line.slice(a + 1, b + 1)
}

/** The timestamp column a status sets when first reached. */
export const REACHED_AT: Partial<Record<TopicStatus, 'acceptedAt' | 'adoptedAt' | 'doneAt'>> = {
  accepted: 'acceptedAt',
  adopted: 'adoptedAt',
  done: 'doneAt',
}
