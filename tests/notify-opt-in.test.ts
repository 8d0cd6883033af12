import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../worker/app'
import { createDb } from '../worker/db/client'
import { guardedBatch } from '../worker/db/batch'
import { moveStatements } from '../worker/db/queries/topics/moves'
import { eraseOutboxOfPhoneStatement } from '../worker/db/queries/notify/outbox'
import { isStopReply } from '../worker/domain/notify/replies'
import { NOTICE_VERSION } from '../worker/domain/privacy/consent'
import { api, createActivity, createWorld, testPhone } from './helpers'
import {
  clientAddress,
  getPage,
  inputValue,
  postPage,
  receiptCode,
  residentCategory,
  residentChannel,
  residentTopic,
} from './pages-fixtures'

// 有进展时短信通知我: a separate, unticked choice beside the phone that records a consent for
// that purpose only; every message can be stopped (the link, an SMS reply 'T'), and stopping is
// recorded.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let channel: { id: number; code: string }
let categoryId: number
beforeAll(async () => {
  w = await createWorld()
  channel = await residentChannel(w.neighborhoodIds[0])
  categoryId = await residentCategory()
})

let n = 700
const phone = () => testPhone(++n)

const file = async (fields: Record<string, string>, query = '') => {
  const form = await getPage(`/q/${channel.code}${query}`)
  return postPage(
    `/q/${channel.code}${query}`,
    {
      key: inputValue(form.text, 'key')!,
      title: `路灯坏了${n}`,
      details: '',
      categoryId: String(categoryId),
      where: '',
      name: '',
      // Past the look-alike step: these titles look alike on purpose.
      confirmed: '1',
      ...fields,
    },
    clientAddress(),
  )
}

const topicOf = (code: string) =>
  env.DB.prepare('SELECT id FROM topics WHERE tracking_code = ?')
    .bind(code)
    .first<{ id: number }>()
    .then((r) => r!.id)
const consentsOf = (subjectType: string, id: number) =>
  env.DB.prepare('SELECT * FROM consents WHERE subject_type = ? AND subject_id = ? ORDER BY id')
    .bind(subjectType, id)
    .all<Record<string, any>>()
    .then((r) => r.results)

describe('the opt-in on the needs form', () => {
  it('is a separate, unticked choice', async () => {
    const r = await getPage(`/q/${channel.code}`)
    expect(r.text).toMatch(/<input id="f-notify" type="checkbox" name="notify" value="1"[^>]*\/>/)
    expect(r.text).not.toMatch(/name="notify" value="1" checked/)
    expect(r.text).toContain('有进展时短信通知我')
  })

  it('ticked with a phone: a notify consent for this topic only, with the notice version', async () => {
    const p = phone()
    const r = await file({ phone: p, consent: '1', notify: '1' })
    expect(r.status, r.text).toBe(200)
    const id = await topicOf(receiptCode(r.text)!)
    // The contact consent is privacy's; the notify one is separate.
    const rows = (await consentsOf('topic', id)).filter((c) => c.purpose === 'notify')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      town_id: w.townId,
      phone: p,
      purpose: 'notify',
      medium: 'sms',
      notice_version: NOTICE_VERSION,
      given_via: 'web',
      withdrawn_at: null,
    })
    expect(
      await env.DB.prepare(
        "SELECT count(*) AS n FROM notify_langs WHERE subject_type = 'topic' AND subject_id = ?",
      )
        .bind(id)
        .first('n'),
    ).toBe(0)
  })

  it('not ticked: no notify consent (the phone alone is no opt-in); in English, the language is kept', async () => {
    const r = await file({ phone: phone(), consent: '1' })
    const id = await topicOf(receiptCode(r.text)!)
    expect((await consentsOf('topic', id)).filter((c) => c.purpose === 'notify')).toEqual([])
    const en = await file({ phone: phone(), consent: '1', notify: '1' }, '?lang=en')
    expect(en.status, en.text).toBe(200)
    const enId = await topicOf(receiptCode(en.text)!)
    expect(
      await env.DB.prepare(
        "SELECT lang FROM notify_langs WHERE subject_type = 'topic' AND subject_id = ?",
      )
        .bind(enId)
        .first('lang'),
    ).toBe('en')
  })

  it('ticked without a phone: says so in words, keeps what was typed, files nothing', async () => {
    const r = await file({ notify: '1', title: '东门积水' })
    expect(r.status).toBe(400)
    expect(r.text).toContain('要接收短信通知，请填写手机号')
    expect(r.text).toMatch(/name="notify" value="1" checked/)
    expect(r.text).toContain('东门积水')
  })
})

describe('the opt-in on activity registration', () => {
  it('records a consent on the registration; without it, none', async () => {
    const { activity, sessions } = await createActivity(w.cookies.staff, w.neighborhoodIds[0])
    const form = await getPage(`/a/${activity.slug}/s/${sessions[0].id}`)
    expect(form.text).toContain('name="notify"')
    const post = async (fields: Record<string, string>) => {
      const page = await getPage(`/a/${activity.slug}/s/${sessions[0].id}`)
      return postPage(
        `/a/${activity.slug}/s/${sessions[0].id}`,
        { key: inputValue(page.text, 'key')!, name: '李华', partySize: '1', ...fields },
        clientAddress(),
      )
    }
    const yes = phone()
    expect((await post({ phone: yes, notify: '1' })).status).toBe(303)
    const no = phone()
    expect((await post({ phone: no })).status).toBe(303)
    const regs = await env.DB.prepare(
      `SELECT r.phone, (SELECT count(*) FROM consents c WHERE c.subject_type = 'registration'
         AND c.subject_id = r.id AND c.purpose = 'notify' AND c.medium = 'sms') AS n
       FROM registrations r WHERE r.session_id = ? ORDER BY r.id`,
    )
      .bind(sessions[0].id)
      .all<{ phone: string; n: number }>()
    expect(regs.results).toEqual([
      { phone: yes, n: 1 },
      { phone: no, n: 0 },
    ])
  })
})

describe('the opt-in on a "me too" (附议 with the optional phone)', () => {
  it('is offered unticked; ticked, the supporter gets the topic messages as the filer does; the latest answer stands', async () => {
    const { slug } = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
      .bind(w.neighborhoodIds[0])
      .first<{ slug: string }>())!
    const topic = await residentTopic(w.neighborhoodIds[0], {
      status: 'accepted',
      title: '垃圾房异味',
    })
    const support = async () => {
      const r = await postPage(
        `/b/${slug}/support`,
        { key: crypto.randomUUID(), topicId: String(topic.id) },
        clientAddress(),
      )
      expect(r.status, r.text).toBe(200)
      return r
    }
    const tick = await support()
    expect(tick.text).toMatch(
      /<input id="f-notify" type="checkbox" name="notify" value="1"[^>]*\/>/,
    )
    expect(tick.text).not.toMatch(/name="notify" value="1" checked/)
    const code = receiptCode(tick.text)!
    const other = receiptCode((await support()).text)!
    const yes = phone()
    const no = phone()
    const leave = (fields: Record<string, string>) =>
      postPage('/me/support-phone', fields, clientAddress())
    expect((await leave({ code, phone: yes, notify: '1' })).status).toBe(200)
    expect((await leave({ code: other, phone: no })).status).toBe(200)
    const notifyConsents = (p: string) =>
      env.DB.prepare(
        "SELECT * FROM consents WHERE phone = ? AND purpose = 'notify' AND subject_type = 'support' ORDER BY id",
      )
        .bind(p)
        .all<Record<string, any>>()
        .then((r) => r.results)
    const [c] = await notifyConsents(yes)
    expect(c).toMatchObject({
      town_id: w.townId,
      medium: 'sms',
      notice_version: NOTICE_VERSION,
      given_via: 'web',
      withdrawn_at: null,
    })
    expect(await notifyConsents(no)).toEqual([])
    // The topic moves: the supporter who opted in is told, the other is not.
    const r = await api(`/api/topics/${topic.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'declined', note: '已转物业处理' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const told = await env.DB.prepare(
      "SELECT recipient, template_key AS t FROM outbox WHERE subject_type = 'topic' AND subject_id = ?",
    )
      .bind(topic.id)
      .all()
    expect(told.results).toEqual([{ recipient: yes, t: 'topic_declined' }])
    // Left again without the tick: the consent is withdrawn (via the web).
    expect((await leave({ code, phone: yes })).status).toBe(200)
    expect(await notifyConsents(yes)).toMatchObject([
      { withdrawn_at: expect.any(Number), withdrawn_via: 'web' },
    ])
  })
})

/** A topic filed with the opt-in and moved, so that a message waits for `p`. */
const messageFor = async (p: string) => {
  const r = await file({ phone: p, consent: '1', notify: '1' })
  const id = await topicOf(receiptCode(r.text)!)
  const db = createDb(env.DB)
  await guardedBatch(
    db,
    moveStatements(
      db,
      w.users.staff,
      [id],
      'accepted',
      { note: '收到' },
      { action: 'transition', now: Date.now() },
    ),
  )
  return (await env.DB.prepare(
    "SELECT * FROM outbox WHERE subject_type = 'topic' AND subject_id = ?",
  )
    .bind(id)
    .first<Record<string, any>>())!
}

describe('stopping', () => {
  it('the link: GET changes nothing, POST withdraws (via link) and skips what waits', async () => {
    const p = phone()
    const m = await messageFor(p)
    const page = await getPage(`/u/${m.token}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain(`${p.slice(0, 3)}****${p.slice(-4)}`)
    expect(page.text).not.toContain(p)
    expect(
      await env.DB.prepare('SELECT withdrawn_at FROM consents WHERE phone = ?')
        .bind(p)
        .first('withdrawn_at'),
    ).toBeNull()
    const stop = await postPage(`/u/${m.token}`, {})
    expect(stop.status).toBe(200)
    expect(stop.text).toContain('已为您退订')
    const c = await env.DB.prepare(
      "SELECT withdrawn_at, withdrawn_via FROM consents WHERE phone = ? AND purpose = 'notify'",
    )
      .bind(p)
      .first<Record<string, any>>()
    expect(c!.withdrawn_at).toBeGreaterThan(0)
    expect(c!.withdrawn_via).toBe('link')
    expect(
      await env.DB.prepare('SELECT status, reason FROM outbox WHERE id = ?').bind(m.id).first(),
    ).toMatchObject({
      status: expect.stringMatching(/^(skipped)$/),
    })
    expect((await getPage('/u/0123456789abcdef0123456789abcdef')).status).toBe(404)
  })

  it('an SMS reply T forwarded by the provider withdraws (via sms_reply); without the key, no endpoint', async () => {
    const p = phone()
    await messageFor(p)
    const send = (body: unknown, key: string | undefined, query = '?key=reply-key') =>
      app.request(
        `/api/notifications/sms-reply${query}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
        { ...env, SMS_REPLY_KEY: key },
      )
    expect((await send({ mobile: p, text: 'T' }, undefined)).status).toBe(404)
    expect((await send({ mobile: p, text: 'T' }, 'reply-key', '?key=wrong')).status).toBe(404)
    // A reply that is not a stop word changes nothing.
    const other = await send([{ mobile: p, text: '谢谢' }], 'reply-key')
    expect(await other.json()).toMatchObject({ result: 0, withdrawn: 0 })
    // Tencent's shape, with +86 and a full-width Ｔ.
    const r = await send(
      [{ mobile: `+86${p}`, nationcode: '86', text: ' Ｔ ', time: 1 }],
      'reply-key',
    )
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ result: 0, withdrawn: 1 })
    const c = await env.DB.prepare(
      "SELECT withdrawn_via FROM consents WHERE phone = ? AND purpose = 'notify'",
    )
      .bind(p)
      .first('withdrawn_via')
    expect(c).toBe('sms_reply')
    expect(isStopReply('退订')).toBe(true)
    expect(isStopReply('td')).toBe(true)
    expect(isStopReply('好的')).toBe(false)
  })

  it('a deletion erases the phone from the outbox (for privacy)', async () => {
    const p = phone()
    const m = await messageFor(p)
    const db = createDb(env.DB)
    await guardedBatch(db, [eraseOutboxOfPhoneStatement(db, p, Date.now())])
    const after = await env.DB.prepare('SELECT recipient, params, status FROM outbox WHERE id = ?')
      .bind(m.id)
      .first<Record<string, any>>()
    expect(after).toMatchObject({ recipient: '', params: '{}', status: 'skipped' })
  })
})

describe('staff see each message on its record', () => {
  it('the history of a topic, the phone masked for every role; the failed view filters by status', async () => {
    const p = phone()
    const m = await messageFor(p)
    const q = encodeURIComponent(JSON.stringify({ subjectType: 'topic', subjectId: m.subject_id }))
    const staff = await api(`/api/messages?filter=${q}`, { cookie: w.cookies.staff })
    expect(staff.status, JSON.stringify(staff.body)).toBe(200)
    expect(staff.body).toEqual([
      expect.objectContaining({
        id: m.id,
        recipient: `${p.slice(0, 3)}****${p.slice(-4)}`,
        templateKey: 'topic_accepted',
      }),
    ])
    const viewer = await api(`/api/messages?filter=${q}`, { cookie: w.cookies.viewer })
    expect(viewer.body[0].recipient).toBe(`${p.slice(0, 3)}****${p.slice(-4)}`)
    const bySort = await api(`/api/messages?sort=${encodeURIComponent('["recipient","ASC"]')}`, {
      cookie: w.cookies.viewer,
    })
    expect(bySort.status).toBe(400)
    const failed = await api(`/api/messages?filter=${encodeURIComponent('{"status":"failed"}')}`, {
      cookie: w.cookies.staff,
    })
    expect(failed.status).toBe(200)
    expect(failed.body.every((r: any) => r.status === 'failed')).toBe(true)
  })
})
