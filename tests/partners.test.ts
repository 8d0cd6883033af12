import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { matchPartners, type MatchPartner } from '../worker/domain/partners/matching'
import { api, createTown, createUser, createWorld, signIn } from './helpers'
import {
  adoptedProject,
  category,
  createOffer,
  createPartner,
  ok,
  partnerLogin,
  q,
  type World,
} from './partners-fixtures'

let w: World
beforeAll(async () => {
  w = await createWorld()
})

describe('migration 0009', () => {
  it('lets users.role be partner and still refuses an unknown role', async () => {
    const insert = (role: string) =>
      env.DB.prepare(
        `INSERT INTO users (username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
         VALUES (?, 'x', ?, 'h', 's', 1, 0, 0)`,
      )
        .bind(`role-${role}-${Math.random()}`, role)
        .run()
    await expect(insert('partner')).resolves.toBeTruthy()
    await expect(insert('boss')).rejects.toThrow(/CHECK constraint failed/)
  })

  it('keeps foreign keys to users enforced after the rebuild', async () => {
    await expect(
      env.DB.prepare(
        "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES ('nobody', 999999, 0, 0, 1)",
      ).run(),
    ).rejects.toThrow(/FOREIGN KEY/)
  })
})

describe('POST /api/partners', () => {
  it('registers a town-wide partner for the town coordinator, audited', async () => {
    const r = await api('/api/partners', {
      cookie: w.cookies.town,
      body: {
        townId: w.townId,
        kind: 'unit',
        name: '大场医院',
        contactName: '王医生',
        contactPhone: '138 1234 5678',
      },
    })
    ok(r, 201)
    expect(r.body).toMatchObject({
      townId: w.townId,
      neighborhoodId: null,
      kind: 'unit',
      name: '大场医院',
      contactName: '王医生',
      contactPhone: '13812345678',
      active: true,
      offerCount: 0,
      offerKinds: [],
      writable: true,
    })
    const audit = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE resource = 'partners' AND record_id = ?",
    )
      .bind(String(r.body.id))
      .first()
    expect(audit).toMatchObject({ action: 'create' })
  })

  it('lets staff register their own neighborhood’s branch, not a town-wide partner', async () => {
    const mine = await api('/api/partners', {
      cookie: w.cookies.staff,
      body: {
        kind: 'party_branch',
        name: '第一居民区党支部',
        neighborhoodId: w.neighborhoodIds[0],
      },
    })
    ok(mine, 201)
    expect(mine.body.townId).toBe(w.townId)
    const townWide = await api('/api/partners', {
      cookie: w.cookies.staff,
      body: { kind: 'unit', name: '镇级单位', townId: w.townId },
    })
    expect(townWide.status, JSON.stringify(townWide.body)).toBe(403)
    const other = await api('/api/partners', {
      cookie: w.cookies.staff,
      body: { kind: 'property', name: '别处物业', neighborhoodId: w.neighborhoodIds[1] },
    })
    expect(other.status).toBe(404)
  })

  it('refuses viewers, bad phones and a second partner of the same name in a town', async () => {
    const viewer = await api('/api/partners', {
      cookie: w.cookies.viewer,
      body: { kind: 'unit', name: '只读试试', townId: w.townId },
    })
    expect(viewer.status).toBe(403)
    const phone = await api('/api/partners', {
      cookie: w.cookies.town,
      body: { kind: 'unit', name: '电话错', townId: w.townId, contactPhone: '12345' },
    })
    expect(phone.status).toBe(400)
    expect(phone.body.errors.contactPhone).toBeTruthy()
    await createPartner(w, { name: '同名单位' })
    const twice = await api('/api/partners', {
      cookie: w.cookies.town,
      body: { kind: 'unit', name: '同名单位', townId: w.townId },
    })
    expect(twice.status).toBe(409)
  })
})

describe('GET /api/partners', () => {
  it('masks contact names and phones for viewers', async () => {
    const p = await createPartner(w, {
      name: '山姆会员店',
      contactName: '李经理',
      contactPhone: '13987654321',
    })
    const r = ok(await api(`/api/partners/${p.id}`, { cookie: w.cookies.viewer }))
    expect(r.body).toMatchObject({
      contactName: '李**',
      contactPhone: '139****4321',
      writable: false,
    })
    const staff = ok(await api(`/api/partners/${p.id}`, { cookie: w.cookies.staff }))
    expect(staff.body).toMatchObject({ contactName: '李经理', contactPhone: '13987654321' })
  })

  it('filters by kind and offer kind, and hides other towns’ partners', async () => {
    const venue = await createPartner(w, { kind: 'student_club', name: '美术学院社团' })
    await createOffer(w, venue.id, { kind: 'venue', title: '画室' })
    const list = ok(
      await api(`/api/partners${q({ filter: { kind: 'student_club', offerKind: 'venue' } })}`, {
        cookie: w.cookies.staff,
      }),
    )
    expect(list.body.map((p: { name: string }) => p.name)).toEqual(['美术学院社团'])
    expect(list.res.headers.get('content-range')).toMatch(/^partners 0-0\/1$/)
    expect(list.body[0]).toMatchObject({ offerCount: 1, offerKinds: ['venue'] })

    const elsewhere = await createTown(1)
    const otherTown = await createUser('town', { townIds: [elsewhere.townId] })
    const cookie = await signIn(otherTown.username)
    expect((await api(`/api/partners/${venue.id}`, { cookie })).status).toBe(404)
    const theirs = ok(await api('/api/partners', { cookie }))
    expect(theirs.body).toEqual([])
  })
})

describe('PUT and DELETE /api/partners/:id', () => {
  it('changes what is sent with an audit row; staff cannot change a town-wide partner', async () => {
    const p = await createPartner(w, { name: '改名前' })
    const r = ok(
      await api(`/api/partners/${p.id}`, {
        method: 'PUT',
        cookie: w.cookies.town,
        body: { name: '改名后', note: '每月一次义诊' },
      }),
    )
    expect(r.body).toMatchObject({ name: '改名后', note: '每月一次义诊' })
    const audit = await env.DB.prepare(
      "SELECT before, after FROM audit_log WHERE resource = 'partners' AND action = 'update' AND record_id = ?",
    )
      .bind(String(p.id))
      .first<{ before: string; after: string }>()
    expect(JSON.parse(audit!.before)).toMatchObject({ name: '改名前' })
    expect(JSON.parse(audit!.after)).toMatchObject({ name: '改名后' })
    const staff = await api(`/api/partners/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { name: '员工改' },
    })
    expect(staff.status).toBe(403)
  })

  it('deletes a partner without history; one with claims answers 409', async () => {
    const spare = await createPartner(w)
    ok(await api(`/api/partners/${spare.id}`, { method: 'DELETE', cookie: w.cookies.town }))
    expect((await api(`/api/partners/${spare.id}`, { cookie: w.cookies.town })).status).toBe(404)

    const busy = await createPartner(w)
    const project = await adoptedProject(w)
    ok(
      await api('/api/claims', {
        cookie: w.cookies.staff,
        body: { projectId: project.id, partnerId: busy.id, personName: '张三' },
      }),
      201,
    )
    const r = await api(`/api/partners/${busy.id}`, { method: 'DELETE', cookie: w.cookies.town })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
  })
})

describe('/api/partner-offers', () => {
  it('lists a partner’s offers and changes one, with categories checked', async () => {
    const p = await createPartner(w)
    const cat = await category()
    const offer = await createOffer(w, p.id, {
      kind: 'volunteers',
      title: '青年志愿者',
      quantity: '10 人',
      availability: '周末',
      categoryIds: [cat],
    })
    expect(offer).toMatchObject({ categoryIds: [cat], quantity: '10 人', writable: true })
    const list = ok(
      await api(`/api/partner-offers${q({ filter: { partnerId: p.id } })}`, {
        cookie: w.cookies.staff,
      }),
    )
    expect(list.body).toHaveLength(1)
    const bad = await api(`/api/partner-offers/${offer.id}`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { categoryIds: [999999] },
    })
    expect(bad.status).toBe(400)
    const put = ok(
      await api(`/api/partner-offers/${offer.id}`, {
        method: 'PUT',
        cookie: w.cookies.town,
        body: { quantity: '20 人', active: false },
      }),
    )
    expect(put.body).toMatchObject({ quantity: '20 人', active: false })
    const viewer = await api(`/api/partner-offers/${offer.id}`, {
      method: 'PUT',
      cookie: w.cookies.viewer,
      body: { quantity: '1 人' },
    })
    expect(viewer.status).toBe(403)
  })
})

describe('partner logins', () => {
  it('are made by the admin or the town coordinator; the login knows its organisation', async () => {
    const p = await createPartner(w)
    const staff = await api(`/api/partners/${p.id}/logins`, {
      cookie: w.cookies.staff,
      body: { username: 'nope-staff', displayName: 'x', password: 'long-enough-1' },
    })
    expect(staff.status).toBe(403)
    const login = await partnerLogin(w, p.id)
    const me = ok(await api('/api/auth/me', { cookie: login.cookie }))
    expect(me.body).toMatchObject({ role: 'partner', partnerId: p.id, neighborhoodIds: [] })
    const listed = ok(await api(`/api/partners/${p.id}/logins`, { cookie: w.cookies.town }))
    expect(listed.body.map((u: { username: string }) => u.username)).toEqual([login.username])
    const audit = await env.DB.prepare(
      "SELECT after FROM audit_log WHERE resource = 'users' AND action = 'create' ORDER BY id DESC LIMIT 1",
    ).first<{ after: string }>()
    expect(JSON.parse(audit!.after)).toMatchObject({ role: 'partner', partnerId: p.id })
  })
})

describe('/api/users and the partner role', () => {
  it('makes partner logins only through their organisation; one can still be disabled', async () => {
    const made = await api('/api/users', {
      cookie: w.cookies.admin,
      body: {
        username: 'loose-partner',
        displayName: 'x',
        role: 'partner',
        password: 'long-enough-1',
      },
    })
    expect(made.status).toBe(400)
    expect(made.body.errors.role).toBeTruthy()
    const staffUser = await createUser('staff', { neighborhoodIds: [w.neighborhoodIds[0]] })
    const turned = await api(`/api/users/${staffUser.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { role: 'partner' },
    })
    expect(turned.status).toBe(400)
    const p = await createPartner(w)
    const login = await partnerLogin(w, p.id)
    const record = ok(await api(`/api/users/${login.id}`, { cookie: w.cookies.admin })).body
    ok(
      await api(`/api/users/${login.id}`, {
        method: 'PUT',
        cookie: w.cookies.admin,
        body: { ...record, disabled: true },
      }),
    )
    expect((await api('/api/auth/me', { cookie: login.cookie })).status).toBe(401)
  })
})

describe('GET /api/partners/matches', () => {
  it('ranks partners whose offers match the project, best first, as the domain rule does', async () => {
    const elderly = await category('养老-匹配')
    const parking = await category('停车-匹配')
    const project = await adoptedProject(w, { categoryId: elderly })
    ok(
      await api('/api/project-needs', {
        cookie: w.cookies.staff,
        body: { projectId: project.id, kinds: ['service', 'venue'], note: '需要医生和场地' },
      }),
      201,
    )
    // both kinds asked for: 3 + 3
    const both = await createPartner(w, { name: '匹配-两样都有' })
    await createOffer(w, both.id, { kind: 'service', title: '义诊' })
    await createOffer(w, both.id, { kind: 'venue', title: '会议室' })
    // one kind and the category: 3 + 2
    const suited = await createPartner(w, { name: '匹配-对口服务' })
    await createOffer(w, suited.id, { kind: 'service', title: '助老', categoryIds: [elderly] })
    // a kind, and of the project's own neighborhood: 3 + 1
    const local = await createPartner(
      w,
      { name: '匹配-本小区', kind: 'property', neighborhoodId: w.neighborhoodIds[0] },
      w.cookies.staff,
    )
    await createOffer(w, local.id, { kind: 'venue', title: '活动室' }, w.cookies.staff)
    // only the category: 2
    const category2 = await createPartner(w, { name: '匹配-只对类别' })
    await createOffer(w, category2.id, { kind: 'goods', title: '轮椅', categoryIds: [elderly] })
    // nothing that fits
    const none = await createPartner(w, { name: '匹配-不相干' })
    await createOffer(w, none.id, { kind: 'funds', title: '停车补贴', categoryIds: [parking] })
    // a fitting offer, but the partner is retired
    const retired = await createPartner(w, { name: '匹配-已停用', active: false })
    await createOffer(w, retired.id, { kind: 'service', title: '停用的服务' })

    const r = ok(
      await api(`/api/partners/matches?projectId=${project.id}`, { cookie: w.cookies.staff }),
    )
    expect(r.body).toMatchObject({ categoryIds: [elderly], neededKinds: ['service', 'venue'] })
    const names = r.body.matches.map((m: { name: string }) => m.name)
    const ours = names.filter((n: string) => n.startsWith('匹配-'))
    expect(ours).toEqual(['匹配-两样都有', '匹配-对口服务', '匹配-本小区', '匹配-只对类别'])
    const scores = Object.fromEntries(
      r.body.matches.map((m: { name: string; score: number }) => [m.name, m.score]),
    )
    expect(scores).toMatchObject({
      '匹配-两样都有': 6,
      '匹配-对口服务': 5,
      '匹配-本小区': 4,
      '匹配-只对类别': 2,
    })

    // The same answer as the pure rule over the same candidates.
    const candidates = (
      await env.DB.prepare(
        `SELECT p.id, p.name, p.kind, p.neighborhood_id AS neighborhoodId,
          (SELECT count(*) FROM claims c WHERE c.partner_id = p.id AND c.status = 'accepted') AS acceptedClaims
         FROM partners p WHERE p.town_id = ? AND p.active = 1`,
      )
        .bind(w.townId)
        .all<Omit<MatchPartner, 'offers'>>()
    ).results
    const offers = (
      await env.DB.prepare(
        'SELECT id, partner_id, kind, title, quantity, availability, category_ids FROM partner_offers WHERE active = 1',
      ).all<Record<string, string | number>>()
    ).results
    const expected = matchPartners(
      {
        neighborhoodId: project.neighborhoodId,
        categoryIds: [elderly],
        neededKinds: ['service', 'venue'],
      },
      candidates.map((c) => ({
        ...c,
        offers: offers
          .filter((o) => o.partner_id === c.id)
          .map((o) => ({
            id: o.id as number,
            kind: o.kind as 'service',
            title: o.title as string,
            quantity: o.quantity as string,
            availability: o.availability as string,
            categoryIds: JSON.parse(o.category_ids as string),
          })),
      })),
    )
    expect(names).toEqual(expected.map((m) => m.name))
  })

  it('answers 404 for a project outside scope', async () => {
    const project = await adoptedProject(w, { neighborhoodId: w.neighborhoodIds[1] })
    const r = await api(`/api/partners/matches?projectId=${project.id}`, {
      cookie: w.cookies.staff,
    })
    expect(r.status).toBe(404)
  })
})

describe('matchPartners (domain)', () => {
  const partner = (id: number, name: string, extra: Partial<MatchPartner> = {}): MatchPartner => ({
    id,
    name,
    kind: 'unit',
    neighborhoodId: null,
    acceptedClaims: 0,
    offers: [],
    ...extra,
  })
  const offer = (kind: 'venue' | 'service', categoryIds: number[] = []) => ({
    id: 1,
    kind,
    title: kind,
    quantity: '',
    availability: '',
    categoryIds,
  })

  it('breaks ties by track record, then by name', () => {
    const project = { neighborhoodId: 1, categoryIds: [], neededKinds: ['venue' as const] }
    const result = matchPartners(project, [
      partner(1, '乙', { offers: [offer('venue')] }),
      partner(2, '甲', { offers: [offer('venue')] }),
      partner(3, '丙', { offers: [offer('venue')], acceptedClaims: 4 }),
      partner(4, '丁', { offers: [offer('service')] }),
    ])
    expect(result.map((m) => m.name)).toEqual(['丙', '甲', '乙'])
  })
})
