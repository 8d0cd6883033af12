import { env, SELF } from 'cloudflare:test'
import { and, desc } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../worker/db/client'
import { topicPage } from '../worker/db/queries/topics/read'
import { topics } from '../worker/db/schema'
import { inIds } from '../worker/lib/resource'
import { api, createWorld, fileTopic, ORIGIN } from './helpers'

type World = Awaited<ReturnType<typeof createWorld>>

const category = async (name: string) =>
  (await env.DB.prepare('INSERT INTO categories (name, name_en) VALUES (?, ?) RETURNING id')
    .bind(name, name)
    .first<{ id: number }>())!.id

const q = (params: Record<string, unknown>) =>
  '?' +
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&')

describe('GET /api/topics', () => {
  let w: World
  let ids: Record<string, number>
  let cat: number
  const t0 = Date.UTC(2026, 0, 10)
  beforeAll(async () => {
    w = await createWorld()
    cat = await category('加装电梯-列表')
    const [n1, n2] = w.neighborhoodIds
    ids = {
      lift: (await fileTopic(n1, { title: '3号楼加装电梯', categoryId: cat, createdAt: t0 })).id,
      parking: (
        await fileTopic(n1, {
          title: '非机动车停放',
          description: '电瓶车在楼道充电很危险',
          status: 'accepted',
          createdAt: t0 + 1000,
        })
      ).id,
      percent: (await fileTopic(n1, { title: '绿化覆盖率100%', createdAt: t0 + 2000 })).id,
      other: (await fileTopic(n2, { title: '别的居民区的电梯', createdAt: t0 + 3000 })).id,
    }
  })

  it('lists the caller scope newest first with a Content-Range header', async () => {
    const r = await api('/api/topics', { cookie: w.cookies.staff })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.map((t: any) => t.id)).toEqual([ids.percent, ids.parking, ids.lift])
    expect(r.res.headers.get('content-range')).toBe('topics 0-2/3')
    expect(r.body[0].allowedTransitions).toEqual([
      'accepted',
      'adopted',
      'merged',
      'declined',
      'referred',
    ])
    const town = await api('/api/topics', { cookie: w.cookies.town })
    expect(town.body.map((t: any) => t.id)).toContain(ids.other)
  })

  it('sorts, pages and filters by status, category and created range', async () => {
    const sorted = await api(`/api/topics${q({ sort: ['title', 'ASC'], range: [1, 1] })}`, {
      cookie: w.cookies.staff,
    })
    expect(sorted.status, JSON.stringify(sorted.body)).toBe(200)
    expect(sorted.body).toHaveLength(1)
    expect(sorted.res.headers.get('content-range')).toBe('topics 1-1/3')
    const status = await api(`/api/topics${q({ filter: { status: ['accepted'] } })}`, {
      cookie: w.cookies.staff,
    })
    expect(status.body.map((t: any) => t.id)).toEqual([ids.parking])
    const one = await api(`/api/topics${q({ filter: { status: 'submitted', categoryId: cat } })}`, {
      cookie: w.cookies.staff,
    })
    expect(one.body.map((t: any) => t.id)).toEqual([ids.lift])
    const range = await api(
      `/api/topics${q({ filter: { createdFrom: t0 + 1000, createdTo: t0 + 2000 } })}`,
      { cookie: w.cookies.staff },
    )
    expect(range.body.map((t: any) => t.id)).toEqual([ids.parking])
  })

  it('finds Chinese substrings in title and description, with % taken literally', async () => {
    const lift = await api(`/api/topics${q({ filter: { q: '电梯' } })}`, {
      cookie: w.cookies.staff,
    })
    expect(lift.body.map((t: any) => t.id)).toEqual([ids.lift])
    const desc = await api(`/api/topics${q({ filter: { q: '楼道充电' } })}`, {
      cookie: w.cookies.staff,
    })
    expect(desc.body.map((t: any) => t.id)).toEqual([ids.parking])
    const pct = await api(`/api/topics${q({ filter: { q: '100%' } })}`, { cookie: w.cookies.staff })
    expect(pct.body.map((t: any) => t.id)).toEqual([ids.percent])
    const none = await api(`/api/topics${q({ filter: { q: '%' } })}`, { cookie: w.cookies.staff })
    expect(none.body.map((t: any) => t.id)).toEqual([ids.percent])
  })

  it('answers getMany (filter id, no range) with every id asked for, in scope only', async () => {
    const many = await Promise.all(
      Array.from({ length: 30 }, () => fileTopic(w.neighborhoodIds[0])),
    )
    const wanted = [...many.map((t) => t.id), ids.other]
    const r = await api(`/api/topics${q({ filter: { id: wanted } })}`, { cookie: w.cookies.staff })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toHaveLength(30)
    expect(r.body.map((t: any) => t.id)).not.toContain(ids.other)
    // More ids than D1 binds in one statement.
    const big = await api(
      `/api/topics${q({ filter: { id: [...wanted, ...Array.from({ length: 150 }, (_, i) => 9_000_000 + i)] } })}`,
      { cookie: w.cookies.staff },
    )
    expect(big.status, JSON.stringify(big.body)).toBe(200)
    expect(big.body).toHaveLength(30)
  })

  it('returns 400 for an unknown sort field or status filter', async () => {
    const sort = await api(`/api/topics${q({ sort: ['submitterPhone', 'ASC'] })}`, {
      cookie: w.cookies.staff,
    })
    expect(sort.status, JSON.stringify(sort.body)).toBe(400)
    const status = await api(`/api/topics${q({ filter: { status: 'open' } })}`, {
      cookie: w.cookies.staff,
    })
    expect(status.status, JSON.stringify(status.body)).toBe(400)
  })

  it('uses the (neighborhood, status, created) index for a staff list, without sorting', async () => {
    const db = createDb(env.DB)
    const where = and(
      inIds(topics.neighborhoodId, [w.neighborhoodIds[0]]),
      inIds(topics.status, ['submitted']),
    )
    const query = topicPage(db, where, [desc(topics.createdAt), desc(topics.id)], 25, 0).toSQL()
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>()
    const details = plan.results.map((r) => r.detail).join('\n')
    expect(details).toContain(
      'USING INDEX topics_nbhd_status_created (neighborhood_id=? AND status=?)',
    )
    expect(details).not.toContain('TEMP B-TREE')
  })
})

describe('GET /api/topics/:id', () => {
  it('returns the record, 404 for an unknown id', async () => {
    const w = await createWorld()
    const t = await fileTopic(w.neighborhoodIds[0], { title: '楼道灯不亮' })
    const r = await api(`/api/topics/${t.id}`, { cookie: w.cookies.staff })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      id: t.id,
      title: '楼道灯不亮',
      status: 'submitted',
      trackingCode: t.trackingCode,
    })
    const missing = await api('/api/topics/99999999', { cookie: w.cookies.staff })
    expect(missing.status, JSON.stringify(missing.body)).toBe(404)
    const anon = await api(`/api/topics/${t.id}`)
    expect(anon.status, JSON.stringify(anon.body)).toBe(401)
  })
})

describe('POST /api/topics', () => {
  let w: World
  beforeAll(async () => {
    w = await createWorld()
  })
  const channelsOf = (n: number) =>
    env.DB.prepare(
      'SELECT id, kind, label, submissions FROM channels WHERE neighborhood_id = ? ORDER BY id',
    )
      .bind(n)
      .all<{ id: number; kind: string; label: string; submissions: number }>()
      .then((r) => r.results)

  it("files a topic on a resident's behalf, making the phone channel once and reusing it", async () => {
    const n = w.neighborhoodIds[0]
    const body = {
      neighborhoodId: n,
      title: '垃圾房异味',
      description: '夏天很臭',
      channelKind: 'phone',
      submitterName: '王阿姨',
      submitterPhone: '+86 138-1234-5678',
      consent: true,
    }
    const r = await api('/api/topics', { cookie: w.cookies.staff, body })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({
      neighborhoodId: n,
      title: '垃圾房异味',
      status: 'submitted',
      // Masked on screen for every role (#17.6); stored normalised, in full.
      submitterPhone: '138****5678',
      submitterName: '王阿姨',
      createdBy: w.users.staff.id,
    })
    const stored = await env.DB.prepare('SELECT submitter_phone AS phone FROM topics WHERE id = ?')
      .bind(r.body.id)
      .first<{ phone: string }>()
    expect(stored!.phone).toBe('13812345678')
    expect(r.body.consentAt).toBeGreaterThan(0)
    const again = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n, title: '又一个', channelKind: 'phone' },
    })
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    const chans = await channelsOf(n)
    expect(chans).toEqual([{ id: r.body.channelId, kind: 'phone', label: '电话', submissions: 2 }])
    expect(again.body.channelId).toBe(r.body.channelId)
    const chAudit = await env.DB.prepare(
      `SELECT count(*) AS n FROM audit_log WHERE resource = 'channels' AND action = 'create' AND record_id = ?`,
    )
      .bind(String(r.body.channelId))
      .first<{ n: number }>()
    expect(chAudit!.n).toBe(1)
    const audit = await env.DB.prepare(
      `SELECT user_id, after FROM audit_log WHERE resource = 'topics' AND action = 'create' AND record_id = ?`,
    )
      .bind(String(r.body.id))
      .first<{ user_id: number; after: string }>()
    expect(audit!.user_id).toBe(w.users.staff.id)
    expect(JSON.parse(audit!.after)).toMatchObject({ title: '垃圾房异味' })
    const ev = await env.DB.prepare(
      'SELECT kind, actor_user_id FROM topic_events WHERE topic_id = ?',
    )
      .bind(r.body.id)
      .first()
    expect(ev).toEqual({ kind: 'submitted', actor_user_id: w.users.staff.id })
  })

  it('uses a given channel of the neighborhood, or the staff-entry channel by default', async () => {
    const n = w.neighborhoodIds[0]
    const box = await env.DB.prepare(
      `INSERT INTO channels (neighborhood_id, kind, label, code, created_at) VALUES (?, 'box', '1号门意见箱', 'BOXTEST1', 0) RETURNING id`,
    )
      .bind(n)
      .first<{ id: number }>()
    const viaBox = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n, title: '意见箱纸条', channelId: box!.id },
    })
    expect(viaBox.status, JSON.stringify(viaBox.body)).toBe(201)
    expect(viaBox.body.channelId).toBe(box!.id)
    const plain = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n, title: '无渠道' },
    })
    expect(plain.status, JSON.stringify(plain.body)).toBe(201)
    expect((await channelsOf(n)).find((c) => c.id === plain.body.channelId)).toMatchObject({
      kind: 'staff',
    })
  })

  it('returns 400 with field errors for a missing title, a bad phone, missing consent, foreign refs', async () => {
    const n = w.neighborhoodIds[0]
    const missing = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n },
    })
    expect(missing.status, JSON.stringify(missing.body)).toBe(400)
    expect(missing.body.errors.title).toBeTruthy()
    const phone = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n, title: 'x', submitterPhone: '12345', consent: true },
    })
    expect(phone.status, JSON.stringify(phone.body)).toBe(400)
    expect(phone.body.errors.submitterPhone).toBeTruthy()
    const consent = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n, title: 'x', submitterName: '李' },
    })
    expect(consent.status, JSON.stringify(consent.body)).toBe(400)
    expect(consent.body.errors.consent).toBeTruthy()
    const foreign = await env.DB.prepare(
      `INSERT INTO channels (neighborhood_id, kind, label, code, created_at) VALUES (?, 'qr', '别处', 'FOREIGN1', 0) RETURNING id`,
    )
      .bind(w.neighborhoodIds[1])
      .first<{ id: number }>()
    const refs = await api('/api/topics', {
      cookie: w.cookies.admin,
      body: { neighborhoodId: n, title: 'x', channelId: foreign!.id, categoryId: 987654 },
    })
    expect(refs.status, JSON.stringify(refs.body)).toBe(400)
    expect(Object.keys(refs.body.errors).sort()).toEqual(['categoryId', 'channelId'])
    const nowhere = await api('/api/topics', {
      cookie: w.cookies.admin,
      body: { neighborhoodId: 98765432, title: 'x' },
    })
    expect(nowhere.status, JSON.stringify(nowhere.body)).toBe(400)
    expect(nowhere.body.errors.neighborhoodId).toBeTruthy()
    const kind = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n, title: 'x', channelKind: 'qr' },
    })
    expect(kind.status, JSON.stringify(kind.body)).toBe(400)
    expect(kind.body.errors.channelKind).toBeTruthy()
    const none = await env.DB.prepare(`SELECT count(*) AS n FROM topics WHERE title = 'x'`).first<{
      n: number
    }>()
    expect(none!.n).toBe(0)
  })

  it('answers 404 for a neighborhood outside the scope and 403 for a viewer', async () => {
    const out = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: w.neighborhoodIds[1], title: '越权' },
    })
    expect(out.status, JSON.stringify(out.body)).toBe(404)
    const viewer = await api('/api/topics', {
      cookie: w.cookies.viewer,
      body: { neighborhoodId: w.neighborhoodIds[0], title: '只读' },
    })
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(403)
    const n = await env.DB.prepare(
      `SELECT count(*) AS n FROM topics WHERE title IN ('越权', '只读')`,
    ).first<{ n: number }>()
    expect(n!.n).toBe(0)
  })

  it('files once per Idempotency-Key', async () => {
    const body = { neighborhoodId: w.neighborhoodIds[0], title: '双击提交' }
    const headers = { 'Idempotency-Key': 'staff-key-12345' }
    const a = await api('/api/topics', { cookie: w.cookies.staff, body, headers })
    const b = await api('/api/topics', { cookie: w.cookies.staff, body, headers })
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    expect(b.body.id).toBe(a.body.id)
    const n = await env.DB.prepare(
      `SELECT count(*) AS n FROM topics WHERE title = '双击提交'`,
    ).first<{ n: number }>()
    expect(n!.n).toBe(1)
  })
})

describe('PUT /api/topics/:id', () => {
  it('edits the editable fields with an audit row; refuses a status change and unknown refs', async () => {
    const w = await createWorld()
    const cat = await category('设施维修-编辑')
    const t = await fileTopic(w.neighborhoodIds[0], { title: '旧标题' })
    const r = await api(`/api/topics/${t.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { ...t, title: '新标题', categoryId: cat, location: '5号楼' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      title: '新标题',
      categoryId: cat,
      location: '5号楼',
      status: 'submitted',
    })
    const audit = await env.DB.prepare(
      `SELECT before, after FROM audit_log WHERE resource = 'topics' AND action = 'update' AND record_id = ?`,
    )
      .bind(String(t.id))
      .first<{ before: string; after: string }>()
    expect(JSON.parse(audit!.before)).toEqual({ title: '旧标题', categoryId: null, location: '' })
    expect(JSON.parse(audit!.after)).toEqual({
      title: '新标题',
      categoryId: cat,
      location: '5号楼',
    })
    const status = await api(`/api/topics/${t.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { status: 'done' },
    })
    expect(status.status, JSON.stringify(status.body)).toBe(400)
    expect(status.body.errors.status).toBeTruthy()
    const bad = await api(`/api/topics/${t.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { categoryId: 999999, title: '' },
    })
    expect(bad.status, JSON.stringify(bad.body)).toBe(400)
    expect(bad.body.errors.title).toBeTruthy()
    const unknown = await api(`/api/topics/${t.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { categoryId: 999999 },
    })
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(400)
    expect(unknown.body.errors.categoryId).toBeTruthy()
    const row = await env.DB.prepare('SELECT title, status FROM topics WHERE id = ?')
      .bind(t.id)
      .first()
    expect(row).toEqual({ title: '新标题', status: 'submitted' })
  })
})

describe('DELETE /api/topics/:id', () => {
  it('is for admins only and removes the topic with its timeline and supports', async () => {
    const w = await createWorld()
    const t = await fileTopic(w.neighborhoodIds[0])
    await env.DB.prepare(
      `INSERT INTO supports (topic_id, tracking_code, created_at) VALUES (?, 'DEL-AAA', 0)`,
    )
      .bind(t.id)
      .run()
    const staff = await api(`/api/topics/${t.id}`, { method: 'DELETE', cookie: w.cookies.staff })
    expect(staff.status, JSON.stringify(staff.body)).toBe(403)
    const r = await api(`/api/topics/${t.id}`, { method: 'DELETE', cookie: w.cookies.admin })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.id).toBe(t.id)
    const left = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM topics WHERE id = ?1) + (SELECT count(*) FROM topic_events WHERE topic_id = ?1)
        + (SELECT count(*) FROM supports WHERE topic_id = ?1) AS n`,
    )
      .bind(t.id)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)
    const audit = await env.DB.prepare(
      `SELECT count(*) AS n FROM audit_log WHERE resource = 'topics' AND action = 'delete' AND record_id = ?`,
    )
      .bind(String(t.id))
      .first<{ n: number }>()
    expect(audit!.n).toBe(1)
  })
})

describe('GET /api/topic-events and /api/supports', () => {
  it('list a topic timeline oldest first with actor names, and its supports without codes', async () => {
    const w = await createWorld()
    const t = await fileTopic(w.neighborhoodIds[0])
    await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '收到' },
    })
    await env.DB.prepare(
      `INSERT INTO supports (topic_id, tracking_code, created_at) VALUES (?, 'EVT-AAA', 0)`,
    )
      .bind(t.id)
      .run()
    const ev = await api(`/api/topic-events${q({ filter: { topicId: t.id } })}`, {
      cookie: w.cookies.viewer,
    })
    expect(ev.status, JSON.stringify(ev.body)).toBe(200)
    expect(ev.body.map((e: any) => e.kind)).toEqual(['submitted', 'accepted'])
    expect(ev.body[1]).toMatchObject({
      fromStatus: 'submitted',
      toStatus: 'accepted',
      publicNote: '收到',
      actorName: '测试staff',
    })
    expect(ev.res.headers.get('content-range')).toBe('topic-events 0-1/2')
    const sup = await api(`/api/supports${q({ filter: { topicId: t.id } })}`, {
      cookie: w.cookies.staff,
    })
    expect(sup.status, JSON.stringify(sup.body)).toBe(200)
    expect(sup.body).toEqual([
      { id: expect.any(Number), topicId: t.id, source: 'support', createdAt: 0 },
    ])
    const other = await fileTopic(w.neighborhoodIds[1])
    const hidden = await api(`/api/topic-events${q({ filter: { topicId: other.id } })}`, {
      cookie: w.cookies.staff,
    })
    expect(hidden.body).toEqual([])
  })
})

describe('GET /api/topics/export', () => {
  const raw = (path: string, cookie: string) =>
    SELF.fetch(`${ORIGIN}${path}`, { headers: { cookie } })
  let w: World
  beforeAll(async () => {
    w = await createWorld()
    await api('/api/topics', {
      cookie: w.cookies.staff,
      body: {
        neighborhoodId: w.neighborhoodIds[0],
        title: '=HYPERLINK("http://evil.example","点我")',
        description: '含有, 逗号和"引号"',
        submitterName: '张三',
        submitterPhone: '13912345678',
        consent: true,
        channelKind: 'visit',
      },
    })
    await fileTopic(w.neighborhoodIds[0], {
      title: '另一个议题',
      createdAt: Date.UTC(2026, 4, 1, 16, 5),
    })
  })

  it('sends every row of the filter as CSV with a BOM, Chinese headers and formulas neutralised', async () => {
    const r = await api('/api/topics/export?format=csv', { cookie: w.cookies.staff })
    expect(r.status, r.text.slice(0, 200)).toBe(200)
    expect(r.res.headers.get('content-type')).toContain('text/csv')
    expect(r.res.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''%E8%AE%AE%E9%A2%98",
    )
    const bytes = new Uint8Array(
      await (await raw('/api/topics/export?format=csv', w.cookies.staff)).arrayBuffer(),
    )
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = r.text.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toMatch(
      /^编号,查询码,标题,描述,位置,类别,居民区,网格,渠道,状态,附议数,提交人,联系电话,提交时间,受理回复/,
    )
    const evil = lines.find((l) => l.includes('HYPERLINK'))!
    expect(evil).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`)
    expect(evil).toContain('"含有, 逗号和""引号"""')
    expect(evil).toContain('上门走访')
    expect(evil).toContain('待受理')
    expect(evil).toContain('13912345678')
    expect(lines.find((l) => l.includes('另一个议题'))).toContain('2026-05-02 00:05')
    expect(lines.filter((l) => l).length).toBe(3)
  })

  it('applies the filter, masks personal data for viewers, and offers XLSX', async () => {
    const filtered = await api(`/api/topics/export${q({ filter: { q: '另一个' } })}&format=csv`, {
      cookie: w.cookies.viewer,
    })
    expect(filtered.status, filtered.text.slice(0, 200)).toBe(200)
    expect(filtered.text.split('\r\n').filter((l) => l).length).toBe(2)
    const viewer = await api('/api/topics/export', { cookie: w.cookies.viewer })
    expect(viewer.text).toContain('139****5678')
    expect(viewer.text).toContain('张*')
    expect(viewer.text).not.toContain('13912345678')
    const xlsx = await raw('/api/topics/export?format=xlsx', w.cookies.staff)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const zip = new Uint8Array(await xlsx.arrayBuffer())
    expect(String.fromCharCode(zip[0], zip[1])).toBe('PK')
    const bad = await api('/api/topics/export?format=pdf', { cookie: w.cookies.staff })
    expect(bad.status, JSON.stringify(bad.body)).toBe(400)
  })
})
