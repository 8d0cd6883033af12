import { describe, expect, it } from 'vitest'
import {
  afterFailure,
  BACKOFF_MS,
  DEFAULT_SETTINGS,
  decide,
  dedupeKey,
  inQuietHours,
  MAX_ATTEMPTS,
  nextClock,
  type Circumstances,
  type Queued,
} from '../worker/domain/notify/rules'
import { messageTime, renderMessage } from '../worker/domain/notify/templates'

// Shanghai is UTC+8: 22:00 there is 14:00 UTC.
const at = (shanghai: string) => Date.parse(`${shanghai}+08:00`)

const queued = (over: Partial<Queued> = {}): Queued => ({
  medium: 'sms',
  createdAt: at('2026-12-05T10:00:00'),
  dueAt: at('2026-12-05T10:00:00'),
  eventAt: null,
  consentActive: true,
  ...over,
})
const world = (now: number, over: Partial<Circumstances> = {}): Circumstances => ({
  settings: DEFAULT_SETTINGS,
  providerOn: true,
  sentToday: 0,
  duplicateOf: null,
  now,
  ...over,
})

describe('quiet hours (Shanghai time)', () => {
  it('are 21:00–08:00 by default, across midnight', () => {
    expect(inQuietHours(at('2026-12-05T20:59:00'), DEFAULT_SETTINGS)).toBe(false)
    expect(inQuietHours(at('2026-12-05T21:00:00'), DEFAULT_SETTINGS)).toBe(true)
    expect(inQuietHours(at('2026-12-06T03:00:00'), DEFAULT_SETTINGS)).toBe(true)
    expect(inQuietHours(at('2026-12-06T07:59:00'), DEFAULT_SETTINGS)).toBe(true)
    expect(inQuietHours(at('2026-12-06T08:00:00'), DEFAULT_SETTINGS)).toBe(false)
  })
  it('can lie within one day, or be none', () => {
    const noon = { quietFrom: '12:00', quietTo: '14:00' }
    expect(inQuietHours(at('2026-12-05T13:00:00'), noon)).toBe(true)
    expect(inQuietHours(at('2026-12-05T22:00:00'), noon)).toBe(false)
    expect(inQuietHours(at('2026-12-05T22:00:00'), { quietFrom: '00:00', quietTo: '00:00' })).toBe(
      false,
    )
  })
  it('end at the next 08:00 in Shanghai', () => {
    expect(nextClock(at('2026-12-05T22:30:00'), '08:00')).toBe(at('2026-12-06T08:00:00'))
    expect(nextClock(at('2026-12-06T02:00:00'), '08:00')).toBe(at('2026-12-06T08:00:00'))
    expect(nextClock(at('2026-12-06T08:00:00'), '08:00')).toBe(at('2026-12-06T08:00:00'))
  })
})

describe('decide', () => {
  it('sends in the day, defers an SMS in quiet hours to 08:00', () => {
    expect(decide(queued(), world(at('2026-12-05T10:00:00')))).toEqual({ kind: 'send' })
    const night = at('2026-12-05T23:10:00')
    expect(decide(queued({ createdAt: night, dueAt: night }), world(night))).toMatchObject({
      kind: 'defer',
      until: at('2026-12-06T08:00:00'),
    })
    // Email is not held back by quiet hours.
    expect(
      decide(queued({ medium: 'email', createdAt: night, dueAt: night }), world(night)),
    ).toEqual({ kind: 'send' })
  })
  it('lets a same-day activity change through quiet hours, not a next-day one', () => {
    const now = at('2026-12-05T21:30:00')
    const base = { createdAt: now, dueAt: now }
    expect(decide(queued({ ...base, eventAt: at('2026-12-05T23:00:00') }), world(now))).toEqual({
      kind: 'send',
    })
    expect(
      decide(queued({ ...base, eventAt: at('2026-12-06T09:00:00') }), world(now)),
    ).toMatchObject({ kind: 'defer', until: at('2026-12-06T08:00:00') })
  })
  it('holds a phone at its daily cap until the next morning', () => {
    const now = at('2026-12-05T15:00:00')
    const m = queued({ createdAt: now, dueAt: now })
    expect(decide(m, world(now, { sentToday: 4 }))).toEqual({ kind: 'send' })
    expect(decide(m, world(now, { sentToday: 5 }))).toMatchObject({
      kind: 'defer',
      until: at('2026-12-06T08:00:00'),
    })
    const lenient = { ...DEFAULT_SETTINGS, dailyCap: 10 }
    expect(decide(m, world(now, { sentToday: 5, settings: lenient }))).toEqual({ kind: 'send' })
  })
  it('skips, saying why: withdrawn, no provider, channel off, duplicate, stale, started', () => {
    const now = at('2026-12-05T10:00:00')
    expect(decide(queued({ consentActive: false }), world(now))).toEqual({
      kind: 'skip',
      reason: '已退订',
    })
    expect(decide(queued(), world(now, { providerOn: false }))).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('通知未开通'),
    })
    const off = { ...DEFAULT_SETTINGS, smsOn: false }
    expect(decide(queued(), world(now, { settings: off }))).toMatchObject({ kind: 'skip' })
    expect(decide(queued(), world(now, { duplicateOf: 41 }))).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('#41'),
    })
    expect(decide(queued(), world(now + 4 * 86_400_000))).toMatchObject({
      kind: 'skip',
      reason: '已过期',
    })
    expect(decide(queued({ eventAt: now - 1 }), world(now))).toMatchObject({ kind: 'skip' })
  })
  it('waits for a retry that is not due yet', () => {
    const now = at('2026-12-05T10:00:00')
    expect(decide(queued({ dueAt: now + 60_000 }), world(now))).toMatchObject({
      kind: 'defer',
      until: now + 60_000,
    })
  })
})

describe('retries', () => {
  it('back off 1 min, 5 min, 30 min, 2 h, 6 h, then fail with the provider reason', () => {
    const now = 1_000_000
    const waits: number[] = []
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const r = afterFailure(attempt, true, 'isv.BUSINESS_LIMIT_CONTROL', now)
      expect(r.kind).toBe('retry')
      if (r.kind === 'retry') waits.push(r.at - now)
    }
    expect(waits).toEqual([...BACKOFF_MS])
    expect(waits).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 21_600_000])
    expect(afterFailure(MAX_ATTEMPTS, true, 'isv.BUSINESS_LIMIT_CONTROL', now)).toEqual({
      kind: 'fail',
      reason: '多次重试仍失败：isv.BUSINESS_LIMIT_CONTROL',
    })
  })
  it('do not retry what the provider calls final', () => {
    expect(afterFailure(1, false, 'isv.MOBILE_NUMBER_ILLEGAL', 0)).toEqual({
      kind: 'fail',
      reason: 'isv.MOBILE_NUMBER_ILLEGAL',
    })
  })
})

describe('templates', () => {
  const base = {
    senderName: '慧华苑居委',
    baseUrl: 'https://jushou.example/',
  }
  it('say who sends, what happened, a link and how to stop (SMS)', () => {
    const { text, params } = renderMessage({
      ...base,
      templateKey: 'topic_accepted',
      lang: 'zh',
      medium: 'sms',
      params: { title: '12号楼楼道灯不亮', note: '物业已安排维修', link: '/t/K7Q-4MX' },
    })
    expect(text).toBe(
      '慧华苑居委：您反映的“12号楼楼道灯不亮”已受理。物业已安排维修。详情：https://jushou.example/t/K7Q-4MX 回T退订',
    )
    expect(params.link).toBe('https://jushou.example/t/K7Q-4MX')
  })
  it('in English when the resident used English; email carries the unsubscribe link', () => {
    const { text, subject } = renderMessage({
      ...base,
      templateKey: 'topic_done',
      lang: 'en',
      medium: 'email',
      params: { title: 'Lights out', link: '/t/K7Q-4MX/evaluate', unsubscribe: '/u/abc' },
    })
    expect(text).toContain(
      'your topic "Lights out" is done. Please rate it: https://jushou.example/t/K7Q-4MX/evaluate',
    )
    expect(text).toContain('Stop these messages: https://jushou.example/u/abc')
    expect(subject).toBeTruthy()
  })
  it('clip long titles, fill the session time, and use a town’s own wording', () => {
    const { text } = renderMessage({
      ...base,
      templateKey: 'waitlist_promoted',
      lang: 'zh',
      medium: 'sms',
      params: { activity: '长'.repeat(60), hold: '', link: '/r/tok' },
      eventAt: Date.parse('2026-12-06T06:00:00Z'),
    })
    expect(text).toContain(`“${'长'.repeat(39)}…”（12月6日 14:00）`)
    const custom = renderMessage({
      ...base,
      templateKey: 'form_receipt',
      lang: 'zh',
      medium: 'sms',
      params: { form: '问卷', receipt: 'R1' },
      custom: '{sender}提醒：回执 {receipt}',
    })
    expect(custom.text).toBe('慧华苑居委提醒：回执 R1 回T退订')
    expect(messageTime(Date.parse('2026-12-06T06:00:00Z'), 'en')).toBe('6 Dec 14:00')
  })
  it('dedupe key: template, record, medium and recipient', () => {
    expect(
      dedupeKey({
        templateKey: 'topic_accepted',
        subjectType: 'topic',
        subjectId: 7,
        medium: 'sms',
        recipient: '13812345678',
      }),
    ).toBe('topic_accepted|topic|7|sms|13812345678')
  })
})
