import { maskName } from '../masking'
import { translator } from '../messages'
import { fieldProblem, type Problem } from '../problem'
import {
  CLAIM_STATUS_LABEL,
  CLAIM_STATUSES,
  type ClaimStatus,
  isOneOf,
  type Lang,
  PROJECT_STATUS_LABEL,
  type ProjectStatus,
} from '../vocabulary'

// THE claim (认领) state machine and what a claim may be raised on. The rules:
// 1. A hand is raised for a project still under way (planned, in_progress, blocked) or for one of
//    its tasks that is not done. Done and cancelled projects, and done tasks, take no new hands.
// 2. One live hand (pending or accepted) per claimant and target; the database refuses a second.
// 3. Moves: pending → accepted or declined (staff decide); pending → withdrawn (the partner takes
//    its hand down, or staff do it for them); accepted → withdrawn (staff: the partner pulled
//    out). declined and withdrawn are final: raise a new hand instead.
// 4. A decline carries a reason, written for the partner to read.
// 5. An accepted hand stands on the project's public timeline and board as 认领单位：<name>;
//    a 达人 (a resident from the volunteer register) stands there as 主理人 with a masked name.

/** Who moves a claim: staff (admin, town, staff) or the partner through its own login. */
export type ClaimActor = 'staff' | 'partner'

const MOVES: Record<ClaimStatus, readonly { to: ClaimStatus; by: readonly ClaimActor[] }[]> = {
  pending: [
    { to: 'accepted', by: ['staff'] },
    { to: 'declined', by: ['staff'] },
    { to: 'withdrawn', by: ['staff', 'partner'] },
  ],
  accepted: [{ to: 'withdrawn', by: ['staff'] }],
  declined: [],
  withdrawn: [],
}

/** Project statuses that still take hands (rule 1). */
export const CLAIMABLE_PROJECT_STATUSES: readonly ProjectStatus[] = [
  'planned',
  'in_progress',
  'blocked',
]

export const isClaimStatus = (value: unknown): value is ClaimStatus =>
  isOneOf(CLAIM_STATUSES, value)

const label = (s: ClaimStatus) => CLAIM_STATUS_LABEL[s].zh

/**
 * The statuses `actor` may move a claim to from `status` (the admin shows one button each).
 * @example allowedClaimMoves('pending', 'partner') // ['withdrawn']
 */
export const allowedClaimMoves = (status: ClaimStatus, actor: ClaimActor): ClaimStatus[] =>
  MOVES[status].filter((m) => m.by.includes(actor)).map((m) => m.to)

/** Whether `actor` may move a claim `from → to`, with the reason in Chinese when not. */
export const illegalClaimMove = (
  from: ClaimStatus,
  to: ClaimStatus,
  actor: ClaimActor,
): string | null => {
  if (!isClaimStatus(to)) return `没有「${String(to)}」这个状态`
  if (from === to) return `认领已经是「${label(to)}」`
  const move = MOVES[from].find((m) => m.to === to)
  if (!move) {
    if (!MOVES[from].length) return `「${label(from)}」的认领不能再改变状态，可以重新认领`
    return `不能从「${label(from)}」改为「${label(to)}」`
  }
  if (!move.by.includes(actor))
    return actor === 'partner' ? '接受或婉拒由居委会工作人员决定' : '没有权限'
  return null
}

export type ClaimMoveInput = { note?: string | null }

/**
 * The problem with a move, or `null` when it may go ahead (rules 3, 4).
 * @example checkClaimMove('pending', 'declined', 'staff', {}) // { code: 'validation_failed', ... }
 */
export const checkClaimMove = (
  from: ClaimStatus,
  to: ClaimStatus,
  actor: ClaimActor,
  input: ClaimMoveInput,
): Problem | null => {
  const illegal = illegalClaimMove(from, to, actor)
  if (illegal) return { code: 'illegal_transition', message: illegal }
  if (to === 'declined' && !input.note?.trim())
    return fieldProblem({ note: '请填写婉拒的理由（认领方会看到）' })
  return null
}

/** What a hand is raised on: the project, and the task when it is for one. */
export type ClaimTarget = {
  project: { status: ProjectStatus; title: string }
  task?: { done: boolean; title: string } | null
}

/**
 * Why nothing may be claimed here (rule 1), or `null`.
 * @example checkClaimTarget({ project: { status: 'done', title: '加装电梯' } }) // { code: 'illegal_transition', ... }
 */
export const checkClaimTarget = ({ project, task }: ClaimTarget): Problem | null => {
  if (!CLAIMABLE_PROJECT_STATUSES.includes(project.status))
    return {
      code: 'illegal_transition',
      message: `项目「${project.title}」${PROJECT_STATUS_LABEL[project.status].zh}，不能再认领`,
    }
  if (task?.done)
    return { code: 'illegal_transition', message: `任务「${task.title}」已完成，不能再认领` }
  return null
}

/** Who raised the hand, as the public may see it. */
export type Claimant = { partnerName: string | null; volunteerName: string | null }

/**
 * The public words for a claimant (rule 5): the organisation's name, or a 达人's masked name.
 * @example publicClaimant({ partnerName: '大场医院', volunteerName: null }) // '认领单位：大场医院'
 * @example publicClaimant({ partnerName: null, volunteerName: '沈阿姨' }) // '主理人：达人 沈**'
 */
export const publicClaimant = ({ partnerName, volunteerName }: Claimant) =>
  partnerName !== null
    ? `认领单位：${partnerName}`
    : `主理人：达人 ${maskName(volunteerName) ?? ''}`

/**
 * The public update an accepted (or ended) claim writes on the project's timeline.
 * @example claimUpdateNote({ partnerName: '大场医院', volunteerName: null }, '施工进场', 'accepted')
 * // '认领单位：大场医院 认领了任务「施工进场」'
 */
export const claimUpdateNote = (
  claimant: Claimant,
  taskTitle: string | null,
  move: 'accepted' | 'withdrawn',
) => {
  const what = taskTitle === null ? '本项目' : `任务「${taskTitle}」`
  return `${publicClaimant(claimant)} ${move === 'accepted' ? '认领了' : '已退出'}${what}`
}

/** The words of the public claimant lines (pages and admin both show them). */
const claimantWords = translator({
  zh: { units: '认领单位：{names}', leads: '主理人：达人 {names}', sep: '、' },
  en: { units: 'Taken on by: {names}', leads: 'Led by resident talent: {names}', sep: ', ' },
})

/**
 * The public lines for the accepted hands on a project (its board card, its tracking page):
 * organisations together after 认领单位, each 达人 masked after 主理人.
 * @example publicClaimantLines([{ partnerName: '大场医院', volunteerName: null }], 'zh') // ['认领单位：大场医院']
 */
export const publicClaimantLines = (claimants: Claimant[], lang: Lang): string[] => {
  const units = [
    ...new Set(claimants.flatMap((c) => (c.partnerName === null ? [] : [c.partnerName]))),
  ]
  const leads = [
    ...new Set(
      claimants.flatMap((c) => (c.partnerName === null ? [maskName(c.volunteerName) ?? ''] : [])),
    ),
  ]
  const lines: string[] = []
  const names = (list: string[]) => list.join(claimantWords(lang, 'sep'))
  if (units.length) lines.push(claimantWords(lang, 'units', { names: names(units) }))
  if (leads.length) lines.push(claimantWords(lang, 'leads', { names: names(leads) }))
  return lines
}
