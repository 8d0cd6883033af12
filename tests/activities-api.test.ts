import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createWorld, registerJson } from './helpers'

// The staff API of activities: scope, CRUD, the registration grid and its workflow actions
// (check-in, cancel, promote, no-show, hours), volunteers, exports, audit.

let world: Awaited<ReturnType<typeof createWorld>>
let n1: number
let n2: number

const filter = (f: Record<string, unknown>) => `filter=${encodeURIComponent(JSON.stringify(f))}`

const auditRows = async (resource: string, recordId: number | string, action: string) =>
  (
    await env.DB.prepare(
      'SELECT action, before, after FROM audit_log WHERE resource = ? AND record_id = ? AND action = ?',
    )
      .bind(resource, String(recordId), action)
      .all<{ action: string; before: string | null; after: string | null }>()
  ).results

beforeAll(async () => {
  world = await createWorld()
  ;[n1, n2] = world.neighborhoodIds
})

describe('POST /api/activities', () => {
  it('creates an activity with its sessions, audited, and lists it for staff in scope only', async () => {
    const { activity, sessions } = await createActivity(world.cookies.staff, n1, {
      title: '亲子手工课',
    })
    expect(activity.title).toBe('亲子手工课')
    expect(activity.window).toBe('open')
    expect(activity.publicUrl).toBe(`/a/${activity.slug}`)
    expect(sessions.length).toBe(1)
    expect(sessions[0].seatsLeft).toBe(50)
    expect((await auditRows('activities', activity.id, 'create')).length).toBe(1)

    const other = await createActivity(world.cookies.admin, n2, { title: '别的居民区' })
    const mine = await api(`/api/activities?${filter({ q: '别的居民区' })}`, {
      cookie: world.cookies.staff,
    })
    expect(mine.status, JSON.stringify(mine.body)).toBe(200)
    expect(mine.body).toEqual([])
    const hidden = await api(`/api/activities/${other.activity.id}`, {
      cookie: world.cookies.staff,
    })
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(404)
    const town = await api(`/api/activities/${other.activity.id}`, { cookie: world.cookies.town })
    expect(town.status, JSON.stringify(town.body)).toBe(200)
  })

  it('returns 404 when staff create in a neighborhood outside their scope', async () => {
    const r = await api('/api/activities', {
      cookie: world.cookies.staff,
      body: { neighborhoodId: n2, title: 'x' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(404)
  })

  it('returns 403 when a viewer creates', async () => {
    const r = await api('/api/activities', {
      cookie: world.cookies.viewer,
      body: { neighborhoodId: n1, title: 'x' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(403)
  })

  it('returns 400 when extra questions are invalid or the window is reversed', async () => {
    const bad = await api('/api/activities', {
      cookie: world.cookies.staff,
      body: {
        neighborhoodId: n1,
        title: 'x',
        questions: [{ type: 'single', label: '年级', options: [] }],
      },
    })
    expect(bad.status, JSON.stringify(bad.body)).toBe(400)
    const reversed = await api('/api/activities', {
      cookie: world.cookies.staff,
      body: { neighborhoodId: n1, title: 'x', opensAt: Date.now() + 1000, closesAt: Date.now() },
    })
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(400)
    expect(reversed.body.errors.closesAt).toBeTruthy()
  })
})

describe('PUT/DELETE /api/activities/:id', () => {
  it('updates the fields sent and refuses to delete an activity with registrations', async () => {
    const { activity, sessions } = await createActivity(world.cookies.staff, n1)
    const put = await api(`/api/activities/${activity.id}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { ...activity, place: '睦邻中心二楼' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.place).toBe('睦邻中心二楼')
    await registerJson(activity.slug, sessions[0].id, {
      name: '王芳',
      phone: '13600000001',
      partySize: 1,
    })
    const del = await api(`/api/activities/${activity.id}`, {
      method: 'DELETE',
      cookie: world.cookies.staff,
    })
    expect(del.status, JSON.stringify(del.body)).toBe(409)
  })
})

describe('extra questions', () => {
  it('validates answers with the forms engine and stores them', async () => {
    const { activity, sessions } = await createActivity(world.cookies.staff, n1, {
      questions: [
        {
          key: 'grade',
          type: 'single',
          label: '孩子年级',
          required: true,
          options: ['一年级', '二年级', '三年级'],
        },
        { key: 'allergy', type: 'text', label: '过敏情况' },
      ],
    })
    const missing = await registerJson(activity.slug, sessions[0].id, {
      name: '李娜',
      phone: '13600000002',
      partySize: 2,
      answers: {},
    })
    expect(missing.status, JSON.stringify(missing.body)).toBe(400)
    expect(missing.body.errors['answers.grade']).toBeTruthy()
    const ok = await registerJson(activity.slug, sessions[0].id, {
      name: '李娜',
      phone: '13600000002',
      partySize: 2,
      answers: { grade: '二年级', allergy: '花生' },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    const reg = await api(`/api/registrations/${ok.body.id}`, { cookie: world.cookies.staff })
    expect(reg.body.answers).toEqual({ grade: '二年级', allergy: '花生' })
  })
})

describe('GET /api/registrations', () => {
  let activity: any
  let sid: number

  beforeAll(async () => {
    const start = Date.now() + 86400_000
    ;({ activity } = await createActivity(world.cookies.staff, n1, {
      sessions: [{ startsAt: start, endsAt: start + 3600_000, capacity: 2, maxParty: 2 }],
    }))
    const s = await api(`/api/activity-sessions?${filter({ activityId: activity.id })}`, {
      cookie: world.cookies.staff,
    })
    sid = s.body[0].id
    await registerJson(activity.slug, sid, { name: '张三', phone: '13512341234', partySize: 2 })
    await registerJson(activity.slug, sid, { name: '李四', phone: '13555556666', partySize: 1 })
  })

  it('filters by session, status and the last four phone digits', async () => {
    const r = await api(`/api/registrations?${filter({ sessionId: sid, q: '1234' })}`, {
      cookie: world.cookies.staff,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.map((x: any) => x.name)).toEqual(['张三'])
    expect(r.res.headers.get('content-range')).toBe('registrations 0-0/1')
    const w = await api(`/api/registrations?${filter({ sessionId: sid, status: 'waitlisted' })}`, {
      cookie: world.cookies.staff,
    })
    expect(w.body.map((x: any) => [x.name, x.waitlistPosition])).toEqual([['李四', 1]])
  })

  it('masks names and phones for viewers', async () => {
    const r = await api(`/api/registrations?${filter({ sessionId: sid })}`, {
      cookie: world.cookies.viewer,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body[0].phone).toBe('135****1234')
    expect(r.body[0].name).toBe('张*')
  })

  it('exports the session as CSV with a BOM and as XLSX', async () => {
    const csv = await api(`/api/registrations/export?format=csv&${filter({ sessionId: sid })}`, {
      cookie: world.cookies.staff,
    })
    expect(csv.status).toBe(200)
    const raw = await SELF.fetch(
      `http://localhost/api/registrations/export?format=csv&${filter({ sessionId: sid })}`,
      {
        headers: { cookie: world.cookies.staff },
      },
    )
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.text.trim().split('\r\n')
    expect(lines[0]).toContain('姓名')
    expect(lines.length).toBe(3)
    expect(csv.text).toContain('候补')
    const xlsx = await api(`/api/registrations/export?format=xlsx&${filter({ sessionId: sid })}`, {
      cookie: world.cookies.staff,
    })
    expect(xlsx.status).toBe(200)
    expect(xlsx.res.headers.get('content-type')).toContain('spreadsheetml')
  })
})

describe('POST /api/registrations/:id/check-in', () => {
  it('checks a confirmed registration in once, audited, and refuses waitlisted, cancelled and repeated ones with 409', async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(world.cookies.staff, n1, {
      sessions: [{ startsAt: start, endsAt: start + 3600_000, capacity: 1, maxParty: 1 }],
    })
    const sid = sessions[0].id
    const a = await registerJson(activity.slug, sid, {
      name: '甲',
      phone: '13400000001',
      partySize: 1,
    })
    const b = await registerJson(activity.slug, sid, {
      name: '乙',
      phone: '13400000002',
      partySize: 1,
    })
    const c = await registerJson(activity.slug, sid, {
      name: '丙',
      phone: '13400000003',
      partySize: 1,
    })
    expect([a.body.status, b.body.status, c.body.status]).toEqual([
      'confirmed',
      'waitlisted',
      'waitlisted',
    ])
    await api(`/api/registrations/${c.body.id}/cancel`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })

    const waitlisted = await api(`/api/registrations/${b.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(waitlisted.status, JSON.stringify(waitlisted.body)).toBe(409)
    expect(waitlisted.body.message).toContain('候补')
    const cancelled = await api(`/api/registrations/${c.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(409)
    expect(cancelled.body.message).toContain('取消')

    const ok = await api(`/api/registrations/${a.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.status).toBe('checked_in')
    expect(ok.body.checkedInBy).toBe(world.users.staff.id)
    expect(ok.body.creditedMinutes).toBeNull()
    expect((await auditRows('registrations', a.body.id, 'check-in')).length).toBe(1)
    const again = await api(`/api/registrations/${a.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(again.status, JSON.stringify(again.body)).toBe(409)

    const viewer = await api(`/api/registrations/${b.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.viewer,
    })
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(403)
  })

  it('returns 404 for staff of another neighborhood', async () => {
    const { activity, sessions } = await createActivity(world.cookies.admin, n2)
    const r = await registerJson(activity.slug, sessions[0].id, {
      name: '丁',
      phone: '13400000004',
      partySize: 1,
    })
    const out = await api(`/api/registrations/${r.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(out.status, JSON.stringify(out.body)).toBe(404)
  })
})

describe('POST /api/registrations/:id/cancel and /promote', () => {
  it('cancels and promotes the next in line who fits, in the same write', async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(world.cookies.staff, n1, {
      sessions: [{ startsAt: start, endsAt: start + 3600_000, capacity: 3, maxParty: 3 }],
    })
    const sid = sessions[0].id
    const a = await registerJson(activity.slug, sid, {
      name: '甲',
      phone: '13300000001',
      partySize: 2,
    })
    const b = await registerJson(activity.slug, sid, {
      name: '乙',
      phone: '13300000002',
      partySize: 3,
    })
    const c = await registerJson(activity.slug, sid, {
      name: '丙',
      phone: '13300000003',
      partySize: 2,
    })
    // a confirmed (2 of 3), b (3) and c (2) wait: b first.
    expect([a.body.status, b.body.status, c.body.status]).toEqual([
      'confirmed',
      'waitlisted',
      'waitlisted',
    ])
    const r = await api(`/api/registrations/${a.body.id}/cancel`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.status).toBe('cancelled')
    expect(r.body.promotedIds).toEqual([b.body.id])
    const cNow = await api(`/api/registrations/${c.body.id}`, { cookie: world.cookies.staff })
    expect(cNow.body.waitlistPosition).toBe(1)
    const again = await api(`/api/registrations/${a.body.id}/cancel`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(again.status, JSON.stringify(again.body)).toBe(409)
  })

  it('promotes out of turn only when the party fits', async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(world.cookies.staff, n1, {
      sessions: [{ startsAt: start, endsAt: start + 3600_000, capacity: 2, maxParty: 3 }],
    })
    const sid = sessions[0].id
    await registerJson(activity.slug, sid, { name: '甲', phone: '13300000011', partySize: 1 })
    const big = await registerJson(activity.slug, sid, {
      name: '乙',
      phone: '13300000012',
      partySize: 3,
    })
    const refused = await api(`/api/registrations/${big.body.id}/promote`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)
    await api(`/api/activity-sessions/${sid}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { capacity: 3 },
    })
    // Raising to 3 leaves 2 free: the party of 3 still waits.
    const still = await api(`/api/registrations/${big.body.id}`, { cookie: world.cookies.staff })
    expect(still.body.status).toBe('waitlisted')
    await api(`/api/activity-sessions/${sid}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { capacity: 4 },
    })
    const promoted = await api(`/api/registrations/${big.body.id}`, { cookie: world.cookies.staff })
    expect(promoted.body.status).toBe('confirmed')
  })
})

describe('POST /api/registrations (staff entry)', () => {
  it("registers on a resident's behalf once per Idempotency-Key, audited", async () => {
    const { sessions } = await createActivity(world.cookies.staff, n1)
    const send = () =>
      api('/api/registrations', {
        cookie: world.cookies.staff,
        headers: { 'idempotency-key': 'staff-entry-key-001' },
        body: { sessionId: sessions[0].id, name: '老王', phone: '13200000001', partySize: 1 },
      })
    const [a, b] = await Promise.all([send(), send()])
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    expect(b.body.id).toBe(a.body.id)
    expect(a.body.source).toBe('staff')
    expect((await auditRows('registrations', a.body.id, 'create')).length).toBe(1)
  })
})

describe('POST /api/activity-sessions/:id/no-show', () => {
  it('refuses before the session ends and marks unchecked confirmed ones after', async () => {
    const { activity, sessions } = await createActivity(world.cookies.staff, n1)
    const sid = sessions[0].id
    const a = await registerJson(activity.slug, sid, {
      name: '甲',
      phone: '13100000001',
      partySize: 1,
    })
    const b = await registerJson(activity.slug, sid, {
      name: '乙',
      phone: '13100000002',
      partySize: 1,
    })
    await api(`/api/registrations/${a.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    const early = await api(`/api/activity-sessions/${sid}/no-show`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(early.status, JSON.stringify(early.body)).toBe(409)
    const past = Date.now() - 3 * 3600_000
    await api(`/api/activity-sessions/${sid}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { startsAt: past, endsAt: past + 3600_000 },
    })
    const r = await api(`/api/activity-sessions/${sid}/no-show`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.markedIds).toEqual([b.body.id])
    expect(r.body.noShowCount).toBe(1)
    expect(r.body.checkedInCount).toBe(1)
    expect((await auditRows('activity-sessions', sid, 'no-show')).length).toBe(1)
    const alias = await api('/api/registrations/no-show', {
      cookie: world.cookies.staff,
      body: { sessionId: sid },
    })
    expect(alias.status, JSON.stringify(alias.body)).toBe(200)
    expect(alias.body.markedIds).toEqual([])
  })

  it('is also POST /api/registrations/no-show, refused before the end', async () => {
    const { sessions } = await createActivity(world.cookies.staff, n1)
    const r = await api('/api/registrations/no-show', {
      cookie: world.cookies.staff,
      body: { sessionId: sessions[0].id },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
  })
})

describe('volunteer hours', () => {
  it('credits a checked-in shift its length, lets staff adjust it (audited) and sums it per volunteer', async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(world.cookies.staff, n1, {
      kind: 'volunteer',
      title: '垃圾分类志愿值守',
      sessions: [
        { label: '早班', startsAt: start, endsAt: start + 3 * 3600_000, capacity: 4 },
        {
          label: '晚班',
          startsAt: start + 10 * 3600_000,
          endsAt: start + 12 * 3600_000,
          capacity: 4,
        },
      ],
    })
    expect(sessions.map((s) => s.maxParty)).toEqual([1, 1])
    const phone = '18800000001'
    const early = await registerJson(activity.slug, sessions[0].id, {
      name: '志愿者小陈',
      phone,
      partySize: 1,
    })
    const late = await registerJson(activity.slug, sessions[1].id, {
      name: '志愿者小陈',
      phone,
      partySize: 1,
    })
    expect(early.status, JSON.stringify(early.body)).toBe(201)
    expect(early.body.volunteerCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/)
    expect(late.body.volunteerCode).toBe(early.body.volunteerCode)

    const c1 = await api(`/api/registrations/${early.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(c1.body.creditedMinutes).toBe(180)
    const c2 = await api(`/api/registrations/${late.body.id}/check-in`, {
      method: 'POST',
      cookie: world.cookies.staff,
    })
    expect(c2.body.creditedMinutes).toBe(120)

    const vol = await api(`/api/volunteers?${filter({ q: phone })}`, {
      cookie: world.cookies.staff,
    })
    expect(vol.status, JSON.stringify(vol.body)).toBe(200)
    expect(vol.body.length).toBe(1)
    expect(vol.body[0].totalHours).toBe(5)
    expect(vol.body[0].shiftCount).toBe(2)

    const adj = await api(`/api/registrations/${early.body.id}/hours`, {
      cookie: world.cookies.staff,
      body: { hours: 2.5, note: '提前离开' },
    })
    expect(adj.status, JSON.stringify(adj.body)).toBe(200)
    expect(adj.body.creditedMinutes).toBe(150)
    const audit = await auditRows('registrations', early.body.id, 'hours')
    expect(audit.length).toBe(1)
    expect(JSON.parse(audit[0].before!)).toEqual({ creditedMinutes: 180 })
    const after = await api(`/api/volunteers/${vol.body[0].id}`, { cookie: world.cookies.staff })
    expect(after.body.totalHours).toBe(4.5)

    const notYet = await registerJson(activity.slug, sessions[1].id, {
      name: '志愿者小李',
      phone: '18800000002',
      partySize: 1,
    })
    const refused = await api(`/api/registrations/${notYet.body.id}/hours`, {
      cookie: world.cookies.staff,
      body: { hours: 1 },
    })
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)

    const page = await api('/v', {
      body: `phone=${phone}&code=${early.body.volunteerCode.toLowerCase()}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(page.status, page.text).toBe(200)
    expect(page.text).toContain('4.5 小时')
    const wrong = await api('/v', {
      body: `phone=${phone}&code=AAAAAA`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('查询码不对')
  })
})

describe('PUT /api/volunteers/:id', () => {
  it('keeps skills and 达人 tags, filters by tag, and masks viewers', async () => {
    const created = await api('/api/volunteers', {
      cookie: world.cookies.staff,
      body: { phone: '18800000009', name: '编织达人王阿姨', skills: ['编织'], tags: ['手工达人'] },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.neighborhoodId).toBe(n1)
    const put = await api(`/api/volunteers/${created.body.id}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { tags: ['手工达人', '楼组长'] },
    })
    expect(put.body.tags).toEqual(['手工达人', '楼组长'])
    const byTag = await api(`/api/volunteers?${filter({ tag: '楼组长' })}`, {
      cookie: world.cookies.staff,
    })
    expect(byTag.body.map((v: any) => v.id)).toEqual([created.body.id])
    const viewer = await api(`/api/volunteers/${created.body.id}`, { cookie: world.cookies.viewer })
    expect(viewer.body.phone).toBe('188****0009')
    expect(viewer.body.code).toBeNull()
    const dup = await api('/api/volunteers', {
      cookie: world.cookies.staff,
      body: { phone: '18800000009', name: 'x' },
    })
    expect(dup.status, JSON.stringify(dup.body)).toBe(409)
  })
})
