import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../worker/db/client'
import { purgePreview, runRetention } from '../worker/db/queries/privacy/retention'
import { anonymisedAnswers, retentionPolicy } from '../worker/domain/privacy/retention'
import { createTown, testPhone } from './helpers'
import {
  activityEnding,
  attendee,
  contactTopic,
  DAY,
  formClosing,
  formResponse,
  purgeLog,
  registration,
  row,
  volunteer,
} from './privacy-fixtures'

// Retention that runs (#17 point 1): each rule in time travel — insert, run the job at a later
// clock, assert what is gone, what statistics remain, and the purge log.

const db = () => createDb(env.DB)
const policy = retentionPolicy({})
const T0 = Date.now()
let town: Awaited<ReturnType<typeof createTown>>
let nb: number

beforeAll(async () => {
  town = await createTown(1)
  nb = town.neighborhoodIds[0]!
})

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n

describe('the policy', () => {
  it('has safe defaults, takes whole numbers within bounds, and ignores anything else', () => {
    expect(policy.topic_contact).toMatchObject({ amount: 365, unit: 'days' })
    expect(policy.registration.amount).toBe(183)
    expect(policy.child.amount).toBe(30)
    expect(policy.rate_limit).toMatchObject({ amount: 48, unit: 'hours' })
    const set = retentionPolicy({
      RETENTION_CHILD_DAYS: '14',
      RETENTION_TOPIC_CONTACT_DAYS: '0',
      RETENTION_REGISTRATION_DAYS: '-5',
      RETENTION_FORM_DAYS: '90 days',
      RETENTION_RATE_LIMIT_HOURS: '2', // below the sign-in backoff's 24 h: kept at the default
    })
    expect(set.child.ms).toBe(14 * DAY)
    expect(set.topic_contact.amount).toBe(365)
    expect(set.registration.amount).toBe(183)
    expect(set.form_response.amount).toBe(365)
    expect(set.rate_limit.amount).toBe(48)
  })
  it('keeps the answers that count and identify nobody', () => {
    const fields = [
      { key: 'n', type: 'text' },
      { key: 'q', type: 'single' },
      { key: 'm', type: 'multiple' },
      { key: 'b', type: 'building' },
      { key: 'h', type: 'single', sensitive: true },
    ]
    expect(
      anonymisedAnswers(fields, { n: '王', q: 'a', m: ['x'], b: { room: '301' }, h: '过敏' }),
    ).toEqual({
      q: 'a',
      m: ['x'],
    })
  })
})

describe('the scheduled job erases what is due, and only that', () => {
  it('topic contact details: a year after the topic is final; the topic and its counts stay', async () => {
    const phone = testPhone(501)
    const old = await contactTopic(nb, phone, T0 - 10 * DAY)
    const open = await contactTopic(nb, phone, null)
    const before = await count('SELECT COUNT(*) AS n FROM topics WHERE neighborhood_id = ?', nb)

    const early = T0 + 300 * DAY
    await runRetention(db(), policy, early)
    expect(await row('topics', old.id)).toMatchObject({ submitter_phone: phone, purged_at: null })

    const later = T0 + 356 * DAY
    const done = await runRetention(db(), policy, later)
    expect(done.topic_contact).toBe(1)
    expect(await row('topics', old.id)).toMatchObject({
      submitter_name: null,
      submitter_phone: null,
      purged_at: later,
      status: 'done',
      tracking_code: old.code,
    })
    // Open topics keep their contact: the matter is not over.
    expect(await row('topics', open.id)).toMatchObject({ submitter_phone: phone })
    expect(await count('SELECT COUNT(*) AS n FROM topics WHERE neighborhood_id = ?', nb)).toBe(
      before,
    )
    // The consent stays as proof, without the phone.
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM consents WHERE subject_type = 'topic' AND subject_id = ? AND phone IS NULL",
        old.id,
      ),
    ).toBe(1)
    expect(await purgeLog(later)).toContainEqual({ kind: 'topic_contact', count: 1 })
  })

  it('registrations: six months after the session; statuses and headcounts stay; volunteers keep their hours', async () => {
    const act = await activityEnding(nb, T0 - DAY)
    const a = await registration(act, testPhone(511))
    const b = await registration(act, testPhone(512), 'no_show')
    const vPhone = testPhone(513)
    await volunteer(nb, vPhone)
    const v = await registration(act, vPhone)
    const at = T0 + 183 * DAY
    const done = await runRetention(db(), policy, at)
    expect(done.registration).toBe(2)
    expect(await row('registrations', a)).toMatchObject({
      name: '',
      phone: `#${a}`,
      answers: '{}',
      status: 'checked_in',
      party_size: 2,
      purged_at: at,
    })
    expect(await row('registrations', b)).toMatchObject({ status: 'no_show', purged_at: at })
    expect(await row('registrations', v)).toMatchObject({ phone: vPhone, purged_at: null })
    expect(
      await count(
        "SELECT SUM(party_size) AS n FROM registrations WHERE session_id = ? AND status = 'checked_in'",
        act.sessionId,
      ),
    ).toBe(4)
  })

  it('form responses: the form’s own period after it closes; phone and free text go, the tallies stay', async () => {
    const closes = T0 - DAY
    const own = await formClosing(town.townId, closes, { retentionDays: 30 })
    const dflt = await formClosing(town.townId, closes)
    const r1 = await formResponse(own, testPhone(521), closes - DAY, '满意')
    const r2 = await formResponse(own, testPhone(522), closes - DAY, '不满意')
    const r3 = await formResponse(dflt, testPhone(523), closes - DAY)
    const at = T0 + 30 * DAY
    const done = await runRetention(db(), policy, at)
    expect(done.form_response).toBe(2)
    const purged = await row<{ answers: string; phone: string | null; purged_at: number }>(
      'form_responses',
      r1,
    )
    expect(purged.phone).toBeNull()
    expect(JSON.parse(purged.answers)).toEqual({ q: '满意', stars: 4 })
    expect(JSON.parse((await row<{ answers: string }>('form_responses', r2)).answers).q).toBe(
      '不满意',
    )
    expect(await row('form_responses', r3)).toMatchObject({
      phone: testPhone(523),
      purged_at: null,
    })
    // The default period (a year) for the other form.
    const later = T0 + 366 * DAY
    expect((await runRetention(db(), policy, later)).form_response).toBe(1)
    expect(await row('form_responses', r3)).toMatchObject({ phone: null, purged_at: later })
  })

  it('children’s data: 30 days after the activity, everything of the child and guardian', async () => {
    const act = await activityEnding(nb, T0 - DAY, { forChildren: true })
    const r = await registration(act, testPhone(531), 'checked_in', { name: '小明', age: '三年级' })
    await runRetention(db(), policy, T0 + 20 * DAY)
    expect(await row('registrations', r)).toMatchObject({ child_name: '小明' })
    const at = T0 + 29 * DAY
    expect((await runRetention(db(), policy, at)).child).toBe(1)
    expect(await row('registrations', r)).toMatchObject({
      name: '',
      child_name: null,
      child_age: null,
      guardian_relation: null,
      status: 'checked_in',
    })
    expect(await purgeLog(at)).toContainEqual({ kind: 'child', count: 1 })
  })

  it('meeting sign-ins: a year after the meeting; the attendance count stays', async () => {
    const id = await attendee(nb, T0 - DAY, testPhone(541))
    const at = T0 + 365 * DAY
    expect((await runRetention(db(), policy, at)).meeting_attendee).toBeGreaterThanOrEqual(1)
    expect(await row('meeting_attendees', id)).toMatchObject({ name: null, phone: null })
  })

  it('sessions, one-time codes, rate-limit rows and resend keys: deleted after hours or days', async () => {
    const user = await env.DB.prepare(
      `INSERT INTO users (username, display_name, role, password_hash, password_salt,
         password_iterations, created_at, updated_at) VALUES ('ret-u', '某', 'staff', 'x', 'y', 1, ?, ?) RETURNING id`,
    )
      .bind(T0, T0)
      .first<{ id: number }>()
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, user_agent)
         VALUES ('ret-s', ?, ?, ?, ?, 'Firefox')`,
      ).bind(user!.id, T0, T0, T0 + DAY),
      env.DB.prepare(
        "INSERT INTO rate_limits (key, window_start, count) VALUES ('ret:203.0.113.9', ?, 3)",
      ).bind(T0),
      env.DB.prepare(
        "INSERT INTO phone_codes (phone, salt, code_hash, created_at, expires_at) VALUES ('13900000999', 's', 'h', ?, ?)",
      ).bind(T0, T0 + 600_000),
      env.DB.prepare(
        "INSERT INTO idempotency_keys (key, scope, status, body, created_at) VALUES ('ret-k', 'needs', 200, '{}', ?)",
      ).bind(T0),
    ])
    const gone = async () => ({
      session: await count("SELECT COUNT(*) AS n FROM sessions WHERE id = 'ret-s'"),
      rate: await count("SELECT COUNT(*) AS n FROM rate_limits WHERE key = 'ret:203.0.113.9'"),
      key: await count("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = 'ret-k'"),
      code: await count("SELECT COUNT(*) AS n FROM phone_codes WHERE phone = '13900000999'"),
    })
    await runRetention(db(), policy, T0 + 23 * 3600_000)
    expect(await gone()).toEqual({ session: 1, rate: 1, key: 1, code: 1 })
    await runRetention(db(), policy, T0 + 47 * 3600_000)
    expect(await gone()).toEqual({ session: 1, rate: 1, key: 1, code: 0 })
    await runRetention(db(), policy, T0 + 72 * 3600_000)
    expect(await gone()).toEqual({ session: 1, rate: 0, key: 0, code: 0 })
    const at = T0 + 31 * DAY
    await runRetention(db(), policy, at)
    expect(await gone()).toEqual({ session: 0, rate: 0, key: 0, code: 0 })
    expect(await purgeLog(at)).toContainEqual({ kind: 'session', count: 1 })
  })

  it('works in bounded batches and says what is due next', async () => {
    const act = await activityEnding(nb, T0 - 2 * DAY)
    for (let i = 0; i < 5; i++) await registration(act, testPhone(600 + i))
    const preview = await purgePreview(db(), policy, T0 + 160 * DAY)
    expect(preview.find((p) => p.kind === 'registration')).toMatchObject({ dueNow: 0 })
    expect(preview.find((p) => p.kind === 'registration')!.dueSoon).toBeGreaterThanOrEqual(5)
    const due = await purgePreview(db(), policy, T0 + 200 * DAY)
    expect(due.find((p) => p.kind === 'registration')!.dueNow).toBeGreaterThanOrEqual(5)
    await runRetention(db(), policy, T0 + 200 * DAY)
    const after = await purgePreview(db(), policy, T0 + 200 * DAY)
    expect(after.every((p) => p.dueNow === 0)).toBe(true)
  })
})
