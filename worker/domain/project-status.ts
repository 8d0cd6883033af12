import {
  CLOSED_PROJECT_STATUSES,
  PROJECT_STATUS_LABEL,
  type ProjectStatus,
  type TopicStatus,
} from './vocabulary'

// Project statuses, what each carries to the project's topics, and the figures derived from a
// project's checklist and deadline.

/**
 * The topic status a project status carries to its topics, if any.
 * @example carriedTopicStatus('done') // 'done'
 */
export const carriedTopicStatus = (status: ProjectStatus): TopicStatus | null =>
  status === 'in_progress' ? 'in_progress' : status === 'done' ? 'done' : null

/**
 * The public note on a topic's timeline when its project's status is carried to it.
 * @example carryNote('done', '加装电梯') // '项目「加装电梯」已完成'
 */
export const carryNote = (status: ProjectStatus, title: string) =>
  status === 'done' ? `项目「${title}」已完成` : `项目「${title}」开始实施`

/** Whether a project may go from `from` to `to`; the Chinese reason when it may not. */
export const illegalProjectMove = (from: ProjectStatus, to: ProjectStatus): string | null => {
  if (from === to) return null
  if (CLOSED_PROJECT_STATUSES.includes(from))
    return `「${PROJECT_STATUS_LABEL[from].zh}」的项目不能再改变状态`
  return null
}

/**
 * Progress 0–100 from the checklist; a done project without a checklist counts as 100.
 * @example progressOf({ status: 'in_progress', checklistTotal: 4, checklistDone: 1 }) // 25
 */
export const progressOf = (p: {
  status: ProjectStatus
  checklistTotal: number
  checklistDone: number
}) => {
  if (p.checklistTotal > 0) return Math.round((p.checklistDone / p.checklistTotal) * 100)
  return p.status === 'done' ? 100 : 0
}

/**
 * Overdue: the deadline has passed and the project is neither done nor cancelled.
 * @example isOverdue({ status: 'planned', deadlineAt: Date.now() - 1 }) // true
 */
export const isOverdue = (
  p: { status: ProjectStatus; deadlineAt: number | null },
  now = Date.now(),
) => p.deadlineAt !== null && p.deadlineAt < now && !CLOSED_PROJECT_STATUSES.includes(p.status)

/** A checklist item is overdue when its due date passed and it is not done. */
export const isItemOverdue = (item: { done: boolean; dueAt: number | null }, now = Date.now()) =>
  !item.done && item.dueAt !== null && item.dueAt < now
