import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createDb } from '../worker/db/client'
import { batch, guard, guardedBatch } from '../worker/db/batch'
import { moveStatements } from '../worker/db/queries/topics/moves'
import { insertConsentStmt } from '../worker/db/queries/privacy/consents'
import { NOTICE_VERSION } from '../worker/domain/privacy/consent'
import { deliverMessage } from '../worker/notify/consumer'
import { notifyUpkeep } from '../worker/notify/scheduled'
import { api, createActivity, createWorld, fileTopic, testPhone } from './helpers'

// Outbox rows are written in the same batch as their cause, only with consent; a request that
// dies after its write still gets its message delivered through the sweep and the queue.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
const db = () => createDb(env.DB)
let phoneSeq = 500
const nextPhone = () => testPhone(++phoneSeq)

beforeAll(async () => {
  w = await createWorld()
})

const consent = (
  subjectType: 'topic' | 'support' | 'registration',
  subjectId: number,
  phone: string,
) =>
  batch(db(), [
    insertConsentStmt(db(), {
      townId: w.townId,
      phone,
      subjectType,
      subjectId,
      purpose: 'notify',
      medium: 'sms',
      noticeVersion: NOTICE_VERSION,
      givenVia: 'web',
      at: Date.now(),
    }),
  ])

type OutboxRow = Record<string, any>
const messagesOf = (subjectType: string, subjectId: number) =>
  env.DB.prepare('SELECT * FROM outbox WHERE subject_type = ? AND subject_id = ? ORDER BY id')
    .bind(subjectType, subjectId)
    .all<OutboxRow>()
    .then((r) => r.results)

const waitFor = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000) => {
  const until = Date.now() + ms
  let v = await read()
  while (!ok(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200))
    v = await read()
  }
  return v
}

describe('outbox rows in the same batch as the topic move', () => {
  it('a move tells the filer who opted in, with the reply and a link', async () => {
    const t = await fileTopic(w.neighborhoodIds[0], { title: '12号楼楼道灯不亮' })
    const phone = nextPhone()
    await consent('topic', t.id, phone)
    const r = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '物业已安排维修' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const [m] = await messagesOf('topic', t.id)
    expect(m).toMatchObject({
      template_key: 'topic_accepted',
      medium: 'sms',
      recipient: phone,
      town_id: w.townId,
      dedupe_key: `topic_accepted|topic|${t.id}|sms|${phone}`,
    })
    expect(JSON.parse(m.params)).toEqual({
      title: '12号楼楼道灯不亮',
      note: '物业已安排维修',
      referredTo: '',
      link: `/t/${t.trackingCode}`,
    })
  })

  it('nothing without consent, nothing after it was withdrawn', async () => {
    const t1 = await fileTopic(w.neighborhoodIds[0])
    const t2 = await fileTopic(w.neighborhoodIds[0])
    await consent('topic', t2.id, nextPhone())
    await env.DB.prepare(
      'UPDATE consents SET withdrawn_at = ? WHERE subject_id = ? AND subject_type = ?',
    )
      .bind(Date.now(), t2.id, 'topic')
      .run()
    const r = await api('/api/topics/bulk-transition', {
      cookie: w.cookies.staff,
      body: { ids: [t1.id, t2.id], to: 'declined', note: '不在本居委职责范围' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(await messagesOf('topic', t1.id)).toEqual([])
    expect(await messagesOf('topic', t2.id)).toEqual([])
  })

  it('the cause fails → no message (a stale version, an illegal move in a bulk)', async () => {
    const t = await fileTopic(w.neighborhoodIds[0])
    const done = await fileTopic(w.neighborhoodIds[0], { status: 'done' })
    await consent('topic', t.id, nextPhone())
    const stale = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '好', version: 99 },
    })
    expect(stale.status).toBe(409)
    const bulk = await api('/api/topics/bulk-transition', {
      cookie: w.cookies.staff,
      body: { ids: [t.id, done.id], to: 'accepted', note: '好' },
    })
    expect(bulk.status).toBe(409)
    expect(await messagesOf('topic', t.id)).toEqual([])
    // And at the batch itself: a guard failing after the message statement undoes it.
    const d = db()
    const failed = await guardedBatch(d, [
      ...moveStatements(
        d,
        w.users.staff,
        [t.id],
        'accepted',
        { note: '好' },
        { action: 'transition', now: Date.now() },
      ),
      guard(d, sql`1`),
    ])
    expect(failed).toBeNull()
    expect(await messagesOf('topic', t.id)).toEqual([])
    expect(
      (await env.DB.prepare('SELECT status FROM topics WHERE id = ?').bind(t.id).first())!.status,
    ).toBe('submitted')
  })

  it('supporters and filers of merged topics are told too; adopted and done follow the project', async () => {
    const t = await fileTopic(w.neighborhoodIds[0], { title: '加装电梯' })
    const supporter = nextPhone()
    const s = await env.DB.prepare(
      `INSERT INTO supports (topic_id, tracking_code, created_at) VALUES (?, 'SUP-001', ?) RETURNING id`,
    )
      .bind(t.id, Date.now())
      .first<{ id: number }>()
    await consent('support', s!.id, supporter)
    const filer = nextPhone()
    await consent('topic', t.id, filer)
    const p = await api('/api/projects', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: w.neighborhoodIds[0], title: '加装电梯项目', topicIds: [t.id] },
    })
    expect(p.status, JSON.stringify(p.body)).toBe(201)
    const done = await api(`/api/projects/${p.body.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { ...p.body, status: 'done' },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    const rows = await messagesOf('topic', t.id)
    const seen = rows.map((m) => `${m.template_key}→${m.recipient}`).sort()
    expect(seen).toEqual(
      [
        `topic_adopted→${filer}`,
        `topic_adopted→${supporter}`,
        `topic_done→${filer}`,
        `topic_done→${supporter}`,
      ].sort(),
    )
    const doneRow = rows.find((m) => m.template_key === 'topic_done')!
    expect(JSON.parse(doneRow.params).link).toBe(`/t/${t.trackingCode}/evaluate`)
  })
})

describe('waitlist promotion', () => {
  it('a cancellation that promotes tells the promoted resident, in the same batch', async () => {
    const { activity, sessions } = await createActivity(w.cookies.staff, w.neighborhoodIds[0], {
      sessions: [
        {
          label: '上午',
          startsAt: Date.now() + 2 * 86_400_000,
          endsAt: Date.now() + 2 * 86_400_000 + 3_600_000,
          capacity: 1,
          maxParty: 1,
        },
      ],
    })
    const s = sessions[0]
    const reg = async (phone: string) => {
      const r = await api('/api/registrations', {
        cookie: w.cookies.staff,
        body: { sessionId: s.id, name: '王芳', phone, partySize: 1 },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body
    }
    const first = await reg(nextPhone())
    const waitingPhone = nextPhone()
    const second = await reg(waitingPhone)
    expect(second.status).toBe('waitlisted')
    await consent('registration', second.id, waitingPhone)
    const c = await api(`/api/registrations/${first.id}/cancel`, {
      cookie: w.cookies.staff,
      body: {},
    })
    expect(c.status, JSON.stringify(c.body)).toBe(200)
    const { token } = (await env.DB.prepare('SELECT token FROM registrations WHERE id = ?')
      .bind(second.id)
      .first<{ token: string }>())!
    const [m] = await messagesOf('registration', second.id)
    expect(m).toMatchObject({
      template_key: 'waitlist_promoted',
      recipient: waitingPhone,
      event_at: s.startsAt,
    })
    expect(JSON.parse(m.params)).toMatchObject({ activity: activity.title, link: `/r/${token}` })
  })
})

describe('delivery', () => {
  it('a request that died after its write: the sweep hands the row to the queue, the consumer settles it', async () => {
    const t = await fileTopic(w.neighborhoodIds[0])
    await consent('topic', t.id, nextPhone())
    // The write alone, as a request that died before handing anything to the queue.
    const d = db()
    const now = Date.now()
    await guardedBatch(
      d,
      moveStatements(
        d,
        w.users.staff,
        [t.id],
        'accepted',
        { note: '收到' },
        { action: 'transition', now },
      ),
    )
    const [before] = await messagesOf('topic', t.id)
    expect(before).toMatchObject({ status: 'queued', enqueued_at: null })
    expect(await notifyUpkeep(env, d, Date.now())).toBeGreaterThanOrEqual(1)
    // The local queue delivers it to worker/queue.ts; with no provider configured in the tests'
    // env, the consumer says notifications are off.
    const [after] = await waitFor(
      () => messagesOf('topic', t.id),
      ([m]) => m.status !== 'queued',
    )
    expect(after.enqueued_at).not.toBeNull()
    expect(after).toMatchObject({ status: 'skipped', reason: '通知未开通：未配置服务商' })
  })

  it('a write hands the queue only the rows it wrote; a write that wrote none touches no outbox row', async () => {
    // A row a dead request left behind: only the sweep takes it.
    const stray = await fileTopic(w.neighborhoodIds[0])
    await consent('topic', stray.id, nextPhone())
    const d = db()
    await guardedBatch(
      d,
      moveStatements(
        d,
        w.users.staff,
        [stray.id],
        'accepted',
        { note: '收到' },
        { action: 'transition', now: Date.now() },
      ),
    )
    // A move that tells nobody (no consent): no hand-over, so the stray row is left alone.
    const quiet = await fileTopic(w.neighborhoodIds[0])
    const r1 = await api(`/api/topics/${quiet.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '好' },
    })
    expect(r1.status, JSON.stringify(r1.body)).toBe(200)
    // A move that tells its filer: its own row goes to the queue and is delivered.
    const told = await fileTopic(w.neighborhoodIds[0])
    await consent('topic', told.id, nextPhone())
    const r2 = await api(`/api/topics/${told.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '好' },
    })
    expect(r2.status, JSON.stringify(r2.body)).toBe(200)
    const [delivered] = await waitFor(
      () => messagesOf('topic', told.id),
      ([m]) => m?.status !== 'queued',
    )
    expect(delivered).toMatchObject({ status: 'skipped', reason: '通知未开通：未配置服务商' })
    expect(delivered.enqueued_at).not.toBeNull()
    const [left] = await messagesOf('topic', stray.id)
    expect(left).toMatchObject({ status: 'queued', enqueued_at: null })
    await env.DB.prepare("UPDATE outbox SET status = 'skipped' WHERE id = ?").bind(left.id).run()
  })

  it('a withdrawn consent stops a queued message; a settled message is left alone', async () => {
    const t = await fileTopic(w.neighborhoodIds[0])
    const phone = nextPhone()
    await consent('topic', t.id, phone)
    const d = db()
    await guardedBatch(
      d,
      moveStatements(
        d,
        w.users.staff,
        [t.id],
        'declined',
        { note: '重复' },
        { action: 'transition', now: Date.now() },
      ),
    )
    await env.DB.prepare(
      "UPDATE consents SET withdrawn_at = ? WHERE phone = ? AND purpose = 'notify'",
    )
      .bind(Date.now(), phone)
      .run()
    const [m] = await messagesOf('topic', t.id)
    expect(await deliverMessage(d, m.id, {}, { baseUrl: 'https://x', now: Date.now() })).toEqual({
      id: m.id,
      status: 'skipped',
      reason: '已退订',
    })
    expect(await deliverMessage(d, m.id, {}, { baseUrl: 'https://x', now: Date.now() })).toEqual({
      id: m.id,
      status: 'ignored',
    })
  })
})
