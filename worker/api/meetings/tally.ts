import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { loadProject } from '../../db/queries/projects'
import {
  type ItemRow,
  type MeetingRow,
  meetingStatements,
  toMeetingWithItems,
} from '../../db/queries/meetings/records'
import { type TallyWrite, tallyStatements } from '../../db/queries/meetings/tally'
import { checkDecision, type DecisionInput, decisionSentence } from '../../domain/meetings/decision'
import { recordProblem } from '../../domain/meetings/meeting'
import { refineTally, tallyFields } from '../../domain/meetings/schemas'
import { lowSupport, lowSupportQuestion } from '../../domain/meetings/tally'
import {
  CLOSED_PROJECT_STATUSES,
  MEETING_DECISIONS,
  PROJECT_STATUS_LABEL,
} from '../../domain/vocabulary'
import { batchAsUser } from '../../lib/auth'
import { ApiError, raise } from '../../lib/errors'
import { assertInScope } from '../../lib/scope'
import { idParam, readJson } from '../../lib/validate'
import { runGuarded } from '../../lib/guarded'

// POST /api/meetings/:id/items/:itemId/tally — an agenda item's show of hands, and optionally
// its decision, in ONE atomic batch with everything the decision does (立项 creates or names the
// project and adopts the topic; 转办 / 不予采纳 move it; 暂缓 adds a timeline entry). The order of
// refusals: a malformed body (400), a decided item or a cancelled / not yet started meeting
// (409), what the decision lacks (400) or may not do to the topic (409), and last the 409 with
// `errors.confirm` for a low-support 立项 until the request says `confirm: true`.

const words = (max: number) =>
  z.string({ message: '应为文字' }).trim().max(max, `最多 ${max} 个字`).nullable().optional()

const tallyBody = z
  .object({
    ...tallyFields,
    decision: z.enum(MEETING_DECISIONS, { message: '决定无效' }).nullable().optional(),
    projectId: z.number({ message: '应为编号' }).int().positive().nullable().optional(),
    project: z
      .object({
        title: z
          .string({ message: '请填写项目名称' })
          .trim()
          .min(1, '请填写项目名称')
          .max(100, '最多 100 个字'),
        owningBody: z.string({ message: '应为文字' }).trim().max(100, '最多 100 个字').optional(),
      })
      .nullable()
      .optional(),
    referredTo: words(100),
    note: words(500),
    confirm: z.boolean({ message: '应为是或否' }).optional(),
  })
  .superRefine(refineTally)

type Vars = AppEnv['Variables']

/** The existing project a 立项 names: visible, still open, of the meeting's neighborhood. */
const adoptingProject = async (v: Vars, id: number, neighborhoodId: number) => {
  const project = assertInScope(
    v.user,
    await loadProject(v.db, id),
    (p) => p.neighborhoodId,
    '项目不存在',
  )
  if (CLOSED_PROJECT_STATUSES.includes(project.status))
    throw new ApiError(
      'illegal_transition',
      `项目「${PROJECT_STATUS_LABEL[project.status].zh}」，不能再加入议题`,
    )
  if (project.neighborhoodId !== neighborhoodId)
    throw new ApiError('illegal_transition', '项目与会议不在同一居民区')
  return { id: project.id, title: project.title, status: project.status }
}

// The busiest meeting write checks the session in the same D1 batch as its read of the meeting
// (batchAsUser), and reads the meeting back in the batch that writes: two D1 calls in all. So
// index.ts mounts it before `requireUser`, and it refuses viewers itself.
export const recordTally = new Hono<AppEnv>().post('/:id/items/:itemId/tally', async (c) => {
  const id = idParam(c)
  const itemId = idParam(c, 'itemId')
  const db = c.var.db
  const [rows, items] = await batchAsUser(c, () => meetingStatements(db, id))
  if (c.var.user.role === 'viewer') throw new ApiError('forbidden', '只读账号不能修改')
  const meeting = assertInScope(
    c.var.user,
    toMeetingWithItems(rows, items),
    (m) => m.neighborhoodId,
    '会议不存在',
  )
  const item = meeting.items.find((i) => i.id === itemId)
  if (!item) throw new ApiError('not_found', '议程中没有这一项')
  const input = await readJson(c, tallyBody)
  const now = Date.now()
  if (item.decision)
    throw new ApiError('conflict', '这一项已记录决定，不能再改；可以把议题列入下次会议')
  raise(recordProblem(meeting, now))
  const tally = {
    present: input.present,
    inFavour: input.inFavour,
    against: input.against,
    abstain: input.abstain,
  }
  const write: TallyWrite = {
    meetingId: meeting.id,
    item: {
      id: item.id,
      topicId: item.topicId,
      neighborhoodId: meeting.neighborhoodId,
      before: {
        present: item.present,
        inFavour: item.inFavour,
        against: item.against,
        abstain: item.abstain,
      },
    },
    tally,
    decision: null,
  }
  if (input.decision) {
    const decision: DecisionInput = {
      decision: input.decision,
      projectId: input.projectId,
      projectTitle: input.project?.title,
      referredTo: input.referredTo,
      note: input.note,
    }
    raise(checkDecision(item.topicStatus, decision))
    const project =
      input.decision !== 'adopt'
        ? undefined
        : input.projectId
          ? await adoptingProject(c.var, input.projectId, meeting.neighborhoodId)
          : {
              create: {
                title: input.project!.title,
                owningBody: input.project!.owningBody ?? '',
                ownerUserId: null,
                deadlineAt: null,
              },
            }
    const confirmed = input.decision === 'adopt' && lowSupport(tally)
    if (confirmed && !input.confirm) {
      const question = lowSupportQuestion(tally)
      throw new ApiError('conflict', question, { errors: { confirm: question } })
    }
    const projectTitle = project && ('create' in project ? project.create.title : project.title)
    write.decision = {
      decision: input.decision,
      sentence: decisionSentence(meeting, tally, { ...decision, projectTitle }),
      note: input.note ?? null,
      referredTo: input.referredTo ?? null,
      project,
      confirmedLowSupport: confirmed,
    }
  }
  const written = await runGuarded(
    db,
    [...tallyStatements(db, c.var.user, write, now), ...meetingStatements(db, meeting.id)],
    '这一项或它的议题刚被其他人修改，请刷新后重试',
  )
  const [after, afterItems] = written.slice(-2) as [MeetingRow[], ItemRow[]]
  return c.json(toMeetingWithItems(after, afterItems))
})
