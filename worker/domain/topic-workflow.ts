import type { FieldErrors, Problem } from './problem'
import { fieldProblem } from './problem'
import {
  ADOPTED_TOPIC_STATUSES,
  FINAL_TOPIC_STATUSES,
  isOneOf,
  TOPIC_STATUS_LABEL,
  TOPIC_STATUSES,
  type TopicStatus,
} from './vocabulary'

// THE topic state machine. Main line: submitted → accepted (受理) → adopted (立项) → in_progress
// → done. Side exits from submitted/accepted: merged, declined, referred (转办). Accepting may be
// skipped (a committee can adopt a topic straight away); every other move is refused.

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

/** A merge target must still be open: not merged, declined, referred or done. */
export const canReceiveMerge = (status: TopicStatus) => !FINAL_TOPIC_STATUSES.includes(status)

/** What choosing a merge's direction looks at. */
export type MergeCandidate = {
  id: number
  status: TopicStatus
  supportCount: number
  createdAt: number
}

/**
 * Which of two duplicates survives a merge and which goes into it, or null when neither way is
 * allowed. The survivor is the one the machine requires (a topic already adopted cannot be
 * merged away), else the one more residents support, else the older (it has the longer history
 * and its residents have waited longest), else the lower number.
 * @example mergeDirection(newTopic, olderWithSupporters) // { target: olderWithSupporters, source: newTopic }
 */
export const mergeDirection = <T extends MergeCandidate>(
  a: T,
  b: T,
): { target: T; source: T } | null => {
  const mergeable = (t: T) => MOVES[t.status].includes('merged')
  const allowed = (target: T, source: T) => canReceiveMerge(target.status) && mergeable(source)
  const [first, second] = [a, b].sort(
    (x, y) => y.supportCount - x.supportCount || x.createdAt - y.createdAt || x.id - y.id,
  )
  if (allowed(first, second)) return { target: first, source: second }
  if (allowed(second, first)) return { target: second, source: first }
  return null
}

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
  isOneOf(TOPIC_STATUSES, value)

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

const label = (s: TopicStatus) => TOPIC_STATUS_LABEL[s].zh

const blank = (value: string | null | undefined) => !value?.trim()

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
  if (from === to) return `议题已经是「${label(to)}」`
  if (MOVES[from].includes(to)) return null
  if (!MOVES[from].length) return `「${label(from)}」的议题不能再改变状态`
  const options = MOVES[from].map((s) => `「${label(s)}」`).join('、')
  return `不能从「${label(from)}」改为「${label(to)}」，只能改为${options}`
}

/**
 * The problem with a move, or `null` when it may go ahead. Pure: use it to collect per-id errors.
 * @example checkTransition('submitted', 'declined', {}) // { code: 'validation_failed', ... }
 */
export const checkTransition = (
  from: TopicStatus,
  to: TopicStatus,
  input: TransitionInput,
): Problem | null => {
  const illegal = illegalMove(from, to)
  if (illegal) return { code: 'illegal_transition', message: illegal }
  return fieldProblem(missingFields(to, input))
}

/**
 * The steps a topic takes to reach `to` along the main line (for project status carried to its
 * topics); empty when `to` is not ahead of `from` on it.
 * @example pathTo('adopted', 'done') // ['in_progress', 'done']
 */
export const pathTo = (from: TopicStatus, to: TopicStatus): TopicStatus[] => {
  const line = ADOPTED_TOPIC_STATUSES
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

/**
 * Text as stored: trimmed, and `null` when nothing is left.
 * @example blankToNull('  ') // null
 */
export const blankToNull = (text: string | null | undefined) => (text?.trim() ? text.trim() : null)

/** What a move writes on the topic besides its status and the times in `REACHED_AT`. */
export type MoveChanges = {
  publicReply?: string | null
  referredTo?: string | null
  projectId?: number | null
  mergedIntoId?: number | null
}

/**
 * The fields a move to `to` sets: the public reply on accept and decline (and on a referral
 * when one is given), the department referred to, the adopting project, the merge target.
 * @example moveChanges('declined', { note: ' 不属于居委职责 ' }) // { publicReply: '不属于居委职责' }
 */
export const moveChanges = (to: TopicStatus, input: TransitionInput): MoveChanges => {
  const note = blankToNull(input.note)
  switch (to) {
    case 'accepted':
    case 'declined':
      return { publicReply: note }
    case 'referred':
      return { referredTo: blankToNull(input.referredTo), ...(note && { publicReply: note }) }
    case 'adopted':
      return { projectId: input.projectId }
    case 'merged':
      return { mergedIntoId: input.targetId }
    default:
      return {}
  }
}

// The notes below are read by residents on the public timeline, after the status word ("已立项：…",
// "已与相同的议题合并：…"): they do not repeat it, and name other topics by title, never by
// their internal number.

/** The public note on a topic's timeline when it is adopted without one. */
export const adoptNote = (projectTitle: string) => `项目「${projectTitle}」`

/** The public note on a merged topic's timeline when the merge gives none. */
export const mergeNote = (targetTitle: string) => `请关注「${targetTitle}」的进展`

/** The public note on the target's timeline for each topic merged into it. */
export const mergedInNote = (sourceTitle: string) => `「${sourceTitle}」已合并到本议题`

/** The public note on the target's timeline when a topic merged into it is taken out again. */
export const mergedOutNote = (sourceTitle: string) => `「${sourceTitle}」已撤销合并，单独办理`

const SEPARATOR = /^[\s：:，,。.]+/

/**
 * A timeline note as it follows its status word ("已立项：…"): a note that starts with that same
 * word (typed so by staff, or written before migration 0020) loses it, so nothing reads twice;
 * a note that is only the word says nothing more (null).
 * @example noteAfterStatus('已立项', '已立项：「加装电梯」') // '「加装电梯」'
 */
export const noteAfterStatus = (statusWord: string, note: string | null) => {
  const text = note?.trim() ?? ''
  const after = statusWord && text.startsWith(statusWord) ? text.slice(statusWord.length) : null
  // Only a repeated word: "已转办至街道" goes on, "已立项：…" or "已立项。" repeats.
  if (after === null || (after && !SEPARATOR.test(after))) return text || null
  return after.replace(SEPARATOR, '') || null
}

/** The public note on a topic's timeline when its merge is undone without one. */
export const UNMERGE_NOTE = '已撤销合并，本议题重新单独办理'
