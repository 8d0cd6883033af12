import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../worker/db/client'
import { guardedBatch } from '../worker/db/batch'
import { tallyStatements } from '../worker/db/queries/meetings/tally'
import { api, createWorld, fileTopic } from './helpers'

// /api/meetings: creating a meeting with its agenda, the list and the record in scope, the
// agenda and status rules, and recording an item's show of hands with its decision, which does
// what it says to the topic in ONE atomic batch (or nothing at all).

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number
let n2: number
beforeAll(async () => {
  w = await createWorld()
  ;[n1, n2] = w.neighborhoodIds
})

const MINUTE = 60_000
const q = (params: Record<string, unknown>) =>
  `?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&')}`
const row = (sql: string, ...args: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...args)
    .first<Record<string, any>>()
const rows = async (sql: string, ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .all<Record<string, any>>()
  ).results
const count = async (table: string) =>
  (await row(`SELECT count(*) AS n FROM ${table}`))!.n as number

const newMeeting = async (body: Record<string, unknown> = {}, cookie = w.cookies.staff) =>
  api('/api/meetings', {
    cookie,
    body: {
      neighborhoodId: n1,
      kind: 'council',
      startsAt: Date.now() - 10 * MINUTE,
      place: '居委会议室',
      host: '李敏',
      ...body,
    },
  })

/** A meeting of n1 started ten minutes ago with `n` fresh accepted topics on its agenda. */
const meetingWith = async (n: number, extra: Record<string, unknown> = {}) => {
  const topics = []
  for (let i = 0; i < n; i++) topics.push(await fileTopic(n1, { status: 'accepted' }))
  const r = await newMeeting({ topicIds: topics.map((t) => t.id), ...extra })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return { meeting: r.body, topics, items: r.body.items as any[] }
}

const tally = (
  meetingId: number,
  itemId: number,
  body: Record<string, unknown>,
  cookie = w.cookies.staff,
) => api(`/api/meetings/${meetingId}/items/${itemId}/tally`, { cookie, body })

const HANDS = { present: 23, inFavour: 19, against: 2, abstain: 2 }

describe('POST /api/meetings', () => {
  it('creates a meeting with its agenda in order, a door code and an audit row', async () => {
    const a = await fileTopic(n1)
    const b = await fileTopic(n1, { status: 'accepted' })
    const startsAt = Date.UTC(2025, 11, 3, 11) // 19:00 in Shanghai
    const r = await newMeeting({ topicIds: [b.id, a.id], startsAt })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({
      neighborhoodId: n1,
      kind: 'council',
      title: '12 月 3 日议事会',
      status: 'planned',
      topicIds: [b.id, a.id],
      signIns: 0,
      attendance: 0,
      itemCount: 2,
      decidedCount: 0,
    })
    expect(r.body.code).toMatch(/^[ACDEFGHJKMNPQRTWXY34679]{8}$/)
    expect(r.body.signInUrl).toBe(`/m/${r.body.code}`)
    expect(r.body.items.map((i: any) => [i.topicId, i.sortOrder, i.topicTitle])).toEqual([
      [b.id, 1, b.title],
      [a.id, 2, a.title],
    ])
    const audit = await row(
      "SELECT user_id, after FROM audit_log WHERE resource = 'meetings' AND action = 'create' AND record_id = ?",
      String(r.body.id),
    )
    expect(audit?.user_id).toBe(w.users.staff.id)
    expect(JSON.parse(audit!.after).topicIds).toEqual([b.id, a.id])
  })

  it('takes only open topics of its own neighborhood onto the agenda', async () => {
    const other = await fileTopic(n2)
    const declined = await fileTopic(n1, { status: 'declined' })
    const elsewhere = await newMeeting({ topicIds: [other.id] }, w.cookies.admin)
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(409)
    expect(elsewhere.body.errors[other.id]).toBe('议题与会议不在同一居民区')
    const closed = await newMeeting({ topicIds: [declined.id] })
    expect(closed.status).toBe(409)
    expect(closed.body.errors[declined.id]).toContain('不能再上会')
    // A topic the staff user cannot see is simply not there.
    const hidden = await newMeeting({ topicIds: [other.id] })
    expect(hidden.status).toBe(404)
    const missing = await newMeeting({ topicIds: [99_999_999] })
    expect(missing.status).toBe(404)
  })

  it('needs a grid of its neighborhood for a 楼组议事', async () => {
    const none = await newMeeting({ kind: 'grid' })
    expect(none.status).toBe(400)
    expect(none.body.errors.gridId).toBeTruthy()
    const grid = await row(
      'INSERT INTO grids (neighborhood_id, name) VALUES (?, ?) RETURNING id',
      n2,
      '第一楼组',
    )
    const foreign = await newMeeting({ kind: 'grid', gridId: grid!.id })
    expect(foreign.status).toBe(400)
    const own = await row(
      'INSERT INTO grids (neighborhood_id, name) VALUES (?, ?) RETURNING id',
      n1,
      '第二楼组',
    )
    const ok = await newMeeting({ kind: 'grid', gridId: own!.id })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body.title).toContain('楼组议事')
  })

  it('refuses times that end before they start', async () => {
    const r = await newMeeting({
      startsAt: Date.UTC(2026, 0, 1, 2),
      endsAt: Date.UTC(2026, 0, 1, 1),
    })
    expect(r.status).toBe(400)
    expect(r.body.errors.endsAt).toBeTruthy()
  })
})

describe('scope and roles', () => {
  let foreign: any
  beforeAll(async () => {
    const r = await newMeeting({ neighborhoodId: n2, title: '外居民区议事会' }, w.cookies.admin)
    expect(r.status).toBe(201)
    foreign = r.body
  })

  it('answers 404 for a meeting outside the scope, for every verb', async () => {
    const item = (await fileTopic(n2, { status: 'accepted' })).id
    await api(`/api/meetings/${foreign.id}`, {
      cookie: w.cookies.admin,
      method: 'PUT',
      body: { topicIds: [item] },
    })
    const itemId = (await api(`/api/meetings/${foreign.id}`, { cookie: w.cookies.admin })).body
      .items[0].id
    for (const [method, path, body] of [
      ['GET', `/api/meetings/${foreign.id}`, undefined],
      ['GET', `/api/meetings/${foreign.id}/attendees`, undefined],
      ['PUT', `/api/meetings/${foreign.id}`, { minutes: '改' }],
      ['DELETE', `/api/meetings/${foreign.id}`, undefined],
      ['POST', `/api/meetings/${foreign.id}/items/${itemId}/tally`, HANDS],
    ] as const) {
      const r = await api(path, { cookie: w.cookies.staff, method, body })
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(404)
    }
    const create = await newMeeting({ neighborhoodId: n2 })
    expect(create.status).toBe(404)
    // town and admin see it
    expect((await api(`/api/meetings/${foreign.id}`, { cookie: w.cookies.town })).status).toBe(200)
  })

  it('lists only meetings in scope', async () => {
    const mine = await api(`/api/meetings${q({ range: [0, 499] })}`, { cookie: w.cookies.staff })
    expect(mine.status).toBe(200)
    expect(mine.body.every((m: any) => m.neighborhoodId === n1)).toBe(true)
    const all = await api(`/api/meetings${q({ range: [0, 499] })}`, { cookie: w.cookies.town })
    expect(all.body.some((m: any) => m.id === foreign.id)).toBe(true)
    expect(all.res.headers.get('content-range')).toMatch(/^meetings 0-\d+\/\d+$/)
  })

  it('lets a viewer read but not write (403), with sign-ins masked', async () => {
    const { meeting, items } = await meetingWith(1)
    const read = await api(`/api/meetings/${meeting.id}`, { cookie: w.cookies.viewer })
    expect(read.status).toBe(200)
    for (const [method, path, body] of [
      ['POST', '/api/meetings', { neighborhoodId: n1, kind: 'council', startsAt: Date.now() }],
      ['PUT', `/api/meetings/${meeting.id}`, { minutes: '纪要' }],
      ['DELETE', `/api/meetings/${meeting.id}`, undefined],
      ['POST', `/api/meetings/${meeting.id}/items/${items[0].id}/tally`, HANDS],
    ] as const) {
      const r = await api(path, { cookie: w.cookies.viewer, method, body })
      expect(r.status, `${method} ${path}`).toBe(403)
    }
    expect(
      (await row('SELECT present FROM meeting_items WHERE id = ?', items[0].id))!.present,
    ).toBe(null)
    await env.DB.prepare(
      `INSERT INTO meeting_attendees (meeting_id, name, phone, consent_at, source, created_at)
       VALUES (?, '王建国', '13812341234', 1, 'qr', 1)`,
    )
      .bind(meeting.id)
      .run()
    const seen = await api(`/api/meetings/${meeting.id}/attendees`, { cookie: w.cookies.viewer })
    expect(seen.body[0]).toMatchObject({ name: '王**', phone: '138****1234' })
    // Staff see the name; the phone masked for every role, in full only by a logged reveal (#17.6).
    const full = await api(`/api/meetings/${meeting.id}/attendees`, { cookie: w.cookies.staff })
    expect(full.body[0]).toMatchObject({ name: '王建国', phone: '138****1234' })
    const revealed = await api('/api/privacy/reveal', {
      cookie: w.cookies.staff,
      body: { resource: 'meeting-attendees', id: full.body[0].id, purpose: 'verify' },
    })
    expect(revealed.body).toEqual({ phone: '13812341234' })
  })
})

describe('GET /api/meetings filters', () => {
  it('filters by the month shown (startsFrom/startsTo) and by a topic on the agenda', async () => {
    const t = await fileTopic(n1)
    const inMonth = await newMeeting({ startsAt: Date.UTC(2031, 4, 10), topicIds: [t.id] })
    await newMeeting({ startsAt: Date.UTC(2031, 5, 2) })
    const may = await api(
      `/api/meetings${q({ filter: { startsFrom: Date.UTC(2031, 4, 1), startsTo: Date.UTC(2031, 5, 1) } })}`,
      { cookie: w.cookies.staff },
    )
    expect(may.body.map((m: any) => m.id)).toEqual([inMonth.body.id])
    const byTopic = await api(`/api/meetings${q({ filter: { topicId: t.id } })}`, {
      cookie: w.cookies.staff,
    })
    expect(byTopic.body.map((m: any) => m.id)).toEqual([inMonth.body.id])
    const bad = await api(`/api/meetings${q({ filter: { kind: 'party' } })}`, {
      cookie: w.cookies.staff,
    })
    expect(bad.status).toBe(400)
  })
})

describe('PUT /api/meetings/:id', () => {
  it('reorders, adds and drops agenda items, and records head count and minutes', async () => {
    const { meeting, topics } = await meetingWith(3)
    const extra = await fileTopic(n1)
    const r = await api(`/api/meetings/${meeting.id}`, {
      cookie: w.cookies.staff,
      method: 'PUT',
      body: {
        topicIds: [topics[2].id, extra.id, topics[0].id],
        headcount: 31,
        minutes: '讨论了三件事。',
      },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.topicIds).toEqual([topics[2].id, extra.id, topics[0].id])
    expect(r.body.items.map((i: any) => i.sortOrder)).toEqual([1, 2, 3])
    expect(r.body).toMatchObject({ headcount: 31, attendance: 31, minutes: '讨论了三件事。' })
    const audit = await row(
      "SELECT before, after FROM audit_log WHERE resource = 'meetings' AND action = 'update' AND record_id = ? ORDER BY id DESC",
      String(meeting.id),
    )
    expect(JSON.parse(audit!.before).topicIds).toEqual(topics.map((t) => t.id))
    expect(JSON.parse(audit!.after).headcount).toBe(31)
  })

  it('keeps what was decided: the day, the kind and the decided items stay', async () => {
    const { meeting, items, topics } = await meetingWith(2)
    expect((await tally(meeting.id, items[0].id, { ...HANDS, decision: 'defer' })).status).toBe(200)
    const put = (body: Record<string, unknown>) =>
      api(`/api/meetings/${meeting.id}`, { cookie: w.cookies.staff, method: 'PUT', body })
    expect((await put({ startsAt: meeting.startsAt + 86_400_000 })).status).toBe(409)
    expect((await put({ kind: 'hearing' })).status).toBe(409)
    expect((await put({ topicIds: [topics[1].id] })).status).toBe(409)
    expect((await put({ status: 'cancelled' })).status).toBe(409)
    expect(
      (await api(`/api/meetings/${meeting.id}`, { cookie: w.cookies.staff, method: 'DELETE' }))
        .status,
    ).toBe(409)
    // the undecided one may go, the place may change
    const ok = await put({ topicIds: [topics[0].id], place: '社区会客厅' })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.topicIds).toEqual([topics[0].id])
  })

  it('deletes a meeting that decided nothing, with its items and sign-ins', async () => {
    const { meeting } = await meetingWith(2)
    const r = await api(`/api/meetings/${meeting.id}`, {
      cookie: w.cookies.staff,
      method: 'DELETE',
    })
    expect(r.status).toBe(200)
    expect(await row('SELECT id FROM meetings WHERE id = ?', meeting.id)).toBeNull()
    expect(await rows('SELECT id FROM meeting_items WHERE meeting_id = ?', meeting.id)).toEqual([])
  })
})

describe('POST /api/meetings/:id/items/:itemId/tally: arithmetic', () => {
  it('refuses more hands than people present (400 on present), and writes nothing', async () => {
    const { meeting, items } = await meetingWith(1)
    const r = await tally(meeting.id, items[0].id, {
      present: 20,
      inFavour: 15,
      against: 4,
      abstain: 3,
    })
    expect(r.status).toBe(400)
    expect(r.body.errors.present).toBe('赞成、反对、弃权合计 22 人，多于到会 20 人')
    for (const bad of [{ ...HANDS, against: -1 }, { ...HANDS, present: 2.5 }, { present: 10 }]) {
      const res = await tally(meeting.id, items[0].id, bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
    }
    expect(
      await row('SELECT present, decision FROM meeting_items WHERE id = ?', items[0].id),
    ).toEqual({
      present: null,
      decision: null,
    })
    expect((await row('SELECT status FROM meetings WHERE id = ?', meeting.id))!.status).toBe(
      'planned',
    )
  })

  it('stores the numbers alone (paper tallies typed in), holds the meeting, moves no topic', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const events = await count('topic_events')
    const r = await tally(meeting.id, items[0].id, HANDS)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.status).toBe('held')
    expect(r.body.items[0]).toMatchObject({ ...HANDS, decision: null })
    expect(await count('topic_events')).toBe(events)
    expect((await row('SELECT status FROM topics WHERE id = ?', topics[0].id))!.status).toBe(
      'accepted',
    )
    // numbers may be corrected until a decision is taken
    const again = await tally(meeting.id, items[0].id, { ...HANDS, present: 24 })
    expect(again.status).toBe(200)
    expect(again.body.items[0].present).toBe(24)
    const audits = await rows(
      "SELECT action FROM audit_log WHERE resource = 'meeting-items' AND record_id = ?",
      String(items[0].id),
    )
    expect(audits).toEqual([{ action: 'tally' }, { action: 'tally' }])
  })

  it('records nothing before the meeting starts or on a cancelled one', async () => {
    const { meeting, items } = await meetingWith(1, { startsAt: Date.now() + 86_400_000 })
    expect((await tally(meeting.id, items[0].id, HANDS)).status).toBe(409)
    await api(`/api/meetings/${meeting.id}`, {
      cookie: w.cookies.staff,
      method: 'PUT',
      body: { status: 'cancelled', startsAt: Date.now() - MINUTE },
    })
    const r = await tally(meeting.id, items[0].id, HANDS)
    expect(r.status).toBe(409)
    expect(r.body.message).toContain('已取消')
  })
})

describe('decisions', () => {
  it('立项 into a new project: project, adoption, link, timeline sentence and audit, in one call', async () => {
    const { meeting, items, topics } = await meetingWith(1, {
      startsAt: Date.UTC(2025, 11, 3, 11),
    })
    const r = await tally(meeting.id, items[0].id, {
      ...HANDS,
      decision: 'adopt',
      project: { title: '12号楼加装电梯', owningBody: '慧华苑居民区党总支' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const item = r.body.items[0]
    expect(item).toMatchObject({ ...HANDS, decision: 'adopt', projectTitle: '12号楼加装电梯' })
    expect(item.decidedAt).toBeGreaterThan(0)
    const project = await row('SELECT * FROM projects WHERE id = ?', item.projectId)
    expect(project).toMatchObject({
      neighborhood_id: n1,
      title: '12号楼加装电梯',
      owning_body: '慧华苑居民区党总支',
      status: 'planned',
      created_by: w.users.staff.id,
    })
    expect(await row('SELECT status, project_id FROM topics WHERE id = ?', topics[0].id)).toEqual({
      status: 'adopted',
      project_id: item.projectId,
    })
    expect(
      await row(
        'SELECT 1 AS linked FROM project_topics WHERE project_id = ? AND topic_id = ?',
        item.projectId,
        topics[0].id,
      ),
    ).toEqual({ linked: 1 })
    const event = await row(
      'SELECT kind, from_status, to_status, public_note, actor_user_id FROM topic_events WHERE topic_id = ? ORDER BY id DESC',
      topics[0].id,
    )
    expect(event).toEqual({
      kind: 'adopted',
      from_status: 'accepted',
      to_status: 'adopted',
      public_note:
        '经 12 月 3 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定立项，纳入项目「12号楼加装电梯」',
      actor_user_id: w.users.staff.id,
    })
    const audits = await rows(
      `SELECT resource, action FROM audit_log WHERE (resource = 'projects' AND record_id = ?)
        OR (resource = 'meeting-items' AND record_id = ?) OR (resource = 'topics' AND record_id = ?)
        ORDER BY id`,
      String(item.projectId),
      String(item.id),
      String(topics[0].id),
    )
    expect(audits).toEqual([
      { resource: 'projects', action: 'create' },
      { resource: 'meeting-items', action: 'decide' },
      { resource: 'topics', action: 'adopt' },
    ])
  })

  it('立项 into an existing open project of the neighborhood', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const p = await api('/api/projects', {
      cookie: w.cookies.staff,
      body: { title: '楼道整治', neighborhoodId: n1 },
    })
    expect(p.status).toBe(201)
    const r = await tally(meeting.id, items[0].id, {
      ...HANDS,
      decision: 'adopt',
      projectId: p.body.id,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.items[0].projectId).toBe(p.body.id)
    const project = await api(`/api/projects/${p.body.id}`, { cookie: w.cookies.staff })
    expect(project.body.topicIds).toEqual([topics[0].id])
  })

  it('refuses a project that is closed, of another neighborhood, or out of scope', async () => {
    const { meeting, items } = await meetingWith(1)
    const closed = await api('/api/projects', {
      cookie: w.cookies.staff,
      body: { title: '已取消的项目', neighborhoodId: n1 },
    })
    await api(`/api/projects/${closed.body.id}`, {
      cookie: w.cookies.staff,
      method: 'PUT',
      body: { status: 'cancelled' },
    })
    const foreign = await api('/api/projects', {
      cookie: w.cookies.admin,
      body: { title: '别处的项目', neighborhoodId: n2 },
    })
    const adopt = (projectId: number, cookie = w.cookies.staff) =>
      tally(meeting.id, items[0].id, { ...HANDS, decision: 'adopt', projectId }, cookie)
    expect((await adopt(closed.body.id)).status).toBe(409)
    expect((await adopt(foreign.body.id)).status).toBe(404)
    expect((await adopt(foreign.body.id, w.cookies.admin)).status).toBe(409)
    expect((await adopt(99_999_999)).status).toBe(404)
    expect(
      (await row('SELECT decision FROM meeting_items WHERE id = ?', items[0].id))!.decision,
    ).toBe(null)
  })

  it('asks to confirm a 立项 fewer than half voted for (409 errors.confirm), then records it', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const projects = await count('projects')
    const low = { present: 23, inFavour: 11, against: 6, abstain: 6 }
    const body = { ...low, decision: 'adopt', project: { title: '小区停车位划线' } }
    const asked = await tally(meeting.id, items[0].id, body)
    expect(asked.status).toBe(409)
    expect(asked.body.errors.confirm).toBe('赞成 11 人，不到到会 23 人的一半。确认仍要立项吗？')
    expect(await count('projects')).toBe(projects)
    expect((await row('SELECT status FROM topics WHERE id = ?', topics[0].id))!.status).toBe(
      'accepted',
    )
    expect(
      (await row('SELECT present FROM meeting_items WHERE id = ?', items[0].id))!.present,
    ).toBe(null)
    const confirmed = await tally(meeting.id, items[0].id, { ...body, confirm: true })
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200)
    expect(confirmed.body.items[0]).toMatchObject({ decision: 'adopt', confirmedLowSupport: true })
    // other decisions need no confirmation, whatever the hands
    const { meeting: m2, items: i2 } = await meetingWith(1)
    expect((await tally(m2.id, i2[0].id, { ...low, decision: 'defer' })).status).toBe(200)
  })

  it('转办 moves the topic to referred, naming whom, with the sentence as its public reply', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const missing = await tally(meeting.id, items[0].id, { ...HANDS, decision: 'refer' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors.referredTo).toBeTruthy()
    const r = await tally(meeting.id, items[0].id, {
      ...HANDS,
      decision: 'refer',
      referredTo: '大场镇城管中队',
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const topic = await row(
      'SELECT status, referred_to, public_reply FROM topics WHERE id = ?',
      topics[0].id,
    )
    expect(topic).toMatchObject({ status: 'referred', referred_to: '大场镇城管中队' })
    expect(topic!.public_reply).toMatch(
      /^经 \d+ 月 \d+ 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定转办至大场镇城管中队$/,
    )
    expect(r.body.items[0].referredTo).toBe('大场镇城管中队')
  })

  it('不予采纳 needs a public reason and moves the topic to declined', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    expect((await tally(meeting.id, items[0].id, { ...HANDS, decision: 'decline' })).status).toBe(
      400,
    )
    const r = await tally(meeting.id, items[0].id, {
      ...HANDS,
      decision: 'decline',
      note: '属于业主自有设施，请联系物业',
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const topic = await row('SELECT status, public_reply FROM topics WHERE id = ?', topics[0].id)
    expect(topic!.status).toBe('declined')
    expect(topic!.public_reply).toMatch(/决定不予采纳：属于业主自有设施，请联系物业$/)
  })

  it('暂缓 records the decision and a timeline entry, and leaves the topic as it was', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const r = await tally(meeting.id, items[0].id, {
      ...HANDS,
      decision: 'defer',
      note: '先征求全楼意见',
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect((await row('SELECT status FROM topics WHERE id = ?', topics[0].id))!.status).toBe(
      'accepted',
    )
    const event = await row(
      'SELECT kind, to_status, public_note FROM topic_events WHERE topic_id = ? ORDER BY id DESC',
      topics[0].id,
    )
    expect(event!.kind).toBe('meeting')
    expect(event!.to_status).toBeNull()
    expect(event!.public_note).toMatch(/决定暂缓：先征求全楼意见$/)
    // a deferred topic can go on the next meeting's agenda and be decided there
    const next = await newMeeting({ topicIds: [topics[0].id] })
    expect(next.status, JSON.stringify(next.body)).toBe(201)
  })

  it('takes a decision once: a decided item answers 409', async () => {
    const { meeting, items } = await meetingWith(1)
    expect((await tally(meeting.id, items[0].id, { ...HANDS, decision: 'defer' })).status).toBe(200)
    const again = await tally(meeting.id, items[0].id, { ...HANDS, decision: 'defer' })
    expect(again.status).toBe(409)
    const numbers = await tally(meeting.id, items[0].id, HANDS)
    expect(numbers.status).toBe(409)
  })

  it('refuses a decision the state machine does not allow (the topic moved meanwhile)', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const moved = await api(`/api/topics/${topics[0].id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'declined', note: '重复' },
    })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    const r = await tally(meeting.id, items[0].id, {
      ...HANDS,
      decision: 'adopt',
      project: { title: '不该出现的项目' },
    })
    expect(r.status).toBe(409)
    expect(await row("SELECT id FROM projects WHERE title = '不该出现的项目'")).toBeNull()
  })
})

describe('a decision is one atomic batch', () => {
  /** Everything a 立项 writes, counted. */
  const footprint = async (itemId: number, topicId: number) => ({
    projects: await count('projects'),
    projectTopics: await count('project_topics'),
    events: await count('topic_events'),
    audit: await count('audit_log'),
    item: await row('SELECT present, decision, project_id FROM meeting_items WHERE id = ?', itemId),
    topic: await row('SELECT status, project_id, updated_at FROM topics WHERE id = ?', topicId),
  })

  it('leaves nothing half-done when a statement late in the batch fails', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const before = await footprint(items[0].id, topics[0].id)
    // The project, the item, the meeting, the topic's move, event and audit rows come before the
    // project_topics link in the batch; make that link fail.
    await env.DB.prepare(
      `CREATE TRIGGER meetings_test_fail BEFORE INSERT ON project_topics
       BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    ).run()
    try {
      const r = await tally(meeting.id, items[0].id, {
        ...HANDS,
        decision: 'adopt',
        project: { title: '半途失败的项目' },
      })
      expect(r.status).toBe(500)
    } finally {
      await env.DB.prepare('DROP TRIGGER meetings_test_fail').run()
    }
    expect(await footprint(items[0].id, topics[0].id)).toEqual(before)
    expect((await row('SELECT status FROM meetings WHERE id = ?', meeting.id))!.status).toBe(
      'planned',
    )
    // and the same call goes through once nothing fails
    const r = await tally(meeting.id, items[0].id, {
      ...HANDS,
      decision: 'adopt',
      project: { title: '半途失败的项目' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
  })

  it('writes nothing when the topic moved between the checks and the write (guard)', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const db = createDb(env.DB)
    // The statements as the route builds them after its checks …
    const statements = tallyStatements(
      db,
      { id: w.users.staff.id },
      {
        meetingId: meeting.id,
        item: { id: items[0].id, topicId: topics[0].id, neighborhoodId: n1, before: {} },
        tally: HANDS,
        decision: {
          decision: 'adopt',
          sentence: '经…决定立项',
          note: null,
          referredTo: null,
          project: {
            create: { title: '竞态项目', owningBody: '', ownerUserId: null, deadlineAt: null },
          },
          confirmedLowSupport: false,
        },
      },
      Date.now(),
    )
    // … then someone else refers the topic before they run.
    const moved = await api(`/api/topics/${topics[0].id}/transition`, {
      cookie: w.cookies.town,
      body: { to: 'referred', referredTo: '房管办' },
    })
    expect(moved.status).toBe(200)
    const before = await footprint(items[0].id, topics[0].id)
    expect(await guardedBatch(db, statements)).toBeNull()
    expect(await footprint(items[0].id, topics[0].id)).toEqual(before)
    expect(await row("SELECT id FROM projects WHERE title = '竞态项目'")).toBeNull()
  })

  it('writes nothing when the item was decided by someone else meanwhile', async () => {
    const { meeting, items, topics } = await meetingWith(1)
    const db = createDb(env.DB)
    const statements = tallyStatements(
      db,
      { id: w.users.staff.id },
      {
        meetingId: meeting.id,
        item: { id: items[0].id, topicId: topics[0].id, neighborhoodId: n1, before: {} },
        tally: HANDS,
        decision: {
          decision: 'decline',
          sentence: '经…决定不予采纳：重复',
          note: '重复',
          referredTo: null,
          confirmedLowSupport: false,
        },
      },
      Date.now(),
    )
    expect((await tally(meeting.id, items[0].id, { ...HANDS, decision: 'defer' })).status).toBe(200)
    const before = await footprint(items[0].id, topics[0].id)
    expect(await guardedBatch(db, statements)).toBeNull()
    expect(await footprint(items[0].id, topics[0].id)).toEqual(before)
  })
})
