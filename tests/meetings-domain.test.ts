import { describe, expect, it } from 'vitest'
import {
  checkDecision,
  decisionErrors,
  decisionSentence,
  meetingDay,
} from '../worker/domain/meetings/decision'
import {
  illegalMeetingMove,
  recordProblem,
  signInBounds,
  signInState,
} from '../worker/domain/meetings/meeting'
import { emptyFigures, reportSentence, totalOf } from '../worker/domain/meetings/report'
import { tallySchema } from '../worker/domain/meetings/schemas'
import { attendanceOf, lowSupport, overCount, TALLY_MAX } from '../worker/domain/meetings/tally'

// The pure rules of meetings: tally arithmetic, low support, attendance, what each decision may
// do to a topic, the sentence citing the meeting, the sign-in window and the report's total.

const HOUR = 3_600_000
// 2025-12-03 19:00 in Shanghai.
const DEC_3 = Date.UTC(2025, 11, 3, 11)

describe('tally arithmetic', () => {
  it('accepts hands that fit in the room, the edge included', () => {
    for (const t of [
      { present: 23, inFavour: 19, against: 2, abstain: 2 },
      { present: 23, inFavour: 0, against: 0, abstain: 0 },
      { present: 0, inFavour: 0, against: 0, abstain: 0 },
      { present: 10, inFavour: 3, against: 3, abstain: 3 },
    ]) {
      expect(overCount(t)).toBeNull()
      expect(tallySchema.safeParse(t).success).toBe(true)
    }
  })

  it('refuses more hands than people present, on `present`, in words', () => {
    const t = { present: 20, inFavour: 15, against: 4, abstain: 3 }
    expect(overCount(t)).toBe('赞成、反对、弃权合计 22 人，多于到会 20 人')
    const r = tallySchema.safeParse(t)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({
      path: ['present'],
      message: '赞成、反对、弃权合计 22 人，多于到会 20 人',
    })
  })

  it('refuses negative, fractional, missing and absurd counts', () => {
    const base = { present: 10, inFavour: 5, against: 2, abstain: 1 }
    for (const bad of [
      { ...base, against: -1 },
      { ...base, inFavour: 2.5 },
      { ...base, abstain: undefined },
      { ...base, present: '10' },
      { ...base, present: TALLY_MAX + 1 },
    ])
      expect(tallySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
  })

  it('checks the sum rule against brute force on every small tally', () => {
    for (let present = 0; present <= 6; present++)
      for (let f = 0; f <= 6; f++)
        for (let a = 0; a <= 6; a++)
          for (let b = 0; b <= 6; b++) {
            const t = { present, inFavour: f, against: a, abstain: b }
            expect(tallySchema.safeParse(t).success).toBe(f + a + b <= present)
          }
  })

  it('asks for confirmation when fewer than half of those present voted for 立项', () => {
    expect(lowSupport({ present: 23, inFavour: 11 })).toBe(true)
    expect(lowSupport({ present: 23, inFavour: 12 })).toBe(false)
    // exactly half is not fewer than half
    expect(lowSupport({ present: 20, inFavour: 10 })).toBe(false)
    expect(lowSupport({ present: 20, inFavour: 9 })).toBe(true)
    expect(lowSupport({ present: 0, inFavour: 0 })).toBe(false)
  })

  it('takes the larger of the head count and the sign-ins as attendance', () => {
    expect(attendanceOf(null, 12)).toBe(12)
    expect(attendanceOf(30, 12)).toBe(30)
    expect(attendanceOf(10, 12)).toBe(12)
    expect(attendanceOf(null, 0)).toBe(0)
  })
})

describe('decisions', () => {
  it('names what each decision lacks', () => {
    expect(decisionErrors({ decision: 'adopt' })).toHaveProperty('projectId')
    expect(
      decisionErrors({ decision: 'adopt', projectId: 3, projectTitle: '新项目' }),
    ).toHaveProperty('projectId')
    expect(decisionErrors({ decision: 'adopt', projectTitle: '加装电梯' })).toEqual({})
    expect(decisionErrors({ decision: 'refer', referredTo: ' ' })).toHaveProperty('referredTo')
    expect(decisionErrors({ decision: 'decline' })).toEqual({
      note: '请填写不予采纳的理由（会公开给居民）',
    })
    expect(decisionErrors({ decision: 'defer' })).toEqual({})
  })

  it('follows the topic state machine', () => {
    expect(checkDecision('submitted', { decision: 'adopt', projectId: 1 })).toBeNull()
    expect(checkDecision('accepted', { decision: 'refer', referredTo: '城管中队' })).toBeNull()
    expect(checkDecision('accepted', { decision: 'decline', note: '不属于居委职责' })).toBeNull()
    expect(checkDecision('accepted', { decision: 'defer' })).toBeNull()
    for (const status of [
      'adopted',
      'in_progress',
      'done',
      'merged',
      'declined',
      'referred',
    ] as const)
      for (const decision of [
        { decision: 'adopt' as const, projectId: 1 },
        { decision: 'refer' as const, referredTo: 'x' },
        { decision: 'decline' as const, note: 'x' },
        { decision: 'defer' as const },
      ])
        expect(checkDecision(status, decision)?.code, `${status} ${decision.decision}`).toBe(
          'illegal_transition',
        )
    expect(checkDecision('accepted', { decision: 'decline' })?.code).toBe('validation_failed')
  })

  it('cites the meeting as the example sentence does', () => {
    const tally = { present: 23, inFavour: 19, against: 2, abstain: 2 }
    const meeting = { kind: 'council' as const, startsAt: DEC_3 }
    expect(meetingDay(DEC_3)).toBe('12 月 3 日')
    // 23:30 UTC on Dec 2 is already Dec 3 in Shanghai
    expect(meetingDay(Date.UTC(2025, 11, 2, 16, 30))).toBe('12 月 3 日')
    expect(decisionSentence(meeting, tally, { decision: 'adopt' })).toBe(
      '经 12 月 3 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定立项',
    )
    expect(
      decisionSentence(meeting, tally, { decision: 'adopt', projectTitle: '12号楼加装电梯' }),
    ).toBe(
      '经 12 月 3 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定立项，纳入项目「12号楼加装电梯」',
    )
    expect(
      decisionSentence({ kind: 'grid', startsAt: DEC_3 }, tally, {
        decision: 'refer',
        referredTo: '大场镇城管中队',
      }),
    ).toBe('经 12 月 3 日楼组议事（到会 23 人，赞成 19、反对 2、弃权 2）决定转办至大场镇城管中队')
    expect(
      decisionSentence(meeting, tally, { decision: 'decline', note: '属于业主自有设施' }),
    ).toBe(
      '经 12 月 3 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定不予采纳：属于业主自有设施',
    )
  })
})

describe('meeting rules', () => {
  const m = { status: 'planned' as const, startsAt: DEC_3, endsAt: DEC_3 + 2 * HOUR }

  it('opens the door two hours before and closes it an hour after the end', () => {
    expect(signInState(m, DEC_3 - 2 * HOUR - 1)).toBe('not_yet')
    expect(signInState(m, DEC_3 - 2 * HOUR)).toBe('open')
    expect(signInState(m, DEC_3 + 3 * HOUR)).toBe('open')
    expect(signInState(m, DEC_3 + 3 * HOUR + 1)).toBe('closed')
    expect(signInState({ ...m, endsAt: null }, DEC_3 + 4 * HOUR)).toBe('open')
    expect(signInState({ ...m, status: 'cancelled' }, DEC_3)).toBe('cancelled')
    expect(signInBounds(m)).toEqual({ from: DEC_3 - 2 * HOUR, until: DEC_3 + 3 * HOUR })
  })

  it('records tallies from an hour before the start, never on a cancelled meeting', () => {
    expect(recordProblem(m, DEC_3 - 2 * HOUR)?.code).toBe('conflict')
    expect(recordProblem(m, DEC_3 - HOUR)).toBeNull()
    expect(recordProblem(m, DEC_3 + 30 * 24 * HOUR)).toBeNull()
    expect(recordProblem({ ...m, status: 'cancelled' }, DEC_3)?.code).toBe('illegal_transition')
  })

  it('keeps a meeting that decided something held', () => {
    expect(illegalMeetingMove('planned', 'cancelled', 0)).toBeNull()
    expect(illegalMeetingMove('held', 'planned', 0)).toBeNull()
    expect(illegalMeetingMove('held', 'cancelled', 2)).toBe(
      '会议已对 2 个议题作出决定，不能改为「已取消」',
    )
    expect(illegalMeetingMove('cancelled', 'held', 0)).not.toBeNull()
  })
})

describe('report figures', () => {
  it('totals rows and says them in one sentence', () => {
    const a = {
      ...emptyFigures(),
      meetings: 2,
      attendance: 40,
      decided: 3,
      projects: 1,
      byDecision: { adopt: 1, defer: 1, refer: 0, decline: 1 },
    }
    const b = {
      ...emptyFigures(),
      meetings: 1,
      attendance: 12,
      decided: 2,
      projects: 2,
      byDecision: { adopt: 2, defer: 0, refer: 0, decline: 0 },
    }
    const total = totalOf([a, b])
    expect(total).toEqual({
      meetings: 3,
      attendance: 52,
      decided: 5,
      projects: 3,
      byDecision: { adopt: 3, defer: 1, refer: 0, decline: 1 },
    })
    expect(reportSentence(total)).toBe(
      '召开议事会 3 场，到会 52 人次，议定议题 5 个（立项 3、暂缓 1、转办 0、不予采纳 1），立项项目 3 个',
    )
  })
})
