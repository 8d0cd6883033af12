import { NO_DATE, showableDate } from '../dates'
import { type Problem, fieldProblem, type FieldErrors } from '../problem'
import { illegalMove } from '../topic-workflow'
import {
  MEETING_DECISION_LABEL,
  MEETING_KIND_LABEL,
  TOPIC_STATUS_LABEL,
  TRIAGE_TOPIC_STATUSES,
  type MeetingDecision,
  type MeetingKind,
  type TopicStatus,
} from '../vocabulary'
import type { Tally } from './tally'

// What a meeting's decision on an agenda item does to its topic, through the topic state machine
// (topic-workflow.ts), and the sentence that cites the meeting on the topic's public timeline:
//   立项      adopt:   the topic moves to 'adopted' in a new or existing project (one batch)
//   暂缓      defer:   recorded with its timeline entry; the topic keeps its status
//   转办      refer:   the topic moves to 'referred', naming whom it went to
//   不予采纳  decline: the topic moves to 'declined', with the public reason
// A decision is taken once per agenda item; the topic can come back on a later meeting's agenda
// while it is still open.

/** The topic status each decision moves the topic to; `null`: no move. */
export const DECISION_MOVE: Record<MeetingDecision, TopicStatus | null> = {
  adopt: 'adopted',
  defer: null,
  refer: 'referred',
  decline: 'declined',
}

/** Topics a meeting can take up: those still waiting for a decision. */
export const AGENDA_TOPIC_STATUSES: readonly TopicStatus[] = TRIAGE_TOPIC_STATUSES

export type DecisionInput = {
  decision: MeetingDecision
  /** 立项 into this existing project … */
  projectId?: number | null
  /** … or into a new one with this title. */
  projectTitle?: string | null
  /** 转办: the department or body it goes to. */
  referredTo?: string | null
  /** The public note: the reason of 不予采纳 (required), optional words on the others. */
  note?: string | null
}

const blank = (text: string | null | undefined) => !text?.trim()

/**
 * What a decision still lacks, as field errors.
 * @example decisionErrors({ decision: 'decline' }) // { note: '请填写不予采纳的理由（会公开给居民）' }
 */
export const decisionErrors = (input: DecisionInput): FieldErrors => {
  const errors: FieldErrors = {}
  if (input.decision === 'adopt' && !input.projectId && blank(input.projectTitle))
    errors.projectId = '立项请选择已有项目，或填写新项目的名称'
  if (input.decision === 'adopt' && input.projectId && !blank(input.projectTitle))
    errors.projectId = '立项只能选择已有项目或新建项目之一'
  if (input.decision === 'refer' && blank(input.referredTo))
    errors.referredTo = '请填写转办的部门或单位'
  if (input.decision === 'decline' && blank(input.note))
    errors.note = '请填写不予采纳的理由（会公开给居民）'
  return errors
}

/**
 * The problem with taking `input` on a topic in `status`, or `null`: missing fields first, then
 * the state machine's answer for the move (暂缓 needs the topic still open for a decision).
 * @example checkDecision('declined', { decision: 'adopt', projectId: 3 }) // illegal_transition
 */
export const checkDecision = (status: TopicStatus, input: DecisionInput): Problem | null => {
  const missing = fieldProblem(decisionErrors(input))
  if (missing) return missing
  const to = DECISION_MOVE[input.decision]
  if (to === null)
    return AGENDA_TOPIC_STATUSES.includes(status)
      ? null
      : {
          code: 'illegal_transition',
          message: `议题已「${TOPIC_STATUS_LABEL[status].zh}」，不能再暂缓`,
        }
  const illegal = illegalMove(status, to)
  return illegal
    ? {
        code: 'illegal_transition',
        message: `不能${MEETING_DECISION_LABEL[input.decision].zh}：${illegal}`,
      }
    : null
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/**
 * A day as residents say it, in Shanghai: `12 月 3 日`.
 * @example meetingDay(Date.UTC(2025, 11, 3, 2)) // '12 月 3 日'
 */
export const meetingDay = (ms: number) => {
  const d = showableDate(ms + SHANGHAI_OFFSET_MS)
  return d ? `${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日` : NO_DATE
}

/**
 * The public sentence citing the meeting, for the topic's timeline and the minutes.
 * @example decisionSentence({ kind: 'council', startsAt }, { present: 23, inFavour: 19, against: 2, abstain: 2 }, { decision: 'adopt' })
 * // '经 12 月 3 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定立项'
 */
export const decisionSentence = (
  meeting: { kind: MeetingKind; startsAt: number },
  tally: Tally,
  input: DecisionInput & { projectTitle?: string | null },
) => {
  const cite =
    `经 ${meetingDay(meeting.startsAt)}${MEETING_KIND_LABEL[meeting.kind].zh}` +
    `（到会 ${tally.present} 人，赞成 ${tally.inFavour}、反对 ${tally.against}、弃权 ${tally.abstain}）` +
    `决定${MEETING_DECISION_LABEL[input.decision].zh}`
  const detail =
    input.decision === 'adopt' && !blank(input.projectTitle)
      ? `，纳入项目「${input.projectTitle!.trim()}」`
      : input.decision === 'refer' && !blank(input.referredTo)
        ? `至${input.referredTo!.trim()}`
        : ''
  const note = blank(input.note) ? '' : `：${input.note!.trim()}`
  return `${cite}${detail}${note}`
}
