import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createDb } from '../worker/db/client'
import { batch, guard, guardedBatch } from '../worker/db/batch'
import { moveStatements } from '../worker/db/queries/topics/moves'
import { insertConsentStmt } from '../worker/db/queries/privacy/consents'
import { NOTICE_VERSION } from '../worker/domain/privacy/consent'
import { deliverMessage } from '../worker/notify/consumer'
import { renderMessage } from '../worker/domain/notify/templates'
import { notifyUpkeep } from '../worker/notify/scheduled'
import { BACKOFF_MS, MAX_ATTEMPTS, nextClock } from '../worker/domain/notify/rules'
import { providersFromEnv } from '../worker/lib/providers'
import { handleNotifyBatch, queue } from '../worker/queue'
import { app } from '../worker/app'
import { STANDIN } from '../scripts/lib/provider-standin.mjs'
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
    const lastPhone = nextPhone()
    const third = await reg(lastPhone)
    await consent('registration', third.id, lastPhone)
    const cancel = async (id: number) => {
      const c = await api(`/api/registrations/${id}/cancel`, { cookie: w.cookies.staff, body: {} })
      expect(c.status, JSON.stringify(c.body)).toBe(200)
    }
    await cancel(first.id)
    const { token } = (await env.DB.prepare('SELECT token FROM registrations WHERE id = ?')
      .bind(second.id)
      .first<{ token: string }>())!
    const [m] = await messagesOf('registration', second.id)
    expect(m).toMatchObject({
      template_key: 'waitlist_promoted',
      recipient: waitingPhone,
      event_at: s.startsAt,
    })
    // Someone still waits behind them: the message says the seat is kept without confirming,
    // and that cancelling hands it on (activities have no confirmation step or time limit).
    expect(JSON.parse(m.params)).toMatchObject({
      activity: activity.title,
      link: `/r/${token}`,
      hold: 'next',
    })
    const text = (params: string, lang: 'zh' | 'en') =>
      renderMessage({
        templateKey: 'waitlist_promoted',
        lang,
        medium: 'sms',
        params: JSON.parse(params),
        senderName: '居委会',
        baseUrl: 'https://x',
        eventAt: s.startsAt,
      }).text
    expect(text(m.params, 'zh')).toContain(
      '无需再确认；如不能参加，请取消，名额将递补给下一位候补。',
    )
    expect(text(m.params, 'en')).toContain('no need to confirm')
    // The last one promoted has nobody behind: nothing about handing on.
    await cancel(second.id)
    const [last] = await messagesOf('registration', third.id)
    expect(JSON.parse(last.params).hold).toBe('')
    expect(text(last.params, 'zh')).not.toContain('递补给下一位')
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

describe("delivery through the real SMS clients (the providers' local stand-in)", () => {
  const standin = inject('standin')
  const aliyunEnv = {
    ...env,
    ALIYUN_SMS_ACCESS_KEY_ID: STANDIN.aliyun.accessKeyId,
    ALIYUN_SMS_ACCESS_KEY_SECRET: STANDIN.aliyun.accessKeySecret,
    ALIYUN_SMS_SIGN_NAME: STANDIN.aliyun.signName,
    ALIYUN_SMS_ENDPOINT: standin.url,
    SMS_REPORT_KEY: 'report-key',
  }
  const tencentEnv = {
    ...env,
    TENCENT_SMS_SECRET_ID: STANDIN.tencent.secretId,
    TENCENT_SMS_SECRET_KEY: STANDIN.tencent.secretKey,
    TENCENT_SMS_SDK_APP_ID: STANDIN.tencent.sdkAppId,
    TENCENT_SMS_SIGN_NAME: STANDIN.tencent.signName,
    TENCENT_SMS_ENDPOINT: standin.url,
    SMS_REPORT_KEY: 'report-key',
  }

  beforeAll(async () => {
    // No quiet hours in this town (the test may run at night); the approved template for
    // acceptances, an unapproved one for declines.
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO notify_settings (town_id, quiet_from, quiet_to) VALUES (?, '00:00', '00:00')",
      ).bind(w.townId),
      env.DB.prepare(
        `INSERT INTO notify_templates (town_id, template_key, medium, provider_template_id)
         VALUES (?, 'topic_accepted', 'sms', ?), (?, 'topic_declined', 'sms', 'SMS_9999')`,
      ).bind(w.townId, STANDIN.templateId, w.townId),
    ])
  })

  /** A topic move written for `phone` (who opted in): its outbox row. */
  const moved = async (phone: string, to: 'accepted' | 'declined', title = '东门路灯不亮') => {
    const t = await fileTopic(w.neighborhoodIds[0], { title })
    await consent('topic', t.id, phone)
    const d = db()
    await guardedBatch(
      d,
      moveStatements(
        d,
        w.users.staff,
        [t.id],
        to,
        { note: '已派人查看' },
        {
          action: 'transition',
          now: Date.now(),
        },
      ),
    )
    const [m] = await messagesOf('topic', t.id)
    return { topic: t, message: m }
  }

  let seq = 0
  const batchOf = (id: number) =>
    createMessageBatch<{ id: number }>('jushou-notify', [
      { id: `m${++seq}`, timestamp: new Date(), attempts: 1, body: { id } },
    ])
  const row = (id: number) =>
    env.DB.prepare('SELECT * FROM outbox WHERE id = ?').bind(id).first<OutboxRow>()
  const sentTo = async (to: string) =>
    (
      (await (await fetch(`${standin.url}/_sent`)).json()) as {
        to: string
        provider: string
        params: any
      }[]
    ).filter((m) => m.to === to)
  const report = (provider: string, body: unknown, key = 'report-key') =>
    app.request(
      `/api/notifications/sms-report/${provider}?key=${key}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      aliyunEnv,
    )

  it('阿里云: the consumer sends through the client, the stand-in checks the signature, the row is sent with the BizId; the SmsReport makes it delivered', async () => {
    const phone = nextPhone()
    const { topic, message } = await moved(phone, 'accepted')
    const qb = batchOf(message.id)
    const ctx = createExecutionContext()
    await queue(qb, aliyunEnv, ctx)
    const result = await getQueueResult(qb, ctx)
    expect(result.explicitAcks).toEqual([qb.messages[0].id])
    const sent = await row(message.id)
    expect(sent).toMatchObject({ status: 'sent', provider: 'aliyun', attempts: 1, reason: null })
    expect(sent!.provider_message_id).toMatch(/\^0$/)
    const [got] = await sentTo(phone)
    expect(got).toMatchObject({
      provider: 'aliyun',
      params: {
        title: '东门路灯不亮',
        link: `${env.PUBLIC_URL}/t/${topic.trackingCode}`,
        unsubscribe: `${env.PUBLIC_URL}/u/${sent!.token}`,
      },
    })
    // The delivery report, as 阿里云 documents its body (phone masked as in their example).
    const body = [
      {
        phone_number: `${phone.slice(0, 7)}****`,
        send_time: '2026-12-05 17:00:00',
        report_time: '2026-12-05 17:00:03',
        success: true,
        err_code: 'DELIVERED',
        err_msg: '用户接收成功',
        sms_size: '1',
        biz_id: sent!.provider_message_id,
        out_id: String(message.id),
      },
    ]
    expect((await report('aliyun', body, 'wrong')).status).toBe(404)
    expect(await row(message.id)).toMatchObject({ status: 'sent' })
    const r = await report('aliyun', body)
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ code: 0, settled: 1 })
    expect(await row(message.id)).toMatchObject({
      status: 'delivered',
      delivered_at: Date.parse('2026-12-05T17:00:03+08:00'),
    })
    // Pushed again (the provider retries): nothing changes.
    expect(await (await report('aliyun', body)).json()).toMatchObject({ code: 0, settled: 0 })
  })

  it("腾讯云: sent with the SerialNo; a FAIL report makes it failed with the provider's reason; an unapproved template fails at once", async () => {
    const providers = providersFromEnv(tencentEnv)
    const phone = nextPhone()
    const { message } = await moved(phone, 'accepted', '小区停车难')
    const qb = batchOf(message.id)
    await handleNotifyBatch(qb, tencentEnv, providers)
    const sent = await row(message.id)
    expect(sent).toMatchObject({ status: 'sent', provider: 'tencent' })
    expect(sent!.provider_message_id).toMatch(/^2433:/)
    expect(await sentTo(phone)).toMatchObject([{ provider: 'tencent' }])
    // The documented callback body of 短信下发状态通知, for a message not received.
    const body = [
      {
        user_receive_time: '2026-12-05 17:01:00',
        nationcode: '86',
        mobile: phone,
        report_status: 'FAIL',
        errmsg: 'MK:0001',
        description: '用户短信接收失败',
        sid: sent!.provider_message_id,
      },
    ]
    const r = await report('tencent', body)
    expect(await r.json()).toEqual({ result: 0, errmsg: 'OK', settled: 1 })
    expect(await row(message.id)).toMatchObject({
      status: 'failed',
      reason: 'MK:0001: 用户短信接收失败',
      delivered_at: null,
    })
    // A decline's template is not approved at the provider: failed, not tried again.
    const declined = await moved(nextPhone(), 'declined')
    await handleNotifyBatch(batchOf(declined.message.id), tencentEnv, providers)
    expect(await row(declined.message.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      reason: 'FailedOperation.TemplateIncorrectOrUnapproved: 模板未审批或内容不匹配',
    })
  })

  it("a retryable provider error is tried again after each backoff, then fails with the provider's reason", async () => {
    const providers = providersFromEnv(aliyunEnv)
    const { message } = await moved(STANDIN.throttledPhone, 'accepted')
    const throttled = 'isv.BUSINESS_LIMIT_CONTROL: 触发号码天级流控Permits:10'
    let now = Date.now()
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const qb = batchOf(message.id)
      const ctx = createExecutionContext()
      await handleNotifyBatch(qb, aliyunEnv, providers, now)
      const result = await getQueueResult(qb, ctx)
      // The queue brings the message back (after the backoff: due_at below).
      expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: qb.messages[0].id })])
      expect(result.explicitAcks).toEqual([])
      const waiting = await row(message.id)
      expect(waiting).toMatchObject({ status: 'queued', attempts: attempt, reason: throttled })
      expect(waiting!.due_at).toBe(now + BACKOFF_MS[attempt - 1])
      now = waiting!.due_at
    }
    await handleNotifyBatch(batchOf(message.id), aliyunEnv, providers, now)
    expect(await row(message.id)).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      reason: `多次重试仍失败：${throttled}`,
    })
  })
})

describe('the staff digest', () => {
  it('each staff user sets their own contact; the scheduled job writes one digest a day per user who wants it', async () => {
    const put = (cookie: string, body: { medium: string; address: string; active: boolean }) =>
      api('/api/notification-staff/me', { method: 'PUT', cookie, body })
    const bad = await put(w.cookies.staff, { medium: 'sms', address: '12345', active: true })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('请填写 11 位手机号')
    const staffPhone = nextPhone()
    const saved = await put(w.cookies.staff, { medium: 'sms', address: staffPhone, active: true })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body).toMatchObject({
      medium: 'sms',
      address: staffPhone,
      active: true,
      last: null,
    })
    expect(
      (await put(w.cookies.town, { medium: 'email', address: 'town@example.org', active: true }))
        .status,
    ).toBe(200)
    // The viewer keeps a contact but does not want the digest.
    expect(
      (await put(w.cookies.viewer, { medium: 'email', address: 'v@example.org', active: false }))
        .status,
    ).toBe(200)
    await fileTopic(w.neighborhoodIds[0], { title: '新来的议题' })
    // The job's first run after 08:00 (Shanghai) that day writes the digests; later runs do not.
    const morning = nextClock(Date.now(), '09:00')
    await notifyUpkeep(env, db(), morning)
    await notifyUpkeep(env, db(), morning + 10 * 60_000)
    const digests = await env.DB.prepare(
      "SELECT subject_id AS userId, medium, recipient, params FROM outbox WHERE template_key = 'staff_digest' ORDER BY subject_id",
    ).all<Record<string, any>>()
    const byUser = new Map(digests.results.map((d) => [d.userId, d]))
    expect(byUser.get(w.users.staff.id)).toMatchObject({ medium: 'sms', recipient: staffPhone })
    expect(byUser.get(w.users.town.id)).toMatchObject({
      medium: 'email',
      recipient: 'town@example.org',
    })
    expect(byUser.has(w.users.viewer.id)).toBe(false)
    expect(digests.results).toHaveLength(2)
    const params = JSON.parse(byUser.get(w.users.staff.id)!.params)
    expect(Number(params.topics)).toBeGreaterThanOrEqual(1)
    // Before 08:00 the next day, nothing more; the next morning, the next digest.
    const later = await fileTopic(w.neighborhoodIds[0], { title: '第二天的议题' })
    await env.DB.prepare('UPDATE topics SET created_at = ? WHERE id = ?')
      .bind(morning + 3_600_000, later.id)
      .run()
    await notifyUpkeep(env, db(), nextClock(morning, '07:00'))
    await notifyUpkeep(env, db(), morning + 86_400_000)
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox WHERE template_key = 'staff_digest' AND subject_id = ?",
    )
      .bind(w.users.staff.id)
      .first('n')
    expect(count).toBe(2)
    // The admin shows the last one, with its status and words.
    const mine = await api('/api/notification-staff/me', { cookie: w.cookies.staff })
    expect(mine.body.last).toMatchObject({ medium: 'sms', text: expect.stringContaining('新议题') })
    // Staff stop it in the admin, not by replying T (which withdraws residents' consents).
    expect(mine.body.last.text).toContain('每日汇总')
    expect(mine.body.last.text).not.toContain('回T退订')
  })
})
