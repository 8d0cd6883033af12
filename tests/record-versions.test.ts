import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createWorld, fileTopic } from './helpers'
import { createForm, slug as formSlug } from './forms-fixtures'

// No lost updates: records staff edit carry a `version`. An update names the version it read
// (`version` in the body, or `If-Match`); a stale one answers 409 `conflict` with the current
// record and writes nothing (no audit row either: nothing is silently reverted); a successful one
// moves the version on in the same guarded statement. An update naming no version is taken as
// last-writer-wins (documented in the README) and still moves the version on.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

beforeAll(async () => {
  w = await createWorld()
})

const auditRows = (resource: string, id: number) =>
  env.DB.prepare(
    'SELECT action, before, after FROM audit_log WHERE resource = ? AND record_id = ? ORDER BY id',
  )
    .bind(resource, String(id))
    .all<{ action: string; before: string | null; after: string | null }>()
    .then((r) => r.results)

describe('two editors of one topic', () => {
  it('gives the second a 409 with the current record, and keeps the first edit', async () => {
    const topic = await fileTopic(w.neighborhoodIds[0], { title: '楼道灯不亮' })
    const cookie = w.cookies.staff
    const a = await api(`/api/topics/${topic.id}`, { cookie })
    const b = await api(`/api/topics/${topic.id}`, { cookie: w.cookies.town })
    expect(a.status).toBe(200)
    expect(a.body.version).toBe(1)
    expect(b.body.version).toBe(1)

    const first = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie,
      body: { ...a.body, title: '3号楼楼道灯不亮' },
    })
    expect(first.status, first.text).toBe(200)
    expect(first.body).toMatchObject({ title: '3号楼楼道灯不亮', version: 2 })

    const second = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { ...b.body, title: '楼道灯坏了', location: '5号楼' },
    })
    expect(second.status, second.text).toBe(409)
    expect(second.body.code).toBe('conflict')
    expect(second.body.message).toMatch(/其他人|他人/)
    expect(second.body.current).toMatchObject({
      id: topic.id,
      title: '3号楼楼道灯不亮',
      location: '',
      version: 2,
    })

    const now = await api(`/api/topics/${topic.id}`, { cookie })
    expect(now.body).toMatchObject({ title: '3号楼楼道灯不亮', location: '', version: 2 })
    // One update in the log: the first editor's. Nothing of the second was written.
    const rows = await auditRows('topics', topic.id)
    expect(rows.map((r) => r.action)).toEqual(['update'])
    expect(JSON.parse(rows[0].after!)).toEqual({ title: '3号楼楼道灯不亮' })

    // Reapplied on top of the current version, the second edit goes through.
    const again = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { location: '5号楼', version: second.body.current.version },
    })
    expect(again.status, again.text).toBe(200)
    expect(again.body).toMatchObject({ title: '3号楼楼道灯不亮', location: '5号楼', version: 3 })
  })

  it('takes the version from If-Match too, and refuses a malformed one', async () => {
    const topic = await fileTopic(w.neighborhoodIds[0])
    const cookie = w.cookies.staff
    const stale = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie,
      headers: { 'if-match': '"7"' },
      body: { title: '改名一' },
    })
    expect(stale.status).toBe(409)
    expect(stale.body.current.version).toBe(1)
    const ok = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie,
      headers: { 'if-match': 'W/"1"' },
      body: { title: '改名二' },
    })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body.version).toBe(2)
    const bad = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie,
      headers: { 'if-match': 'yesterday' },
      body: { title: '改名三' },
    })
    expect(bad.status).toBe(400)
    const disagree = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie,
      headers: { 'if-match': '"2"' },
      body: { title: '改名四', version: 1 },
    })
    expect(disagree.status).toBe(400)
  })

  it('takes an update without a version as last writer wins, and still moves the version on', async () => {
    const topic = await fileTopic(w.neighborhoodIds[0])
    const r = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { title: '没有版本号的修改' },
    })
    expect(r.status, r.text).toBe(200)
    expect(r.body.version).toBe(2)
  })

  it('checks the version of a workflow move, and every move moves it on', async () => {
    const topic = await fileTopic(w.neighborhoodIds[0])
    const cookie = w.cookies.staff
    const editing = (await api(`/api/topics/${topic.id}`, { cookie })).body
    const moved = await api(`/api/topics/${topic.id}/transition`, {
      cookie,
      body: { to: 'accepted', note: '已受理', version: 1 },
    })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body).toMatchObject({ status: 'accepted', version: 2 })

    // An edit from before the move is stale.
    const edit = await api(`/api/topics/${topic.id}`, {
      method: 'PUT',
      cookie,
      body: { ...editing, title: '旧页面上的修改' },
    })
    expect(edit.status).toBe(409)
    expect(edit.body.current).toMatchObject({ status: 'accepted', version: 2 })

    const stale = await api(`/api/topics/${topic.id}/transition`, {
      cookie,
      body: { to: 'declined', note: '不予采纳', version: 1 },
    })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('conflict')
    expect(stale.body.current).toMatchObject({ status: 'accepted', version: 2 })
    const row = await env.DB.prepare('SELECT status, version FROM topics WHERE id = ?')
      .bind(topic.id)
      .first()
    expect(row).toEqual({ status: 'accepted', version: 2 })

    // A bulk move names no versions, yet moves each one on.
    const bulk = await api('/api/topics/bulk-transition', {
      cookie,
      body: { ids: [topic.id], to: 'declined', note: '不予采纳' },
    })
    expect(bulk.status, bulk.text).toBe(200)
    expect(bulk.body.data[0]).toMatchObject({ status: 'declined', version: 3 })
  })

  it("moves a topic's version on when its project carries it to done", async () => {
    const topic = await fileTopic(w.neighborhoodIds[0], { status: 'accepted' })
    const cookie = w.cookies.staff
    const p = await api('/api/projects', {
      cookie,
      body: { neighborhoodId: w.neighborhoodIds[0], title: '楼道灯改造', topicIds: [topic.id] },
    })
    expect(p.status, p.text).toBe(201)
    const adopted = (await api(`/api/topics/${topic.id}`, { cookie })).body
    expect(adopted.status).toBe('adopted')
    const done = await api(`/api/projects/${p.body.id}`, {
      method: 'PUT',
      cookie,
      body: { status: 'done', version: p.body.version },
    })
    expect(done.status, done.text).toBe(200)
    const after = (await api(`/api/topics/${topic.id}`, { cookie })).body
    expect(after.status).toBe('done')
    expect(after.version).toBeGreaterThan(adopted.version)
  })
})

// Each resource staff edit: create, read version 1, update with it (→ 2), update again with 1.
type Case = {
  resource: string
  /** The record's version field: `version`, except on forms, whose `version` is that of its fields. */
  field?: 'version' | 'revision'
  cookie: () => string
  make: () => Promise<{ id: number }>
  change: Record<string, unknown>
}

const created = async (path: string, cookie: string, body: Record<string, unknown>) => {
  const r = await api(path, { cookie, body })
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${r.text}`)
  return r.body as { id: number }
}

const cases: Case[] = [
  {
    resource: 'projects',
    cookie: () => w.cookies.staff,
    make: () =>
      created('/api/projects', w.cookies.staff, {
        neighborhoodId: w.neighborhoodIds[0],
        title: '健身苑点改造',
      }),
    change: { title: '健身苑点改造（二期）' },
  },
  {
    resource: 'checklist-items',
    cookie: () => w.cookies.staff,
    make: async () => {
      const p = await created('/api/projects', w.cookies.staff, {
        neighborhoodId: w.neighborhoodIds[0],
        title: '非机动车棚',
      })
      return created('/api/checklist-items', w.cookies.staff, { projectId: p.id, title: '选址' })
    },
    change: { done: true },
  },
  {
    resource: 'forms',
    field: 'revision',
    cookie: () => w.cookies.admin,
    make: () => createForm(w.cookies.admin, { slug: formSlug('v'), townId: w.townId }),
    change: { title: '小哥驿站需求调查（第二轮）' },
  },
  {
    resource: 'activities',
    cookie: () => w.cookies.staff,
    make: async () => (await createActivity(w.cookies.staff, w.neighborhoodIds[0])).activity,
    change: { place: '社区会客厅' },
  },
  {
    resource: 'activity-sessions',
    cookie: () => w.cookies.staff,
    make: async () => (await createActivity(w.cookies.staff, w.neighborhoodIds[0])).sessions[0],
    change: { capacity: 60 },
  },
  {
    resource: 'users',
    cookie: () => w.cookies.admin,
    make: () =>
      created('/api/users', w.cookies.admin, {
        username: `v-user-${Date.now().toString(36)}`,
        displayName: '李社工',
        role: 'staff',
        password: 'a-long-password-1',
        neighborhoodIds: [w.neighborhoodIds[0]],
      }),
    change: { displayName: '李社工（楼组长）' },
  },
  {
    resource: 'channels',
    cookie: () => w.cookies.staff,
    make: () =>
      created('/api/channels', w.cookies.staff, {
        neighborhoodId: w.neighborhoodIds[0],
        kind: 'qr',
        label: '3号楼楼道留言板',
      }),
    change: { label: '3号楼1单元楼道留言板' },
  },
  {
    resource: 'categories',
    cookie: () => w.cookies.admin,
    make: () =>
      created('/api/categories', w.cookies.admin, {
        name: `版本类别${Date.now().toString(36)}`,
        nameEn: 'Versioned',
      }),
    change: { nameEn: 'Versioned, renamed' },
  },
  {
    resource: 'neighborhoods',
    cookie: () => w.cookies.admin,
    make: () =>
      created('/api/neighborhoods', w.cookies.admin, {
        townId: w.townId,
        name: '版本苑',
        slug: `ver-${Date.now().toString(36)}`,
      }),
    change: { name: '版本新苑' },
  },
  {
    resource: 'grids',
    cookie: () => w.cookies.staff,
    make: () =>
      created('/api/grids', w.cookies.staff, {
        neighborhoodId: w.neighborhoodIds[0],
        name: `版本楼组${Date.now().toString(36)}`,
      }),
    change: { name: `版本楼组改${Date.now().toString(36)}` },
  },
  {
    resource: 'towns',
    cookie: () => w.cookies.admin,
    make: () =>
      created('/api/towns', w.cookies.admin, { name: `版本镇${Date.now().toString(36)}` }),
    change: { name: `版本新镇${Date.now().toString(36)}` },
  },
]

describe.each(cases)(
  'PUT /api/$resource/:id',
  ({ resource, field = 'version', cookie, make, change }) => {
    it('carries a version, moves it on, and answers a stale one with 409 and the current record', async () => {
      const { id } = await make()
      const read = await api(`/api/${resource}/${id}`, { cookie: cookie() })
      expect(read.status, read.text).toBe(200)
      expect(read.body[field]).toBe(1)
      const list = await api(
        `/api/${resource}?filter=${encodeURIComponent(JSON.stringify({ id: [id] }))}`,
        { cookie: cookie() },
      )
      expect(list.body[0]?.[field], list.text).toBe(1)

      const first = await api(`/api/${resource}/${id}`, {
        method: 'PUT',
        cookie: cookie(),
        body: { ...read.body, ...change, [field]: 1 },
      })
      expect(first.status, first.text).toBe(200)
      expect(first.body[field]).toBe(2)
      const audits = (await auditRows(resource, id)).length

      const second = await api(`/api/${resource}/${id}`, {
        method: 'PUT',
        cookie: cookie(),
        body: { ...read.body, [field]: 1 },
      })
      expect(second.status, second.text).toBe(409)
      expect(second.body).toMatchObject({
        code: 'conflict',
        current: { id, [field]: 2, ...change },
      })
      expect(typeof second.body.message).toBe('string')
      expect((await auditRows(resource, id)).length).toBe(audits)
      const now = await api(`/api/${resource}/${id}`, { cookie: cookie() })
      expect(now.body).toMatchObject({ [field]: 2, ...change })

      // If-Match names the same version.
      const byHeader = await api(`/api/${resource}/${id}`, {
        method: 'PUT',
        cookie: cookie(),
        headers: { 'if-match': '"1"' },
        body: { ...read.body, ...change },
      })
      expect(byHeader.status, byHeader.text).toBe(409)
    })
  },
)
