import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createTown, createWorld } from './helpers'
import {
  CHANNEL_CODE_ALPHABET,
  newChannelCode,
  normalizeChannelCode,
} from '../worker/domain/channel-code'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let other: { townId: number; neighborhoodIds: number[] }

beforeAll(async () => {
  w = await createWorld()
  other = await createTown(1)
})

const q = (params: Record<string, unknown>) =>
  '?' +
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)])).toString()

const auditRows = async (resource: string, recordId: number | string) =>
  (
    await env.DB.prepare('SELECT * FROM audit_log WHERE resource = ? AND record_id = ? ORDER BY id')
      .bind(resource, String(recordId))
      .all<{ action: string; user_id: number; before: string | null; after: string | null }>()
  ).results

const insertTopic = async (neighborhoodId: number, extra: Record<string, number | null> = {}) => {
  const cols = [
    'neighborhood_id',
    'title',
    'tracking_code',
    'created_at',
    'updated_at',
    ...Object.keys(extra),
  ]
  const values = [
    neighborhoodId,
    '议题',
    `T${crypto.randomUUID()}`,
    Date.now(),
    Date.now(),
    ...Object.values(extra),
  ]
  await env.DB.prepare(
    `INSERT INTO topics (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  )
    .bind(...values)
    .run()
}

describe('GET /api/towns', () => {
  it('lists every town for an admin, with Content-Range', async () => {
    const r = await api(`/api/towns${q({ sort: ['id', 'ASC'], range: [0, 99] })}`, {
      cookie: w.cookies.admin,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const ids = r.body.map((t: { id: number }) => t.id)
    expect(ids).toEqual(expect.arrayContaining([w.townId, other.townId]))
    expect(r.res.headers.get('content-range')).toBe(`towns 0-${ids.length - 1}/${ids.length}`)
  })

  it('shows staff and town users only the towns of their neighborhoods', async () => {
    for (const role of ['staff', 'town', 'viewer'] as const) {
      const r = await api('/api/towns', { cookie: w.cookies[role] })
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      expect(r.body.map((t: { id: number }) => t.id)).toEqual([w.townId])
    }
    expect((await api(`/api/towns/${other.townId}`, { cookie: w.cookies.staff })).status).toBe(404)
    expect((await api(`/api/towns/${w.townId}`, { cookie: w.cookies.staff })).body).toMatchObject({
      id: w.townId,
    })
  })

  it('returns 401 without a session', async () => {
    expect((await api('/api/towns')).status).toBe(401)
  })
})

describe('POST /api/towns', () => {
  it('returns 403 for non-admins', async () => {
    for (const role of ['town', 'staff', 'viewer'] as const) {
      const r = await api('/api/towns', { cookie: w.cookies[role], body: { name: `镇${role}` } })
      expect(r.status, JSON.stringify(r.body)).toBe(403)
    }
  })

  it('creates a town for an admin and audits it', async () => {
    const r = await api('/api/towns', { cookie: w.cookies.admin, body: { name: '  新泾镇 ' } })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toEqual({ id: expect.any(Number), name: '新泾镇', version: 1 })
    const rows = await auditRows('towns', r.body.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ action: 'create', user_id: w.users.admin.id })
    expect(JSON.parse(rows[0].after!)).toEqual({ name: '新泾镇' })
  })

  it('returns 409 with a field error for a duplicate name, and 400 for an empty one', async () => {
    const dup = await api('/api/towns', { cookie: w.cookies.admin, body: { name: '新泾镇' } })
    expect(dup.status, JSON.stringify(dup.body)).toBe(409)
    expect(dup.body.errors).toHaveProperty('name')
    const empty = await api('/api/towns', { cookie: w.cookies.admin, body: { name: ' ' } })
    expect(empty.status).toBe(400)
    expect(empty.body.errors).toHaveProperty('name')
  })
})

describe('PUT/DELETE /api/towns/:id', () => {
  it('renames and deletes an empty town, auditing both', async () => {
    const { body: town } = await api('/api/towns', {
      cookie: w.cookies.admin,
      body: { name: '待删镇' },
    })
    const put = await api(`/api/towns/${town.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { id: town.id, name: '改名镇' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.name).toBe('改名镇')
    const del = await api(`/api/towns/${town.id}`, { method: 'DELETE', cookie: w.cookies.admin })
    expect(del.status, JSON.stringify(del.body)).toBe(200)
    expect(del.body).toEqual({ id: town.id, name: '改名镇', version: 2 })
    expect((await auditRows('towns', town.id)).map((r) => r.action)).toEqual([
      'create',
      'update',
      'delete',
    ])
    expect((await api(`/api/towns/${town.id}`, { cookie: w.cookies.admin })).status).toBe(404)
  })

  it('returns 409 when the town still has neighborhoods', async () => {
    const r = await api(`/api/towns/${other.townId}`, { method: 'DELETE', cookie: w.cookies.admin })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
  })
})

describe('/api/neighborhoods', () => {
  it('lists only the neighborhoods in scope, and filters by town', async () => {
    const staff = await api('/api/neighborhoods', { cookie: w.cookies.staff })
    expect(staff.status, JSON.stringify(staff.body)).toBe(200)
    expect(staff.body).toEqual([
      {
        id: w.neighborhoodIds[0],
        townId: w.townId,
        name: expect.any(String),
        slug: expect.any(String),
        contactPhone: '',
        version: 1,
      },
    ])
    const town = await api('/api/neighborhoods', { cookie: w.cookies.town })
    expect(town.body.map((n: { id: number }) => n.id).sort()).toEqual([...w.neighborhoodIds].sort())
    const admin = await api(`/api/neighborhoods${q({ filter: { townId: other.townId } })}`, {
      cookie: w.cookies.admin,
    })
    expect(admin.body.map((n: { id: number }) => n.id)).toEqual(other.neighborhoodIds)
  })

  it('returns 404 for a neighborhood out of scope', async () => {
    expect(
      (await api(`/api/neighborhoods/${w.neighborhoodIds[1]}`, { cookie: w.cookies.staff })).status,
    ).toBe(404)
    expect(
      (await api(`/api/neighborhoods/${other.neighborhoodIds[0]}`, { cookie: w.cookies.town }))
        .status,
    ).toBe(404)
  })

  it('lets only admins create, validating town and slug', async () => {
    const body = { townId: w.townId, name: '慧华苑', slug: 'huihuayuan' }
    expect((await api('/api/neighborhoods', { cookie: w.cookies.town, body })).status).toBe(403)
    const bad = await api('/api/neighborhoods', {
      cookie: w.cookies.admin,
      body: { ...body, townId: 99999, slug: 'Bad Slug!' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toHaveProperty('slug')
    const noTown = await api('/api/neighborhoods', {
      cookie: w.cookies.admin,
      body: { ...body, townId: 99999 },
    })
    expect(noTown.status, JSON.stringify(noTown.body)).toBe(400)
    expect(noTown.body.errors).toHaveProperty('townId')
    const ok = await api('/api/neighborhoods', { cookie: w.cookies.admin, body })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body).toEqual({ id: expect.any(Number), ...body, contactPhone: '', version: 1 })
    const dup = await api('/api/neighborhoods', {
      cookie: w.cookies.admin,
      body: { ...body, name: '另一个' },
    })
    expect(dup.status).toBe(409)
    expect(dup.body.errors).toHaveProperty('slug')
  })
})

describe('/api/grids', () => {
  it('lets staff create a grid in scope, audited; 404 out of scope; 403 for viewers', async () => {
    const [n1, n2] = w.neighborhoodIds
    const ok = await api('/api/grids', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, name: '1号楼组' },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body).toEqual({
      id: expect.any(Number),
      neighborhoodId: n1,
      name: '1号楼组',
      version: 1,
    })
    expect((await auditRows('grids', ok.body.id))[0]).toMatchObject({
      action: 'create',
      user_id: w.users.staff.id,
    })
    const out = await api('/api/grids', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n2, name: 'x' },
    })
    expect(out.status, JSON.stringify(out.body)).toBe(404)
    const viewer = await api('/api/grids', {
      cookie: w.cookies.viewer,
      body: { neighborhoodId: n1, name: 'y' },
    })
    expect(viewer.status).toBe(403)
    const dup = await api('/api/grids', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, name: '1号楼组' },
    })
    expect(dup.status).toBe(409)
  })

  it('scopes the list and single reads', async () => {
    const [n1, n2] = w.neighborhoodIds
    const { body: g2 } = await api('/api/grids', {
      cookie: w.cookies.town,
      body: { neighborhoodId: n2, name: '二区' },
    })
    const list = await api(`/api/grids${q({ filter: { neighborhoodId: [n1, n2] } })}`, {
      cookie: w.cookies.staff,
    })
    expect(list.body.every((g: { neighborhoodId: number }) => g.neighborhoodId === n1)).toBe(true)
    expect((await api(`/api/grids/${g2.id}`, { cookie: w.cookies.staff })).status).toBe(404)
    expect(
      (
        await api(`/api/grids/${g2.id}`, {
          method: 'PUT',
          cookie: w.cookies.staff,
          body: { name: 'z' },
        })
      ).status,
    ).toBe(404)
    expect(
      (await api(`/api/grids/${g2.id}`, { method: 'DELETE', cookie: w.cookies.staff })).status,
    ).toBe(404)
    expect((await api(`/api/grids/${g2.id}`, { cookie: w.cookies.town })).status).toBe(200)
  })

  it('renames, refuses a move to another neighborhood, and deletes', async () => {
    const [n1, n2] = w.neighborhoodIds
    const { body: g } = await api('/api/grids', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, name: '3号楼' },
    })
    const moved = await api(`/api/grids/${g.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { ...g, neighborhoodId: n2 },
    })
    expect(moved.status).toBe(400)
    const put = await api(`/api/grids/${g.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { ...g, name: '3号楼组' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.name).toBe('3号楼组')
    const del = await api(`/api/grids/${g.id}`, { method: 'DELETE', cookie: w.cookies.staff })
    expect(del.status).toBe(200)
    expect((await auditRows('grids', g.id)).map((r) => r.action)).toEqual([
      'create',
      'update',
      'delete',
    ])
  })
})

describe('/api/categories', () => {
  it('lets every role read, sorted by sortOrder, and filter on active', async () => {
    await env.DB.prepare(
      "INSERT INTO categories (name, name_en, sort_order, active) VALUES ('停车', 'Parking', 2, 1), ('绿化', 'Greenery', 1, 1), ('旧分类', 'Old', 0, 0)",
    ).run()
    const r = await api(`/api/categories${q({ filter: { active: true } })}`, {
      cookie: w.cookies.viewer,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.map((x: { name: string }) => x.name)).toEqual(['绿化', '停车'])
    expect(r.body[0]).toEqual({
      id: expect.any(Number),
      name: '绿化',
      nameEn: 'Greenery',
      sortOrder: 1,
      active: true,
      version: 1,
    })
    const inactive = await api(`/api/categories${q({ filter: { active: false } })}`, {
      cookie: w.cookies.staff,
    })
    expect(inactive.body.map((x: { name: string }) => x.name)).toEqual(['旧分类'])
  })

  it('lets only admins write; an update keeps the fields not sent', async () => {
    const body = { name: '加装电梯', nameEn: 'Lifts', sortOrder: 5 }
    expect((await api('/api/categories', { cookie: w.cookies.staff, body })).status).toBe(403)
    const c = await api('/api/categories', { cookie: w.cookies.admin, body })
    expect(c.status, JSON.stringify(c.body)).toBe(201)
    expect(c.body).toMatchObject({ ...body, active: true })
    const put = await api(`/api/categories/${c.body.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { active: false },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({ ...body, active: false })
    expect(
      (
        await api(`/api/categories/${c.body.id}`, {
          method: 'PUT',
          cookie: w.cookies.town,
          body: { active: true },
        })
      ).status,
    ).toBe(403)
  })

  it('refuses to delete a category in use (409) but deletes an unused one', async () => {
    const used = await api('/api/categories', {
      cookie: w.cookies.admin,
      body: { name: '环境卫生', nameEn: 'Sanitation' },
    })
    await insertTopic(w.neighborhoodIds[0], { category_id: used.body.id })
    const r = await api(`/api/categories/${used.body.id}`, {
      method: 'DELETE',
      cookie: w.cookies.admin,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    const unused = await api('/api/categories', {
      cookie: w.cookies.admin,
      body: { name: '其他', nameEn: 'Other' },
    })
    const ok = await api(`/api/categories/${unused.body.id}`, {
      method: 'DELETE',
      cookie: w.cookies.admin,
    })
    expect(ok.status).toBe(200)
    expect(
      (await api(`/api/categories/${unused.body.id}`, { cookie: w.cookies.admin })).status,
    ).toBe(404)
  })
})

describe('channel codes', () => {
  it('use no look-alike characters and are 8 long', () => {
    for (const ch of '0O1IL2Z5S8BUV') expect(CHANNEL_CODE_ALPHABET).not.toContain(ch)
    const codes = new Set(Array.from({ length: 500 }, newChannelCode))
    expect(codes.size).toBe(500)
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${CHANNEL_CODE_ALPHABET}]{8}$`))
  })

  it('normalise what people type', () => {
    expect(normalizeChannelCode(' acde-fghj ')).toBe('ACDEFGHJ')
    expect(normalizeChannelCode('ACDEFGH0')).toBeNull()
    expect(normalizeChannelCode('ACD')).toBeNull()
  })
})

describe('/api/channels', () => {
  it('creates a channel with a server code and its URLs', async () => {
    const [n1] = w.neighborhoodIds
    const r = await api('/api/channels', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, kind: 'qr', label: '3号楼楼道留言板', code: 'MINE', scans: 99 },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({
      neighborhoodId: n1,
      gridId: null,
      kind: 'qr',
      label: '3号楼楼道留言板',
      scans: 0,
      submissions: 0,
      active: true,
    })
    expect(r.body.code).toMatch(/^[A-Z0-9]{8}$/)
    expect(r.body.code).not.toBe('MINE')
    expect(r.body).toMatchObject({
      url: `/q/${r.body.code}`,
      posterUrl: `/q/${r.body.code}/poster`,
      qrUrl: `/q/${r.body.code}/qr.svg`,
    })
    expect((await auditRows('channels', r.body.id))[0].action).toBe('create')
  })

  it('refuses a grid of another neighborhood (400), other scopes (404) and viewers (403)', async () => {
    const [n1, n2] = w.neighborhoodIds
    const { body: g2 } = await api('/api/grids', {
      cookie: w.cookies.admin,
      body: { neighborhoodId: n2, name: '外区' },
    })
    const badGrid = await api('/api/channels', {
      cookie: w.cookies.admin,
      body: { neighborhoodId: n1, gridId: g2.id, kind: 'box', label: 'x' },
    })
    expect(badGrid.status, JSON.stringify(badGrid.body)).toBe(400)
    expect(badGrid.body.errors).toHaveProperty('gridId')
    const badKind = await api('/api/channels', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, kind: 'fax', label: 'x' },
    })
    expect(badKind.status).toBe(400)
    expect(badKind.body.errors).toHaveProperty('kind')
    expect(
      (
        await api('/api/channels', {
          cookie: w.cookies.staff,
          body: { neighborhoodId: n2, kind: 'box', label: 'x' },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await api('/api/channels', {
          cookie: w.cookies.viewer,
          body: { neighborhoodId: n1, kind: 'box', label: 'x' },
        })
      ).status,
    ).toBe(403)
  })

  it('lists in scope with kind and active filters', async () => {
    const [n1, n2] = w.neighborhoodIds
    await api('/api/channels', {
      cookie: w.cookies.town,
      body: { neighborhoodId: n2, kind: 'phone', label: '二区电话' },
    })
    await api('/api/channels', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, kind: 'phone', label: '一区电话', active: false },
    })
    const staff = await api(`/api/channels${q({ filter: { kind: ['phone', 'visit'] } })}`, {
      cookie: w.cookies.viewer,
    })
    expect(staff.status, JSON.stringify(staff.body)).toBe(200)
    expect(staff.body.map((x: { label: string }) => x.label)).toEqual(['一区电话'])
    const town = await api(
      `/api/channels${q({ filter: { kind: 'phone', active: true }, sort: ['label', 'ASC'] })}`,
      { cookie: w.cookies.town },
    )
    expect(town.body.map((x: { label: string }) => x.label)).toEqual(['二区电话'])
    expect(town.res.headers.get('content-range')).toBe('channels 0-0/1')
  })

  it('updates label, grid and active but never code or counters; 409 when deleting a used one', async () => {
    const [n1] = w.neighborhoodIds
    const { body: ch } = await api('/api/channels', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, kind: 'qr', label: '旧名' },
    })
    const { body: g } = await api('/api/grids', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, name: '5号楼' },
    })
    const put = await api(`/api/channels/${ch.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { ...ch, label: '新名', gridId: g.id, active: false, code: 'HACKED12', scans: 1000 },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({
      label: '新名',
      gridId: g.id,
      active: false,
      code: ch.code,
      scans: 0,
    })
    await insertTopic(n1, { channel_id: ch.id })
    const del = await api(`/api/channels/${ch.id}`, { method: 'DELETE', cookie: w.cookies.staff })
    expect(del.status, JSON.stringify(del.body)).toBe(409)
  })
})

describe('/api/audit-log', () => {
  it('shows admins every row with the user name and parsed before/after, filtered', async () => {
    // Ids of deleted rows are reused, so earlier rows may name the same record id.
    const started = Date.now()
    const { body: t } = await api('/api/towns', {
      cookie: w.cookies.admin,
      body: { name: '审计镇' },
    })
    await api(`/api/towns/${t.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { name: '审计镇二' },
    })
    const filter = {
      resource: 'towns',
      recordId: t.id,
      userId: w.users.admin.id,
      action: 'update',
      from: started,
    }
    const r = await api(`/api/audit-log${q({ filter })}`, { cookie: w.cookies.admin })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(Number),
        userId: w.users.admin.id,
        userName: '测试admin',
        action: 'update',
        resource: 'towns',
        recordId: String(t.id),
        before: { id: t.id, name: '审计镇' },
        after: { name: '审计镇二' },
        // Names need no label: only ids and codes get one (tests/audit-readable.test.ts).
        labels: { before: {}, after: {} },
      },
    ])
    const one = await api(`/api/audit-log/${r.body[0].id}`, { cookie: w.cookies.admin })
    expect(one.body).toEqual(r.body[0])
    const at = r.body[0].at
    const inRange = await api(
      `/api/audit-log${q({ filter: { ...filter, from: at, to: at + 1 } })}`,
      { cookie: w.cookies.admin },
    )
    expect(inRange.body).toHaveLength(1)
    const after = await api(`/api/audit-log${q({ filter: { ...filter, from: at + 1 } })}`, {
      cookie: w.cookies.admin,
    })
    expect(after.body).toHaveLength(0)
  })

  it('is refused to staff and viewers, and read-only', async () => {
    expect((await api('/api/audit-log', { cookie: w.cookies.staff })).status).toBe(403)
    expect((await api('/api/audit-log', { cookie: w.cookies.viewer })).status).toBe(403)
    expect(
      (await api('/api/audit-log', { cookie: w.cookies.admin, body: { action: 'x' } })).status,
    ).toBe(404)
  })

  it("shows a town user their staff's rows but not admins' rows", async () => {
    const { body: g } = await api('/api/grids', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: w.neighborhoodIds[0], name: '审计网格' },
    })
    await api(`/api/grids/${g.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { name: '审计网格2' },
    })
    const r = await api(`/api/audit-log${q({ filter: { resource: 'grids', recordId: g.id } })}`, {
      cookie: w.cookies.town,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.map((x: { action: string; userId: number }) => [x.action, x.userId])).toEqual([
      ['create', w.users.staff.id],
    ])
    const admin = await api(
      `/api/audit-log${q({ filter: { resource: 'grids', recordId: g.id } })}`,
      { cookie: w.cookies.admin },
    )
    expect(admin.body).toHaveLength(2)
  })
})

describe('/api/saved-views', () => {
  it("keeps each user's views to themselves; viewers may not save one", async () => {
    const params = {
      filter: { status: ['submitted'] },
      sort: ['createdAt', 'DESC'],
      columns: ['title'],
    }
    const refused = await api('/api/saved-views', {
      cookie: w.cookies.viewer,
      body: { resource: 'topics', name: '待受理', params },
    })
    expect(refused.status, JSON.stringify(refused.body)).toBe(403)
    const c = await api('/api/saved-views', {
      cookie: w.cookies.town,
      body: { resource: 'topics', name: '待受理', params },
    })
    expect(c.status, JSON.stringify(c.body)).toBe(201)
    expect(c.body).toEqual({
      id: expect.any(Number),
      resource: 'topics',
      name: '待受理',
      params,
      createdAt: expect.any(Number),
    })
    expect((await api(`/api/saved-views/${c.body.id}`, { cookie: w.cookies.staff })).status).toBe(
      404,
    )
    expect(
      (
        await api(`/api/saved-views/${c.body.id}`, {
          method: 'PUT',
          cookie: w.cookies.admin,
          body: { name: 'x' },
        })
      ).status,
    ).toBe(404)
    expect(
      (await api(`/api/saved-views/${c.body.id}`, { method: 'DELETE', cookie: w.cookies.staff }))
        .status,
    ).toBe(404)
    const staffList = await api('/api/saved-views', { cookie: w.cookies.staff })
    expect(staffList.body.map((v: { id: number }) => v.id)).not.toContain(c.body.id)
    const mine = await api(`/api/saved-views${q({ filter: { resource: 'topics' } })}`, {
      cookie: w.cookies.town,
    })
    expect(mine.body).toEqual([c.body])
    const viewers = await api('/api/saved-views', { cookie: w.cookies.viewer })
    expect(viewers.body).toEqual([])
  })

  it('updates, refuses duplicates (409) and deletes', async () => {
    const body = { resource: 'projects', name: '逾期', params: { filter: { overdue: true } } }
    const { body: v } = await api('/api/saved-views', { cookie: w.cookies.staff, body })
    expect((await api('/api/saved-views', { cookie: w.cookies.staff, body })).status).toBe(409)
    const put = await api(`/api/saved-views/${v.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { params: { filter: {} } },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({ name: '逾期', params: { filter: {} } })
    const bad = await api('/api/saved-views', {
      cookie: w.cookies.staff,
      body: { ...body, name: '坏', params: [1] },
    })
    expect(bad.status).toBe(400)
    expect(
      (await api(`/api/saved-views/${v.id}`, { method: 'DELETE', cookie: w.cookies.staff })).status,
    ).toBe(200)
    expect((await api(`/api/saved-views/${v.id}`, { cookie: w.cookies.staff })).status).toBe(404)
  })
})
