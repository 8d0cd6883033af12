import { env, SELF } from 'cloudflare:test'
import simpleRestProvider from 'ra-data-simple-rest'
import { fetchUtils, HttpError } from 'ra-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld, fileTopic, ORIGIN } from './helpers'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
beforeAll(async () => {
  w = await createWorld()
})

const q = (params: Record<string, unknown>) =>
  '?' +
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&')
const topic = (id: number) =>
  env.DB.prepare('SELECT * FROM topics WHERE id = ?').bind(id).first<Record<string, any>>()
const eventsOf = (id: number) =>
  env.DB.prepare(
    'SELECT kind, from_status, to_status, public_note FROM topic_events WHERE topic_id = ? ORDER BY id',
  )
    .bind(id)
    .all<Record<string, any>>()
    .then((r) => r.results)
const newProject = async (body: Record<string, unknown> = {}, cookie = w.cookies.staff) =>
  api('/api/projects', {
    cookie,
    body: { title: '项目', neighborhoodId: w.neighborhoodIds[0], ...body },
  })

describe('POST /api/projects (adopt)', () => {
  it('creates the project, links and adopts the topics, with events, audit rows and checklist', async () => {
    const a = await fileTopic(w.neighborhoodIds[0])
    const b = await fileTopic(w.neighborhoodIds[0], { status: 'accepted' })
    const r = await newProject({
      title: '慧华苑加装电梯',
      owningBody: '慧华苑居民区党总支',
      ownerUserId: w.users.staff.id,
      deadlineAt: Date.now() + 86_400_000,
      topicIds: [a.id, b.id],
      checklist: [{ title: '征询意见' }, { title: '施工', ownerUserId: w.users.staff.id }],
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({
      title: '慧华苑加装电梯',
      status: 'planned',
      topicIds: [a.id, b.id],
      checklistTotal: 2,
      checklistDone: 0,
      progress: 0,
      overdue: false,
      evaluationCount: 0,
      satisfactionAvg: null,
      resolvedShare: null,
    })
    for (const t of [a, b]) {
      expect(await topic(t.id)).toMatchObject({ status: 'adopted', project_id: r.body.id })
      expect((await topic(t.id))!.adopted_at).toBeGreaterThan(0)
      expect((await eventsOf(t.id)).at(-1)).toMatchObject({
        kind: 'adopted',
        to_status: 'adopted',
        public_note: '项目「慧华苑加装电梯」',
      })
    }
    const links = await env.DB.prepare(
      'SELECT topic_id FROM project_topics WHERE project_id = ? ORDER BY topic_id',
    )
      .bind(r.body.id)
      .all()
    expect(links.results).toEqual([{ topic_id: a.id }, { topic_id: b.id }])
    const audits = await env.DB.prepare(
      `SELECT resource, action, record_id FROM audit_log WHERE (resource = 'projects' AND record_id = ?) OR (resource = 'topics' AND action = 'adopt' AND record_id IN (?, ?)) ORDER BY id`,
    )
      .bind(String(r.body.id), String(a.id), String(b.id))
      .all()
    expect(audits.results).toHaveLength(3)
    expect(audits.results[0]).toMatchObject({ resource: 'projects', action: 'create' })
  })

  it('changes nothing when one topic cannot be adopted (409 naming it)', async () => {
    const ok = await fileTopic(w.neighborhoodIds[0])
    const done = await fileTopic(w.neighborhoodIds[0], { status: 'declined' })
    const r = await newProject({ title: '不该创建的项目', topicIds: [ok.id, done.id] })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(r.body.code).toBe('illegal_transition')
    expect(Object.keys(r.body.errors)).toEqual([String(done.id)])
    expect((await topic(ok.id))!.status).toBe('submitted')
    const n = await env.DB.prepare(
      `SELECT count(*) AS n FROM projects WHERE title = '不该创建的项目'`,
    ).first<{ n: number }>()
    expect(n!.n).toBe(0)
  })

  it('refuses topics of another neighborhood (409) or outside the scope (404)', async () => {
    const far = await fileTopic(w.neighborhoodIds[1])
    const cross = await newProject({ topicIds: [far.id] }, w.cookies.admin)
    expect(cross.status, JSON.stringify(cross.body)).toBe(409)
    const out = await newProject({ topicIds: [far.id] })
    expect(out.status, JSON.stringify(out.body)).toBe(404)
    expect((await topic(far.id))!.status).toBe('submitted')
  })

  it('returns 400 with field errors, 404 for a neighborhood out of scope, 403 for viewers', async () => {
    const missing = await api('/api/projects', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: w.neighborhoodIds[0] },
    })
    expect(missing.status, JSON.stringify(missing.body)).toBe(400)
    expect(missing.body.errors.title).toBeTruthy()
    const owner = await newProject({ ownerUserId: 99999999, checklist: [{ title: '' }] })
    expect(owner.status, JSON.stringify(owner.body)).toBe(400)
    expect(owner.body.errors['checklist.0.title']).toBeTruthy()
    const unknownOwner = await newProject({ ownerUserId: 99999999 })
    expect(unknownOwner.status, JSON.stringify(unknownOwner.body)).toBe(400)
    expect(unknownOwner.body.errors.ownerUserId).toBeTruthy()
    const closed = await newProject({ status: 'done' })
    expect(closed.status, JSON.stringify(closed.body)).toBe(400)
    const out = await newProject({ neighborhoodId: w.neighborhoodIds[1] })
    expect(out.status, JSON.stringify(out.body)).toBe(404)
    const viewer = await newProject({}, w.cookies.viewer)
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(403)
  })
})

describe('PUT /api/projects/:id', () => {
  it('carries in_progress and done to the topics with events; done sets done_at and is final', async () => {
    const a = await fileTopic(w.neighborhoodIds[0])
    const b = await fileTopic(w.neighborhoodIds[0])
    const p = (await newProject({ title: '楼道微更新', topicIds: [a.id] })).body
    // A topic adopted into the project later follows it too.
    const started = await api(`/api/projects/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { ...p, status: 'in_progress' },
    })
    expect(started.status, JSON.stringify(started.body)).toBe(200)
    expect(started.body.status).toBe('in_progress')
    expect((await topic(a.id))!.status).toBe('in_progress')
    const joined = await api(`/api/topics/${b.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'adopted', projectId: p.id },
    })
    expect(joined.status, JSON.stringify(joined.body)).toBe(200)
    expect(joined.body).toMatchObject({ status: 'in_progress', projectId: p.id })
    const done = await api(`/api/projects/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { status: 'done' },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.doneAt).toBeGreaterThan(0)
    expect(done.body.topicIds).toEqual([a.id, b.id])
    for (const t of [a, b]) {
      expect(await topic(t.id)).toMatchObject({ status: 'done' })
      expect((await topic(t.id))!.done_at).toBeGreaterThan(0)
    }
    expect((await eventsOf(a.id)).map((e) => e.to_status)).toEqual([
      'submitted',
      'adopted',
      'in_progress',
      'done',
    ])
    expect((await eventsOf(a.id)).at(-1)!.public_note).toBe('项目「楼道微更新」已完成')
    const back = await api(`/api/projects/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { status: 'planned' },
    })
    expect(back.status, JSON.stringify(back.body)).toBe(409)
    expect(back.body.code).toBe('illegal_transition')
    const audit = await env.DB.prepare(
      `SELECT count(*) AS n FROM audit_log WHERE resource = 'topics' AND action = 'project_status' AND record_id = ?`,
    )
      .bind(String(a.id))
      .first<{ n: number }>()
    expect(audit!.n).toBe(2)
  })

  it('moves adopted topics through in_progress when a planned project is done at once', async () => {
    const a = await fileTopic(w.neighborhoodIds[0])
    const p = (await newProject({ topicIds: [a.id] })).body
    const r = await api(`/api/projects/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { status: 'done' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect((await eventsOf(a.id)).map((e) => e.to_status)).toEqual([
      'submitted',
      'adopted',
      'in_progress',
      'done',
    ])
  })

  it('refuses adopting into a closed project, edits fields with an audit row, 404 out of scope', async () => {
    const p = (await newProject({ title: '旧名' })).body
    const r = await api(`/api/projects/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { title: '新名', owningBody: '上海大学美术学院团队' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ title: '新名', owningBody: '上海大学美术学院团队' })
    const audit = await env.DB.prepare(
      `SELECT before, after FROM audit_log WHERE resource = 'projects' AND action = 'update' AND record_id = ?`,
    )
      .bind(String(p.id))
      .first<{ before: string; after: string }>()
    expect(JSON.parse(audit!.before)).toEqual({ title: '旧名', owningBody: '' })
    await api(`/api/projects/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { status: 'cancelled' },
    })
    const t = await fileTopic(w.neighborhoodIds[0])
    const late = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'adopted', projectId: p.id },
    })
    expect(late.status, JSON.stringify(late.body)).toBe(409)
    expect((await topic(t.id))!.status).toBe('submitted')
    const far = (await newProject({ neighborhoodId: w.neighborhoodIds[1] }, w.cookies.admin)).body
    const read = await api(`/api/projects/${far.id}`, { cookie: w.cookies.staff })
    expect(read.status, JSON.stringify(read.body)).toBe(404)
    const write = await api(`/api/projects/${far.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { title: 'x' },
    })
    expect(write.status, JSON.stringify(write.body)).toBe(404)
    const viewer = await api(`/api/projects/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.viewer,
      body: { title: 'x' },
    })
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(403)
  })
})

describe('checklist items, progress and overdue', () => {
  it('derives progress from done items and flags overdue items and projects', async () => {
    const p = (await newProject({ title: '进度项目', deadlineAt: Date.now() - 1000 })).body
    expect(p.overdue).toBe(true)
    const add = (title: string, dueAt?: number) =>
      api('/api/checklist-items', {
        cookie: w.cookies.staff,
        body: { projectId: p.id, title, dueAt },
      })
    const i1 = await add('征询居民意见', Date.now() - 60_000)
    expect(i1.status, JSON.stringify(i1.body)).toBe(201)
    expect(i1.body).toMatchObject({ projectId: p.id, done: false, overdue: true, sortOrder: 1 })
    const i2 = await add('设计方案')
    expect(i2.body.sortOrder).toBe(2)
    const tick = await api(`/api/checklist-items/${i1.body.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { ...i1.body, done: true },
    })
    expect(tick.status, JSON.stringify(tick.body)).toBe(200)
    expect(tick.body).toMatchObject({ done: true, overdue: false })
    expect(tick.body.doneAt).toBeGreaterThan(0)
    const project = await api(`/api/projects/${p.id}`, { cookie: w.cookies.staff })
    expect(project.body).toMatchObject({
      checklistTotal: 2,
      checklistDone: 1,
      progress: 50,
      overdue: true,
    })
    const list = await api(`/api/checklist-items${q({ filter: { projectId: p.id } })}`, {
      cookie: w.cookies.viewer,
    })
    expect(list.body.map((i: any) => i.title)).toEqual(['征询居民意见', '设计方案'])
    expect(list.res.headers.get('content-range')).toBe('checklist-items 0-1/2')
    const missing = await api('/api/checklist-items', {
      cookie: w.cookies.staff,
      body: { projectId: p.id },
    })
    expect(missing.status, JSON.stringify(missing.body)).toBe(400)
    expect(missing.body.errors.title).toBeTruthy()
    const del = await api(`/api/checklist-items/${i2.body.id}`, {
      method: 'DELETE',
      cookie: w.cookies.staff,
    })
    expect(del.status, JSON.stringify(del.body)).toBe(200)
    const after = await api(`/api/projects/${p.id}`, { cookie: w.cookies.staff })
    expect(after.body).toMatchObject({ checklistTotal: 1, checklistDone: 1, progress: 100 })
    const audits = await env.DB.prepare(
      `SELECT action FROM audit_log WHERE resource = 'checklist-items' AND record_id IN (?, ?) ORDER BY id`,
    )
      .bind(String(i1.body.id), String(i2.body.id))
      .all()
    expect(audits.results.map((a: any) => a.action)).toEqual([
      'create',
      'create',
      'update',
      'delete',
    ])
  })

  it('refuses checklist writes on projects outside the scope (404) and by viewers (403)', async () => {
    const far = (await newProject({ neighborhoodId: w.neighborhoodIds[1] }, w.cookies.admin)).body
    const out = await api('/api/checklist-items', {
      cookie: w.cookies.staff,
      body: { projectId: far.id, title: 'x' },
    })
    expect(out.status, JSON.stringify(out.body)).toBe(404)
    const item = await api('/api/checklist-items', {
      cookie: w.cookies.admin,
      body: { projectId: far.id, title: 'x' },
    })
    const read = await api(`/api/checklist-items/${item.body.id}`, { cookie: w.cookies.staff })
    expect(read.status, JSON.stringify(read.body)).toBe(404)
    const mine = (await newProject()).body
    const viewer = await api('/api/checklist-items', {
      cookie: w.cookies.viewer,
      body: { projectId: mine.id, title: 'x' },
    })
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(403)
  })
})

describe('GET /api/projects', () => {
  it('filters by status, owner, overdue and q, sorts and pages', async () => {
    const w2 = await createWorld()
    const mk = (body: Record<string, unknown>) =>
      api('/api/projects', {
        cookie: w2.cookies.staff,
        body: { neighborhoodId: w2.neighborhoodIds[0], ...body },
      }).then((r) => r.body)
    const late = await mk({
      title: 'A 充电桩',
      deadlineAt: Date.now() - 1000,
      ownerUserId: w2.users.staff.id,
    })
    const ok = await mk({
      title: 'B 停车位',
      deadlineAt: Date.now() + 86_400_000,
      status: 'in_progress',
    })
    const none = await mk({ title: 'C 绿化' })
    const get = (params: Record<string, unknown>) =>
      api(`/api/projects${q(params)}`, { cookie: w2.cookies.staff })
    const all = await get({ sort: ['title', 'ASC'], range: [0, 1] })
    expect(all.status, JSON.stringify(all.body)).toBe(200)
    expect(all.body.map((p: any) => p.id)).toEqual([late.id, ok.id])
    expect(all.res.headers.get('content-range')).toBe('projects 0-1/3')
    expect((await get({ filter: { overdue: true } })).body.map((p: any) => p.id)).toEqual([late.id])
    expect(
      (await get({ filter: { overdue: false }, sort: ['id', 'ASC'] })).body.map((p: any) => p.id),
    ).toEqual([ok.id, none.id])
    expect((await get({ filter: { status: 'in_progress' } })).body.map((p: any) => p.id)).toEqual([
      ok.id,
    ])
    expect(
      (await get({ filter: { ownerUserId: w2.users.staff.id } })).body.map((p: any) => p.id),
    ).toEqual([late.id])
    expect((await get({ filter: { q: '充电' } })).body.map((p: any) => p.id)).toEqual([late.id])
    expect(
      (await get({ filter: { id: [none.id, late.id] }, sort: ['id', 'ASC'] })).body.map(
        (p: any) => p.id,
      ),
    ).toEqual([late.id, none.id])
    const other = await api('/api/projects', { cookie: w.cookies.staff })
    expect(other.body.map((p: any) => p.id)).not.toContain(late.id)
  })
})

describe('project updates, evaluations and delete', () => {
  it('posts and deletes progress updates with audit rows', async () => {
    const p = (await newProject()).body
    const r = await api('/api/project-updates', {
      cookie: w.cookies.staff,
      body: { projectId: p.id, body: '已完成方案设计' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({
      projectId: p.id,
      body: '已完成方案设计',
      public: true,
      authorName: '测试staff',
    })
    const list = await api(`/api/project-updates${q({ filter: { projectId: p.id } })}`, {
      cookie: w.cookies.viewer,
    })
    expect(list.body).toHaveLength(1)
    const empty = await api('/api/project-updates', {
      cookie: w.cookies.staff,
      body: { projectId: p.id, body: ' ' },
    })
    expect(empty.status, JSON.stringify(empty.body)).toBe(400)
    const viewer = await api(`/api/project-updates/${r.body.id}`, {
      method: 'DELETE',
      cookie: w.cookies.viewer,
    })
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(403)
    const del = await api(`/api/project-updates/${r.body.id}`, {
      method: 'DELETE',
      cookie: w.cookies.staff,
    })
    expect(del.status, JSON.stringify(del.body)).toBe(200)
    const audits = await env.DB.prepare(
      `SELECT action FROM audit_log WHERE resource = 'project-updates' AND record_id = ? ORDER BY id`,
    )
      .bind(String(r.body.id))
      .all()
    expect(audits.results.map((a: any) => a.action)).toEqual(['create', 'delete'])
  })

  it('lists evaluations (codes withheld from viewers) and sums them up on the project', async () => {
    const p = (await newProject()).body
    const ins = env.DB.prepare(
      'INSERT INTO evaluations (project_id, tracking_code, resolved, satisfaction, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    await env.DB.batch([
      ins.bind(p.id, 'EVA-AAA', 'solved', 5, 1),
      ins.bind(p.id, 'EVA-BBB', 'partly', 4, 2),
    ])
    const staff = await api(`/api/evaluations${q({ filter: { projectId: p.id } })}`, {
      cookie: w.cookies.staff,
    })
    expect(staff.status, JSON.stringify(staff.body)).toBe(200)
    expect(staff.body.map((e: any) => e.trackingCode)).toEqual(['EVA-BBB', 'EVA-AAA'])
    const viewer = await api(`/api/evaluations${q({ filter: { projectId: p.id } })}`, {
      cookie: w.cookies.viewer,
    })
    expect(viewer.body.map((e: any) => e.trackingCode)).toEqual([null, null])
    const project = await api(`/api/projects/${p.id}`, { cookie: w.cookies.staff })
    expect(project.body).toMatchObject({
      evaluationCount: 2,
      satisfactionAvg: 4.5,
      resolvedShare: 0.5,
    })
    const del = await api(`/api/projects/${p.id}`, { method: 'DELETE', cookie: w.cookies.staff })
    expect(del.status, JSON.stringify(del.body)).toBe(409)
  })

  it('deletes a project without topics or evaluations, with its checklist', async () => {
    const p = (await newProject({ checklist: [{ title: '事项' }] })).body
    const r = await api(`/api/projects/${p.id}`, { method: 'DELETE', cookie: w.cookies.staff })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const left = await env.DB.prepare(
      'SELECT (SELECT count(*) FROM projects WHERE id = ?1) + (SELECT count(*) FROM checklist_items WHERE project_id = ?1) AS n',
    )
      .bind(p.id)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)
    const t = await fileTopic(w.neighborhoodIds[0])
    const linked = (await newProject({ topicIds: [t.id] })).body
    const refused = await api(`/api/projects/${linked.id}`, {
      method: 'DELETE',
      cookie: w.cookies.staff,
    })
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)
  })
})

describe('ra-data-simple-rest on topics and projects', () => {
  // The stock provider, unchanged, over SELF.fetch with a session cookie (as the admin uses it).
  const providerFor = (cookie: string) =>
    simpleRestProvider(`${ORIGIN}/api`, async (url: string, options: any = {}) => {
      const headers = fetchUtils.createHeadersFromOptions(options)
      headers.set('cookie', cookie)
      const response = await SELF.fetch(url, { ...options, headers } as RequestInit)
      const body = await response.text()
      const json = body ? JSON.parse(body) : undefined
      if (response.status < 200 || response.status >= 300)
        throw new HttpError(json?.message ?? response.statusText, response.status, json)
      return { status: response.status, headers: response.headers, body, json }
    })

  it('does getList, getOne, getMany, getManyReference, create, update and delete', async () => {
    const w3 = await createWorld()
    const staff = providerFor(w3.cookies.staff)
    const admin = providerFor(w3.cookies.admin)
    const n = w3.neighborhoodIds[0]
    const made = []
    for (const title of ['甲 楼道灯', '乙 电梯', '丙 停车'])
      made.push(
        (await staff.create('topics', { data: { neighborhoodId: n, title, channelKind: 'visit' } }))
          .data,
      )
    const page = await staff.getList('topics', {
      pagination: { page: 1, perPage: 2 },
      sort: { field: 'title', order: 'ASC' },
      filter: { q: '楼道' },
    })
    expect(page.total).toBe(1)
    expect(page.data.map((t) => t.title)).toEqual(['甲 楼道灯'])
    const sorted = await staff.getList('topics', {
      pagination: { page: 2, perPage: 2 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    })
    expect(sorted).toMatchObject({ total: 3, data: [{ id: made[2].id }] })
    expect((await staff.getOne('topics', { id: made[1].id })).data.title).toBe('乙 电梯')
    const many = await staff.getMany('topics', { ids: [made[0].id, made[2].id] })
    expect(many.data.map((t) => t.id).sort()).toEqual([made[0].id, made[2].id].sort())
    const updated = await staff.update('topics', {
      id: made[1].id,
      data: { ...made[1], title: '乙 加装电梯' },
      previousData: made[1],
    })
    expect(updated.data.title).toBe('乙 加装电梯')
    const project = (
      await staff.create('projects', {
        data: { neighborhoodId: n, title: '电梯项目', topicIds: [made[1].id] },
      })
    ).data
    const linked = await staff.getManyReference('topics', {
      target: 'projectId',
      id: project.id,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    })
    expect(linked).toMatchObject({ total: 1, data: [{ id: made[1].id, status: 'adopted' }] })
    const timeline = await staff.getManyReference('topic-events', {
      target: 'topicId',
      id: made[1].id,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'at', order: 'ASC' },
      filter: {},
    })
    expect(timeline.data.map((e) => e.kind)).toEqual(['submitted', 'adopted'])
    const edited = await staff.update('projects', {
      id: project.id,
      data: { ...project, status: 'in_progress' },
      previousData: project,
    })
    expect(edited.data).toMatchObject({ status: 'in_progress', topicIds: [made[1].id] })
    const gone = await admin.delete('topics', { id: made[0].id, previousData: made[0] })
    expect(gone.data.id).toBe(made[0].id)
    await expect(staff.getOne('topics', { id: made[0].id })).rejects.toMatchObject({ status: 404 })
  })
})
