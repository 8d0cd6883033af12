import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createUser, createWorld, fileTopic, signIn } from './helpers'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let mine: { id: number; trackingCode: string }
let other: { id: number }

const q = (params: Record<string, unknown>) =>
  '?' +
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&')

beforeAll(async () => {
  w = await createWorld()
  const r = await api('/api/topics', {
    cookie: w.cookies.staff,
    body: {
      neighborhoodId: w.neighborhoodIds[0],
      title: '楼下广场舞噪音',
      submitterName: '欧阳娜娜',
      submitterPhone: '13612345678',
      consent: true,
      channelKind: 'phone',
    },
  })
  mine = r.body
  other = await fileTopic(w.neighborhoodIds[1], { title: '隔壁小区的议题' })
})

describe('topic scope', () => {
  it('answers 404 to staff reading, editing or moving a topic of another neighborhood', async () => {
    const read = await api(`/api/topics/${other.id}`, { cookie: w.cookies.staff })
    expect(read.status, JSON.stringify(read.body)).toBe(404)
    const edit = await api(`/api/topics/${other.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { title: '改' },
    })
    expect(edit.status, JSON.stringify(edit.body)).toBe(404)
    const merge = await api(`/api/topics/${other.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: mine.id },
    })
    expect(merge.status, JSON.stringify(merge.body)).toBe(404)
    const bulk = await api('/api/topics/bulk-transition', {
      cookie: w.cookies.staff,
      body: { ids: [other.id], to: 'declined', note: '不' },
    })
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(404)
    const row = await env.DB.prepare('SELECT title, status FROM topics WHERE id = ?')
      .bind(other.id)
      .first()
    expect(row).toEqual({ title: '隔壁小区的议题', status: 'submitted' })
  })

  it('keeps lists, events and supports inside the scope, even when filtering for another neighborhood', async () => {
    const list = await api(
      `/api/topics${q({ filter: { neighborhoodId: w.neighborhoodIds[1] } })}`,
      { cookie: w.cookies.staff },
    )
    expect(list.status, JSON.stringify(list.body)).toBe(200)
    expect(list.body).toEqual([])
    expect(list.res.headers.get('content-range')).toBe('topics 0-0/0')
    const evId = await env.DB.prepare('SELECT id FROM topic_events WHERE topic_id = ?')
      .bind(other.id)
      .first<{ id: number }>()
    const ev = await api(`/api/topic-events/${evId!.id}`, { cookie: w.cookies.staff })
    expect(ev.status, JSON.stringify(ev.body)).toBe(404)
  })

  it('lets a town user see every neighborhood of its town, and nobody else’s town', async () => {
    const town = await api(`/api/topics/${other.id}`, { cookie: w.cookies.town })
    expect(town.status, JSON.stringify(town.body)).toBe(200)
    const elsewhere = await createWorld()
    const stranger = await api(`/api/topics/${other.id}`, { cookie: elsewhere.cookies.town })
    expect(stranger.status, JSON.stringify(stranger.body)).toBe(404)
    const admin = await api(`/api/topics/${other.id}`, { cookie: w.cookies.admin })
    expect(admin.status, JSON.stringify(admin.body)).toBe(200)
  })

  it('answers a user without any neighborhood with an empty list', async () => {
    const lonely = await createUser('staff', { neighborhoodIds: [] })
    const r = await api('/api/topics', { cookie: await signIn(lonely.username) })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toEqual([])
  })
})

describe('viewers', () => {
  it('see names, phones and tracking codes masked, in the list and the record', async () => {
    // Staff see the name; the phone masked as for everyone, shown in full only by a logged reveal (#17.6).
    const staff = await api(`/api/topics/${mine.id}`, { cookie: w.cookies.staff })
    expect(staff.body).toMatchObject({ submitterName: '欧阳娜娜', submitterPhone: '136****5678' })
    const revealed = await api('/api/privacy/reveal', {
      cookie: w.cookies.staff,
      body: { resource: 'topics', id: mine.id, purpose: 'callback' },
    })
    expect(revealed.body).toEqual({ phone: '13612345678' })
    const one = await api(`/api/topics/${mine.id}`, { cookie: w.cookies.viewer })
    expect(one.status, JSON.stringify(one.body)).toBe(200)
    expect(one.body).toMatchObject({
      submitterName: '欧***',
      submitterPhone: '136****5678',
      trackingCode: `${mine.trackingCode.slice(0, 3)}-***`,
    })
    const list = await api('/api/topics', { cookie: w.cookies.viewer })
    expect(list.body.find((t: any) => t.id === mine.id).submitterPhone).toBe('136****5678')
    expect(JSON.stringify(list.body)).not.toContain('13612345678')
  })

  it('get 403 on every topic write, and nothing changes', async () => {
    const c = w.cookies.viewer
    const attempts = [
      api('/api/topics', {
        cookie: c,
        body: { neighborhoodId: w.neighborhoodIds[0], title: '只读账号' },
      }),
      api(`/api/topics/${mine.id}`, { method: 'PUT', cookie: c, body: { title: '改' } }),
      api(`/api/topics/${mine.id}`, { method: 'DELETE', cookie: c }),
      api(`/api/topics/${mine.id}/transition`, { cookie: c, body: { to: 'accepted', note: '好' } }),
      api('/api/topics/bulk-transition', {
        cookie: c,
        body: { ids: [mine.id], to: 'accepted', note: '好' },
      }),
      api(`/api/topics/${mine.id}/merge`, { cookie: c, body: { targetId: mine.id } }),
      api('/api/topics/bulk-merge', { cookie: c, body: { ids: [mine.id], targetId: mine.id } }),
    ]
    for (const r of await Promise.all(attempts)) expect(r.status, JSON.stringify(r.body)).toBe(403)
    const row = await env.DB.prepare('SELECT title, status FROM topics WHERE id = ?')
      .bind(mine.id)
      .first()
    expect(row).toEqual({ title: '楼下广场舞噪音', status: 'submitted' })
  })
})
