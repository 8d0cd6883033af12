import { describe, expect, it } from 'vitest'
import { cellState, countStates, DUE_SOON_DAYS } from '../worker/domain/programmes/cells'
import { readConfirmation, voiceKey } from '../worker/domain/programmes/confirmation'
import {
  DAY_MS,
  dayEnd,
  dayStart,
  fromDay,
  toDay,
  weekStart,
  yearEarlier,
} from '../worker/domain/programmes/days'
import { evidenceProblem } from '../worker/domain/programmes/evidence'
import { compareSections, ledgerSections, type LedgerRaw } from '../worker/domain/programmes/ledger'
import { programmeErrors, stepDueAt } from '../worker/domain/programmes/template'

// The pure rules of programmes: Shanghai days, cell states, evidence, the confirmation form, the
// template's checks, and the 台账's comparison with last year.

describe('Shanghai days', () => {
  it('starts and ends days at Shanghai midnight, whatever the UTC hour', () => {
    const start = fromDay('2026-05-02')!
    expect(start).toBe(Date.UTC(2026, 4, 1, 16))
    expect(dayStart(start + 23 * 3_600_000)).toBe(start)
    expect(dayEnd(start)).toBe(start + DAY_MS - 1)
    expect(toDay(start)).toBe('2026-05-02')
    expect(fromDay('2026-02-30')).toBeNull()
    expect(fromDay('2026/05/02')).toBeNull()
  })

  it('finds the Monday of a week, Sunday included', () => {
    expect(toDay(weekStart(fromDay('2026-05-07')!))).toBe('2026-05-04')
    expect(toDay(weekStart(fromDay('2026-05-10')! + 20 * 3_600_000))).toBe('2026-05-04')
    expect(toDay(weekStart(fromDay('2026-05-04')!))).toBe('2026-05-04')
  })

  it('goes back one calendar year, 29 February to 28 February', () => {
    expect(toDay(yearEarlier(fromDay('2026-03-01')!))).toBe('2025-03-01')
    expect(toDay(yearEarlier(fromDay('2028-02-29')!))).toBe('2027-02-28')
    expect(yearEarlier(fromDay('2026-01-01')! + 5)).toBe(fromDay('2025-01-01')! + 5)
  })
})

describe('cell states', () => {
  const now = fromDay('2026-05-10')! + 10 * 3_600_000
  it('is done, overdue, due soon or not started, in that order of rules', () => {
    expect(cellState({ done: 1, dueAt: now - DAY_MS }, now)).toBe('done')
    expect(cellState({ done: false, dueAt: now - 1 }, now)).toBe('overdue')
    expect(cellState({ done: false, dueAt: now }, now)).toBe('due')
    expect(cellState({ done: false, dueAt: now + DUE_SOON_DAYS * DAY_MS - 1 }, now)).toBe('due')
    expect(cellState({ done: false, dueAt: now + DUE_SOON_DAYS * DAY_MS }, now)).toBe('not_started')
    expect(cellState({ done: 0, dueAt: null }, now)).toBe('not_started')
    expect(countStates(['done', 'done', 'overdue'])).toEqual({
      done: 2,
      due: 0,
      overdue: 1,
      not_started: 0,
    })
  })
})

describe('the template', () => {
  const base = {
    townId: 1,
    name: '九个一',
    description: '',
    owningBody: '',
    startsAt: fromDay('2026-05-01')!,
    endsAt: fromDay('2026-06-30')!,
  }
  const step = (extra: Record<string, unknown>) => ({
    title: '一步',
    doneWhen: '',
    evidence: 'note' as const,
    ownerPost: 'secretary' as const,
    public: true,
    ...extra,
  })
  it('dues a relative step by the end of the day that many days after the first', () => {
    expect(stepDueAt({ dueDays: 0 }, base.startsAt)).toBe(fromDay('2026-05-02')! - 1)
    expect(stepDueAt({ dueDays: 9 }, base.startsAt + 5 * 3_600_000)).toBe(
      fromDay('2026-05-11')! - 1,
    )
    expect(stepDueAt({ dueAt: fromDay('2026-06-01')! + 1000 }, base.startsAt)).toBe(
      fromDay('2026-06-02')! - 1,
    )
  })
  it('names the steps due outside the period, and those with both or neither due date', () => {
    expect(
      programmeErrors({
        ...base,
        steps: [
          step({ dueDays: 60 }),
          step({ dueDays: 61 }),
          step({ dueDays: 1, dueAt: base.startsAt }),
          step({}),
          step({ dueAt: fromDay('2026-04-30') }),
        ],
      }),
    ).toEqual({
      'steps.1.dueDays': '截止日期超出项目周期',
      'steps.2.dueDays': '请填写开始后第几天，或选择固定截止日期（二选一）',
      'steps.3.dueDays': '请填写开始后第几天，或选择固定截止日期（二选一）',
      'steps.4.dueAt': '截止日期超出项目周期',
    })
    expect(programmeErrors({ ...base, endsAt: base.startsAt - DAY_MS, steps: [] })).toEqual({
      endsAt: '结束日期应不早于开始日期',
    })
  })
})

describe('evidence', () => {
  it('asks each step for its kind, and only web links for photos', () => {
    expect(evidenceProblem('note', { note: '走访 30 户' })).toBeNull()
    expect(evidenceProblem('number', { note: '', number: 0 })).toBeNull()
    expect(evidenceProblem('number', { note: 'x', number: null })?.errors).toEqual({
      number: '这一步要填写数字',
    })
    expect(evidenceProblem('photo', { note: '', photoUrl: 'javascript:alert(1)' })?.errors).toEqual(
      {
        photoUrl: '照片链接应以 http:// 或 https:// 开头',
      },
    )
    expect(evidenceProblem('note', { note: '', photoUrl: 'https://x.cn/a.jpg' })?.errors).toEqual({
      note: '这一步要写明完成情况',
    })
  })
})

describe('the confirmation form', () => {
  it('takes a tracking code as typed, or a phone with its volunteer code', () => {
    const code = readConfirmation({ voice: ' k7q 4mx ', verdict: 'confirmed' })
    expect(code).toEqual({
      ok: true,
      value: { voice: { kind: 'code', code: 'K7Q-4MX' }, verdict: 'confirmed', comment: '' },
    })
    const phone = readConfirmation({
      voice: '+86 139-0000-1111',
      vcode: 'ab-12',
      verdict: 'disputed',
    })
    expect(phone.ok && phone.value.voice).toEqual({
      kind: 'volunteer',
      phone: '13900001111',
      volunteerCode: 'AB12',
    })
    expect(readConfirmation({ voice: '13900001111', verdict: 'confirmed' })).toEqual({
      ok: false,
      errors: { vcode: 'required' },
    })
    expect(
      readConfirmation({ voice: 'K0O-ILL', verdict: 'maybe', comment: '字'.repeat(201) }),
    ).toEqual({
      ok: false,
      errors: { voice: 'invalid', verdict: 'required', comment: 'too_long' },
    })
    expect(voiceKey({ kind: 'volunteer', id: 7 })).toBe('volunteer:7')
  })
})

describe('the 台账’s comparison', () => {
  const raw = (n: number): LedgerRaw => ({
    collected: [
      { kind: 'qr', n },
      { kind: 'none', n: 1 },
    ],
    mergedDuplicates: 2,
    decisions: [{ status: 'accepted', n }],
    decidedTopics: n,
    projectsAdopted: 3,
    projectsDone: 2,
    doneWithDeadline: 2,
    doneOnTime: 1,
    evaluations: { count: 4, satisfactionSum: 17, solved: 3, satisfied: 2 },
    activitiesHeld: 1,
    sessionsHeld: 2,
    checkedIn: 10,
    supports: 5,
    confirmations: 6,
    volunteers: 2,
    volunteerMinutes: 150,
  })
  it('counts each figure as defined and compares counts relatively, rates in points', () => {
    const sections = compareSections(ledgerSections(raw(9)), ledgerSections(raw(4)))
    const figure = (section: string, key: string) =>
      sections.find((s) => s.key === section)!.figures.find((f) => f.key === key)!
    expect(figure('collected', 'total')).toMatchObject({
      value: 10,
      lastYear: 5,
      change: 5,
      changePct: 100,
    })
    expect(figure('collected', 'channel.web')).toMatchObject({
      value: 0,
      lastYear: 0,
      changePct: null,
    })
    expect(figure('projects', 'onTimeRate')).toMatchObject({
      value: 50,
      change: 0,
      changePct: null,
    })
    expect(figure('satisfaction', 'satisfactionAvg')).toMatchObject({ value: 4.3, kind: 'mean' })
    expect(figure('satisfaction', 'resolvedShare')).toMatchObject({ value: 75, kind: 'rate' })
    expect(figure('visits', 'total')).toMatchObject({ value: 10 + 5 + 4 + 6 })
    expect(figure('volunteers', 'hours')).toMatchObject({ value: 2.5 })
  })
})
