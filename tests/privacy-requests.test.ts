import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays, workingDaysLeft } from '../worker/domain/privacy/working-days'
import { api, createWorld, testPhone } from './helpers'
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
    expect(filed.body).toMatchObject({
      phone,
      phoneHint: '139****0701',
      kind: 'copy',
      status: 'open',
      verifiedVia: 'committee',
    })
    expect(filed.body.dueAt).toBe(addWorkingDays(filed.body.receivedAt, 15))
    const list = await api('/api/privacy/requests', { cookie: w.cookies.staff })
    expect(list.body.map((r: { id: number }) => r.id)).toContain(filed.body.id)
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
    expect(await left('SELECT COUNT(*) AS n FROM topics WHERE submitter_phone = ?')).toBe(0)
    expect(await left('SELECT COUNT(*) AS n FROM privacy_requests WHERE phone = ?')).toBe(0)
    // The log: purge_log and the audit entry.
    expect(
      await env.DB.prepare('SELECT kind, count FROM purge_log WHERE request_id = ?')
        .bind(filed.body.id)
        .first(),
    ).toEqual({ kind: 'request', count: 9 })
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
    const phone = testPhone(721)
    const masked = '139****0721'
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
      `/api/registrations?filter=${filter({ activityId: act.activityId, q: '0721' })}`,
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
