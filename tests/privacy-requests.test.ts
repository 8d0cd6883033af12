import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays, workingDaysLeft } from '../worker/domain/privacy/working-days'
import { sql } from 'drizzle-orm'
import { api, createWorld, testPhone } from './helpers'
import { getPage, postPage } from './pages-fixtures'
import { createDb } from '../worker/db/client'
import { batch } from '../worker/db/batch'
import { openSession } from '../worker/db/queries/verification/sessions'
import { topicMessagesStatement } from '../worker/db/queries/notify/outbox'
import {
  activityEnding,
  attendee,
  contactTopic,
  DAY,
  formClosing,
  formResponse,
  registration,
  row,
  volunteer,
} from './privacy-fixtures'

// Access and deletion on request (#17 point 4), and who saw what (point 6): the 15-working-day
// deadline, a copy of everything under a phone, the deletion across every table leaving
// anonymous rows and log entries, revealing one phone with a purpose (logged), children's
// records revealed only to the activity's staff, and the access log by staff member and resident.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number

beforeAll(async () => {
  w = await createWorld()
  n1 = w.neighborhoodIds[0]!
})

// Shanghai wall-clock time as epoch ms.
const sh = (y: number, m: number, d: number, h = 10) => Date.UTC(y, m - 1, d, h - 8)

describe('15 working days', () => {
  it('skip weekends and end at the last millisecond of the Shanghai day', () => {
    // Friday 4 Dec 2026 → Monday 7 … Friday 25 Dec is the 15th working day.
    expect(addWorkingDays(sh(2026, 12, 4), 15)).toBe(sh(2026, 12, 26, 0) - 1)
    // Received on a Saturday: the count starts on Monday; the 15th is Friday 25 Dec again.
    expect(addWorkingDays(sh(2026, 12, 5), 15)).toBe(sh(2026, 12, 26, 0) - 1)
    // Late on a Sunday night in Shanghai (still Sunday in UTC+8, Saturday afternoon in UTC).
    expect(addWorkingDays(sh(2026, 12, 6, 23), 1)).toBe(sh(2026, 12, 8, 0) - 1)
    // Monday → 5 working days later is the next Monday.
    expect(addWorkingDays(sh(2026, 12, 7), 5)).toBe(sh(2026, 12, 15, 0) - 1)
    const due = addWorkingDays(sh(2026, 12, 4), 15)
    expect(workingDaysLeft(due, sh(2026, 12, 4))).toBe(15)
    expect(workingDaysLeft(due, sh(2026, 12, 25))).toBe(0)
    expect(workingDaysLeft(due, sh(2026, 12, 28))).toBe(-1)
  })
})

describe('requests for a copy and for deletion', () => {
  it('staff file a request verified at the committee, with its deadline; the copy holds everything under the phone', async () => {
    const phone = testPhone(701)
    const topic = await contactTopic(n1, phone, null)
    const filed = await api('/api/privacy/requests', {
      cookie: w.cookies.staff,
      body: { phone: '139 0000 0701', kind: 'copy', note: '本人持身份证到居委会' },
    })
    expect(filed.status, JSON.stringify(filed.body)).toBe(201)
    // The queue shows the phone masked (#17.6); the copy and the erasure go by the request's id.
    expect(filed.body).toMatchObject({
      phone: '139****0701',
      phoneHint: '139****0701',
      kind: 'copy',
      status: 'open',
      verifiedVia: 'committee',
    })
    expect(filed.body.dueAt).toBe(addWorkingDays(filed.body.receivedAt, 15))
    const list = await api('/api/privacy/requests', { cookie: w.cookies.staff })
    expect(list.body.map((r: { id: number }) => r.id)).toContain(filed.body.id)
    expect(JSON.stringify(list.body)).not.toContain(phone)
    const copy = await api(`/api/privacy/requests/${filed.body.id}/copy`, {
      cookie: w.cookies.staff,
    })
    expect(copy.status).toBe(200)
    expect(copy.body.topics).toEqual([expect.objectContaining({ id: topic.id, phone })])
    expect(copy.body.consents).toEqual([expect.objectContaining({ purpose: 'contact' })])
    expect(
      (await api(`/api/privacy/requests/${filed.body.id}`, { cookie: w.cookies.staff })).body,
    ).toMatchObject({
      status: 'done',
    })
    // A viewer cannot file or read requests.
    expect((await api('/api/privacy/requests', { cookie: w.cookies.viewer })).status).toBe(403)
  })

  it('a deletion erases the phone across every table, leaving anonymous rows and log entries', async () => {
    const phone = testPhone(702)
    const other = testPhone(703)
    const topic = await contactTopic(n1, phone, null)
    const keep = await contactTopic(n1, other, null)
    const act = await activityEnding(n1, Date.now() + 5 * DAY)
    const reg = await registration(act, phone, 'confirmed')
    const kid = await activityEnding(n1, Date.now() + 5 * DAY, { forChildren: true })
    const child = await registration(kid, phone, 'confirmed', { name: '小红', age: '7岁' })
    const form = await formClosing(w.townId, null)
    const resp = await formResponse(form, phone, Date.now())
    const vol = await volunteer(n1, phone)
    const att = await attendee(n1, Date.now(), phone)
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO supports (topic_id, tracking_code, source, phone, created_at) VALUES (?, 'S2P-702', 'support', ?, ?)`,
      ).bind(keep.id, phone, Date.now()),
      env.DB.prepare(
        'INSERT INTO verified_phones (phone, verified_at, verified_via) VALUES (?, ?, ?)',
      ).bind(phone, Date.now(), 'staff'),
    ])
    // Messages (notify's outbox): one waiting, one sent to the phone, one to someone else.
    const message = (to: string, status: string) =>
      env.DB.prepare(
        `INSERT INTO outbox (medium, recipient, template_key, subject_type, subject_id, params,
           dedupe_key, token, status, created_at, due_at)
         VALUES ('sms', ?, 'topic_accepted', 'topic', ?, '{"title":"楼道灯不亮"}', ?, ?, ?, ?, ?)
         RETURNING id`,
      )
        .bind(
          to,
          topic.id,
          `d-${to}-${status}`,
          `tok-${to}-${status}`,
          status,
          Date.now(),
          Date.now(),
        )
        .first<{ id: number }>()
        .then((r) => r!.id)
    const waiting = await message(phone, 'queued')
    const sent = await message(phone, 'sent')
    const others = await message(other, 'queued')
    const filed = await api('/api/privacy/requests', {
      cookie: w.cookies.staff,
      body: { phone, kind: 'deletion' },
    })
    // Staff file; the town coordinator carries it out.
    expect(
      (
        await api(`/api/privacy/requests/${filed.body.id}/erase`, {
          method: 'POST',
          cookie: w.cookies.staff,
        })
      ).status,
    ).toBe(403)
    const done = await api(`/api/privacy/requests/${filed.body.id}/erase`, {
      method: 'POST',
      cookie: w.cookies.town,
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.result).toMatchObject({
      topics: 1,
      supports: 1,
      registrations: 2,
      form_responses: 1,
      volunteers: 1,
      meeting_attendees: 1,
      consents: 1,
      verified_phones: 1,
      outbox: 2,
    })
    expect(done.body).toMatchObject({ status: 'done', phone: null, phoneHint: '139****0702' })

    expect(await row('topics', topic.id)).toMatchObject({
      submitter_phone: null,
      submitter_name: null,
      tracking_code: topic.code,
    })
    expect(await row('topics', keep.id)).toMatchObject({ submitter_phone: other })
    expect(await row('registrations', reg)).toMatchObject({
      name: '',
      phone: `#${reg}`,
      status: 'confirmed',
    })
    expect(await row('registrations', child)).toMatchObject({
      child_name: null,
      child_age: null,
      guardian_relation: null,
    })
    const r = await row<{ phone: string | null; answers: string }>('form_responses', resp)
    expect(r.phone).toBeNull()
    expect(JSON.parse(r.answers)).toEqual({ q: '满意', stars: 4 })
    expect(await row('volunteers', vol)).toMatchObject({ name: '', note: '' })
    expect(await row('meeting_attendees', att)).toMatchObject({ name: null, phone: null })
    expect(await row('outbox', waiting)).toMatchObject({
      recipient: '',
      params: '{}',
      status: 'skipped',
    })
    expect(await row('outbox', sent)).toMatchObject({ recipient: '', status: 'sent' })
    expect(await row('outbox', others)).toMatchObject({ recipient: other, status: 'queued' })
    const left = async (sql: string) =>
      (await env.DB.prepare(sql).bind(phone).first<{ n: number }>())!.n
    for (const table of [
      'consents',
      'verified_phones',
      'supports',
      'registrations',
      'volunteers',
      'form_responses',
      'meeting_attendees',
    ])
      expect(await left(`SELECT COUNT(*) AS n FROM ${table} WHERE phone = ?`), table).toBe(0)
    expect(await left('SELECT COUNT(*) AS n FROM outbox WHERE recipient = ?')).toBe(0)
    expect(await left('SELECT COUNT(*) AS n FROM topics WHERE submitter_phone = ?')).toBe(0)
    expect(await left('SELECT COUNT(*) AS n FROM privacy_requests WHERE phone = ?')).toBe(0)
    // The log: purge_log and the audit entry.
    expect(
      await env.DB.prepare('SELECT kind, count FROM purge_log WHERE request_id = ?')
        .bind(filed.body.id)
        .first(),
    ).toEqual({ kind: 'request', count: 11 })
    const byResident = await api(`/api/privacy/access-log?phone=${phone}`, {
      cookie: w.cookies.admin,
    })
    expect(byResident.body.map((e: { action: string }) => e.action)).toContain('erase')
    // Done is done.
    expect(
      (
        await api(`/api/privacy/requests/${filed.body.id}/erase`, {
          method: 'POST',
          cookie: w.cookies.town,
        })
      ).status,
    ).toBe(409)
  })
})

describe('revealing a phone', () => {
  it('every staff list and record shows the phone masked, to an administrator too; a reveal shows one record’s and is logged with its purpose', async () => {
    const phone = testPhone(731)
    const masked = '139****0731'
    const topic = await contactTopic(n1, phone, null)
    const act = await activityEnding(n1, Date.now() + 5 * DAY)
    const reg = await registration(act, phone, 'confirmed')
    const vol = await volunteer(n1, phone)
    const att = await attendee(n1, Date.now(), phone)
    const meetingId = (await row<{ meeting_id: number }>('meeting_attendees', att))!.meeting_id
    const form = await formClosing(w.townId, null)
    // The staff member's own neighborhood's survey (a town-wide one is the town's to read).
    await env.DB.prepare('UPDATE forms SET neighborhood_id = ? WHERE id = ?').bind(n1, form).run()
    const resp = await formResponse(form, phone, Date.now())
    const filter = (f: object) => encodeURIComponent(JSON.stringify(f))
    const reads = [
      `/api/topics/${topic.id}`,
      `/api/topics?filter=${filter({ id: [topic.id] })}`,
      `/api/registrations/${reg}`,
      `/api/registrations?filter=${filter({ activityId: act.activityId })}`,
      `/api/volunteers/${vol}`,
      `/api/volunteers?filter=${filter({ id: [vol] })}`,
      `/api/meetings/${meetingId}/attendees`,
      `/api/form-responses/${resp}`,
      `/api/form-responses?filter=${filter({ formId: form })}`,
    ]
    for (const cookie of [w.cookies.admin, w.cookies.staff])
      for (const path of reads) {
        const r = await api(path, { cookie })
        expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(200)
        const text = JSON.stringify(r.body)
        expect(text, path).toContain(masked)
        expect(text, path).not.toContain(phone)
      }
    // Staff still find the registration and the volunteer by the phone's last digits.
    const found = await api(
      `/api/registrations?filter=${filter({ activityId: act.activityId, q: '0731' })}`,
      { cookie: w.cookies.staff },
    )
    expect(found.body.map((r: { id: number }) => r.id)).toEqual([reg])

    const revealed: [string, number, string][] = [
      ['topics', topic.id, 'callback'],
      ['registrations', reg, 'activity'],
      ['volunteers', vol, 'activity'],
      ['meeting-attendees', att, 'verify'],
      ['form-responses', resp, 'emergency'],
    ]
    for (const [resource, id, purpose] of revealed) {
      const r = await api('/api/privacy/reveal', {
        cookie: w.cookies.staff,
        body: { resource, id, purpose },
      })
      expect(r.status, `${resource} ${JSON.stringify(r.body)}`).toBe(200)
      expect(r.body).toEqual({ phone })
    }
    // One entry per reveal, with who, which record and why; found by the resident's phone.
    const log = await api(`/api/privacy/access-log?phone=${phone}`, { cookie: w.cookies.admin })
    const reveals = (
      log.body as {
        action: string
        resource: string
        recordId: string
        userId: number
        after: string
      }[]
    )
      .filter((e) => e.action === 'reveal')
      .map((e) => [e.resource, Number(e.recordId), JSON.parse(e.after).purpose, e.userId])
    expect(reveals.sort()).toEqual(revealed.map((r) => [...r, w.users.staff.id]).sort())
    // Without a filter the admin reads the latest entries of everyone.
    const latest = await api('/api/privacy/access-log', { cookie: w.cookies.admin })
    expect(latest.status, JSON.stringify(latest.body)).toBe(200)
    expect(latest.body.slice(0, 5).map((e: { action: string }) => e.action)).toEqual(
      Array(5).fill('reveal'),
    )
  })

  it('returns one phone for a purpose and logs who, which record and why; the admin reviews it by person and by resident', async () => {
    const phone = testPhone(711)
    const topic = await contactTopic(n1, phone, null)
    const noPurpose = await api('/api/privacy/reveal', {
      cookie: w.cookies.staff,
      body: { resource: 'topics', id: topic.id },
    })
    expect(noPurpose.status).toBe(400)
    const r = await api('/api/privacy/reveal', {
      cookie: w.cookies.staff,
      body: { resource: 'topics', id: topic.id, purpose: 'callback' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toEqual({ phone })
    expect(
      (
        await api('/api/privacy/reveal', {
          cookie: w.cookies.viewer,
          body: { resource: 'topics', id: topic.id, purpose: 'callback' },
        })
      ).status,
    ).toBe(403)
    // Outside the staff member's neighborhood: as if it did not exist.
    const elsewhere = await contactTopic(w.neighborhoodIds[1]!, phone, null)
    expect(
      (
        await api('/api/privacy/reveal', {
          cookie: w.cookies.staff,
          body: { resource: 'topics', id: elsewhere.id, purpose: 'callback' },
        })
      ).status,
    ).toBe(404)

    const byPerson = await api(`/api/privacy/access-log?userId=${w.users.staff.id}`, {
      cookie: w.cookies.admin,
    })
    expect(byPerson.body[0]).toMatchObject({
      action: 'reveal',
      resource: 'topics',
      recordId: String(topic.id),
      userId: w.users.staff.id,
    })
    expect(JSON.parse(byPerson.body[0].after)).toEqual({ purpose: 'callback', field: 'phone' })
    const byResident = await api(`/api/privacy/access-log?phone=${phone}`, {
      cookie: w.cookies.admin,
    })
    expect(byResident.body.filter((e: { action: string }) => e.action === 'reveal')).toHaveLength(1)
    expect(
      (await api(`/api/privacy/access-log?phone=${phone}`, { cookie: w.cookies.town })).status,
    ).toBe(403)
  })

  it('is refused once the resident withdrew the contact consent', async () => {
    const phone = testPhone(712)
    const topic = await contactTopic(n1, phone, null)
    await env.DB.prepare(
      "UPDATE consents SET withdrawn_at = ?, withdrawn_via = 'web' WHERE subject_type = 'topic' AND subject_id = ?",
    )
      .bind(Date.now(), topic.id)
      .run()
    const r = await api('/api/privacy/reveal', {
      cookie: w.cookies.staff,
      body: { resource: 'topics', id: topic.id, purpose: 'callback' },
    })
    expect(r.status).toBe(409)
  })

  it('a child’s registration: only the activity’s own staff, not the town or the administrator', async () => {
    const kid = await activityEnding(n1, Date.now() + 5 * DAY, { forChildren: true })
    const reg = await registration(kid, testPhone(713), 'confirmed', {
      name: '小刚',
      age: '二年级',
    })
    const body = { resource: 'registrations', id: reg, purpose: 'activity' }
    expect((await api('/api/privacy/reveal', { cookie: w.cookies.admin, body })).status).toBe(403)
    expect((await api('/api/privacy/reveal', { cookie: w.cookies.town, body })).status).toBe(403)
    const staff = await api('/api/privacy/reveal', { cookie: w.cookies.staff, body })
    expect(staff.body).toEqual({ phone: testPhone(713) })
  })
})

describe('the access page (/me) of a verified phone', () => {
  /** A /me session for `phone`, as after the one-time code (its cookie). */
  const meCookie = async (phone: string) =>
    `jushou_me=${await openSession(createDb(env.DB), phone)}`
  const message = (to: string, consentId: number | null, subjectId: number) =>
    env.DB.prepare(
      `INSERT INTO outbox (medium, recipient, consent_id, template_key, subject_type, subject_id,
         params, dedupe_key, token, status, created_at, due_at)
       VALUES ('sms', ?, ?, 'topic_accepted', 'topic', ?, '{}', ?, ?, 'queued', ?, ?) RETURNING id`,
    )
      .bind(
        to,
        consentId,
        subjectId,
        `d-${Math.random()}`,
        `t-${Math.random()}`,
        Date.now(),
        Date.now(),
      )
      .first<{ id: number }>()
      .then((r) => r!.id)
  const notifyConsent = (phone: string, topicId: number) =>
    env.DB.prepare(
      `INSERT INTO consents (town_id, phone, subject_type, subject_id, purpose, medium, notice_version,
         given_via, given_at) VALUES (?, ?, 'topic', ?, 'notify', 'sms', '2026-12-05', 'web', ?) RETURNING id`,
    )
      .bind(w.townId, phone, topicId, Date.now())
      .first<{ id: number }>()
      .then((r) => r!.id)
  /** The messages a new move of the topic would write now (notify's own statement). */
  const newMessages = async (topicId: number) => {
    const db = createDb(env.DB)
    await batch(db, [
      topicMessagesStatement(db, sql`topics.id = ${topicId}`, 'topic_done', {}, Date.now()),
    ])
    return (await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM outbox WHERE subject_id = ? AND template_key = 'topic_done'",
    )
      .bind(topicId)
      .first<{ n: number }>())!.n
  }

  it('shows everything stored under the phone, gives a copy (CSV and JSON) and files a deletion request with its deadline', async () => {
    const phone = testPhone(721)
    const topic = await contactTopic(n1, phone, null)
    const kid = await activityEnding(n1, Date.now() + 5 * DAY, { forChildren: true })
    await registration(kid, phone, 'confirmed', { name: '小美', age: '三年级' })
    const form = await formClosing(w.townId, null)
    await formResponse(form, phone, Date.now())
    await volunteer(n1, phone)
    await attendee(n1, Date.now() - DAY, phone)
    await message(phone, await notifyConsent(phone, topic.id), topic.id)
    const cookie = await meCookie(phone)

    // Without a session: a page saying to verify again, never a 500.
    expect((await getPage('/me/copy.csv')).status).toBe(401)
    expect((await postPage('/me/delete', {})).status).toBe(401)

    const page = await getPage('/me', { cookie })
    expect(page.status).toBe(200)
    for (const text of [
      '我留下的个人信息',
      '留下的姓名：王小明',
      '孩子 小美（三年级），您是孩子的母亲',
      '满意度调查：4 项回答',
      '我的志愿者登记',
      '登记姓名 周志愿',
      '我的会议签到',
      '同意工作人员电话联系',
      '接收进展通知（短信）',
      '议题已受理 · 短信 · 待发送',
      '撤回这项同意',
      '下载副本（表格文件 CSV，可用 Excel 或 WPS 打开）',
      '申请删除我的个人信息',
    ])
      expect(page.text, text).toContain(text)
    const en = await getPage('/me?lang=en', { cookie })
    expect(en.text).toContain('The personal data I left')

    const csv = await getPage('/me/copy.csv', { cookie })
    expect(csv.status).toBe(200)
    expect(csv.res.headers.get('content-type')).toContain('text/csv')
    expect(csv.res.headers.get('content-disposition')).toMatch(/^attachment;/)
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('类别 Section,序号 No.,项目 Field,内容 Value')
    for (const line of [
      `我反映的问题,1,phone,${phone}`,
      '活动报名,1,childName,小美',
      '问卷回答,1,answers.q,满意',
      '志愿者登记,1,name,周志愿',
      '发给我的通知,1,template,topic_accepted',
    ])
      expect(lines, line).toContain(line)
    const json = await getPage('/me/copy.json', { cookie })
    const copy = JSON.parse(json.text)
    expect(copy.phone).toBe(phone)
    expect(copy.topics[0]).toMatchObject({ id: topic.id, name: '王小明' })
    expect(copy.registrations[0]).toMatchObject({ childName: '小美', guardianRelation: '母亲' })
    expect(copy.volunteers).toHaveLength(1)
    expect(copy.meetingAttendances).toHaveLength(1)
    expect(copy.messages).toHaveLength(1)
    expect(copy.consents.map((c: { purpose: string }) => c.purpose)).toEqual(
      expect.arrayContaining(['contact', 'notify']),
    )

    const confirm = await getPage('/me/delete', { cookie })
    expect(confirm.text).toContain('15 个工作日内')
    expect(confirm.text).toContain('确认申请删除')
    const done = await postPage('/me/delete', {}, { cookie })
    expect(done.status).toBe(200)
    const filed = await env.DB.prepare('SELECT * FROM privacy_requests WHERE phone = ?')
      .bind(phone)
      .all<{
        id: number
        kind: string
        status: string
        verified_via: string
        town_id: number
        received_at: number
        due_at: number
        created_by: number | null
      }>()
    expect(filed.results).toHaveLength(1)
    const req = filed.results[0]!
    expect(req).toMatchObject({
      kind: 'deletion',
      status: 'open',
      verified_via: 'code',
      town_id: w.townId,
      created_by: null,
    })
    expect(req.due_at).toBe(addWorkingDays(req.received_at, 15))
    expect(done.text).toContain(`申请编号 ${req.id}`)
    // Asking again files nothing new.
    expect((await postPage('/me/delete', {}, { cookie })).text).toContain('不需要再次申请')
    expect(
      (await env.DB.prepare('SELECT COUNT(*) AS n FROM privacy_requests WHERE phone = ?')
        .bind(phone)
        .first<{ n: number }>())!.n,
    ).toBe(1)
    // In the staff's queue of the town; carried out, the page has nothing left to show.
    const queue = await api('/api/privacy/requests', { cookie: w.cookies.town })
    expect(queue.body.map((r: { id: number }) => r.id)).toContain(req.id)
    const erased = await api(`/api/privacy/requests/${req.id}/erase`, {
      method: 'POST',
      cookie: w.cookies.town,
    })
    expect(erased.body.result).toMatchObject({
      topics: 1,
      registrations: 1,
      form_responses: 1,
      volunteers: 1,
      meeting_attendees: 1,
      outbox: 1,
    })
    const after = await getPage('/me', { cookie: await meCookie(phone) })
    expect(after.text).not.toContain('王小明')
    expect(after.text).not.toContain('小美')
  })

  it('withdraws a consent from /me at once: messages stop, the contact details are gone; another phone’s consent is refused', async () => {
    const phone = testPhone(722)
    const topic = await contactTopic(n1, phone, null)
    const notify = await notifyConsent(phone, topic.id)
    const waiting = await message(phone, notify, topic.id)
    const cookie = await meCookie(phone)
    const contact = (await env.DB.prepare(
      "SELECT id FROM consents WHERE subject_type = 'topic' AND subject_id = ? AND purpose = 'contact'",
    )
      .bind(topic.id)
      .first<{ id: number }>())!.id

    const r = await postPage('/me/withdraw', { id: String(notify) }, { cookie })
    expect(r.status).toBe(200)
    expect(r.text).toContain('立即停止发送通知')
    expect(await row('outbox', waiting)).toMatchObject({ status: 'skipped' })
    expect(await newMessages(topic.id)).toBe(0)

    const c = await postPage('/me/withdraw', { id: String(contact) }, { cookie })
    expect(c.text).toContain('工作人员不再看到您的联系方式')
    expect(await row('topics', topic.id)).toMatchObject({
      submitter_name: null,
      submitter_phone: null,
    })
    const reveal = await api('/api/privacy/reveal', {
      cookie: w.cookies.staff,
      body: { resource: 'topics', id: topic.id, purpose: 'callback' },
    })
    expect(reveal.status).toBe(409)
    // Twice, or someone else's consent: refused with a page, nothing changes.
    expect((await postPage('/me/withdraw', { id: String(notify) }, { cookie })).status).toBe(404)
    const stranger = await contactTopic(n1, testPhone(723), null)
    const theirs = await notifyConsent(testPhone(723), stranger.id)
    expect((await postPage('/me/withdraw', { id: String(theirs) }, { cookie })).status).toBe(404)
    expect((await postPage('/me/withdraw', { id: 'x' }, { cookie })).status).toBe(404)
    expect(await newMessages(stranger.id)).toBe(1)
  })

  it('withdraws by tracking code at /privacy/withdraw: the contact details and the messages of that topic stop at once', async () => {
    const phone = testPhone(724)
    const topic = await contactTopic(n1, phone, null)
    const waiting = await message(phone, await notifyConsent(phone, topic.id), topic.id)
    await env.DB.prepare("UPDATE topics SET tracking_code = 'KWD-RXY' WHERE id = ?")
      .bind(topic.id)
      .run()
    const r = await postPage(
      '/privacy/withdraw',
      { code: 'kwd-rxy' },
      { 'cf-connecting-ip': '192.0.2.77' },
    )
    expect(r.status).toBe(200)
    expect(await row('topics', topic.id)).toMatchObject({ submitter_phone: null })
    expect(await row('outbox', waiting)).toMatchObject({ status: 'skipped' })
    expect(await newMessages(topic.id)).toBe(0)
    const left = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM consents WHERE subject_type = ? AND subject_id = ? AND withdrawn_at IS NULL',
    )
      .bind('topic', topic.id)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)
  })
})
