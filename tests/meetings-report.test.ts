import { env, SELF } from 'cloudflare:test'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { MEETING_DECISIONS } from '../worker/domain/vocabulary'
import {
  api,
  createTown,
  createUser,
  createWorld,
  fileTopic,
  ORIGIN,
  signIn,
  VIA_CLOUDFLARE,
} from './helpers'

// GET /api/reports/meetings: the figures must equal a recount from the tables, for any period
// and scope. The data is made through the API (random but seeded: kinds of decisions, projects
// shared between items, meetings left planned or cancelled, head counts and sign-ins), and the
// recount below reads the raw rows and applies the report's rules independently.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n3: number
let otherTown: number

const DAY = 86_400_000
const now = Date.now()

// mulberry32: the same data on every run.
let seed = 20_251_203
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]

const created: { id: number; neighborhoodId: number; startsAt: number }[] = []

/** A meeting in `nid` with `n` agenda items, each decided at random (or left undecided). */
const randomMeeting = async (cookie: string, nid: number, startsAt: number, n: number) => {
  const topics = []
  for (let i = 0; i < n; i++)
    topics.push(await fileTopic(nid, { status: pick(['submitted', 'accepted']) }))
  const r = await api('/api/meetings', {
    cookie,
    body: {
      neighborhoodId: nid,
      kind: pick(['council', 'hearing', 'review']),
      startsAt,
      topicIds: topics.map((t) => t.id),
    },
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  const meeting = r.body
  created.push({ id: meeting.id, neighborhoodId: nid, startsAt })
  let sharedProject: number | null = null
  for (const item of meeting.items) {
    const present = int(5, 40)
    const inFavour = int(0, present)
    const against = int(0, present - inFavour)
    const abstain = int(0, present - inFavour - against)
    const decision = pick([...MEETING_DECISIONS, null])
    const body: Record<string, unknown> = { present, inFavour, against, abstain, confirm: true }
    if (decision === 'adopt') {
      // Half the adoptions go into the meeting's first new project: projects count once.
      if (sharedProject && rand() < 0.5) body.projectId = sharedProject
      else body.project = { title: `项目 ${meeting.id}-${item.id}` }
    }
    if (decision === 'refer') body.referredTo = '大场镇城管中队'
    if (decision === 'decline') body.note = '不属于居委会职责'
    if (decision) body.decision = decision
    const t = await api(`/api/meetings/${meeting.id}/items/${item.id}/tally`, { cookie, body })
    expect(t.status, JSON.stringify(t.body)).toBe(200)
    if (decision === 'adopt' && !sharedProject)
      sharedProject = t.body.items.find((i: any) => i.id === item.id).projectId
  }
  return meeting
}

beforeAll(async () => {
  w = await createWorld()
  const other = await createTown(1)
  otherTown = other.townId
  n3 = other.neighborhoodIds[0]
  const [n1, n2] = w.neighborhoodIds
  for (const [nid, count] of [
    [n1, 6],
    [n2, 4],
    [n3, 3],
  ] as const)
    for (let k = 0; k < count; k++) {
      const m = await randomMeeting(w.cookies.admin, nid, now - int(1, 90) * DAY, int(1, 4))
      // head counts and sign-ins: attendance is the larger of the two
      if (rand() < 0.6)
        await api(`/api/meetings/${m.id}`, {
          cookie: w.cookies.admin,
          method: 'PUT',
          body: { headcount: int(0, 45) },
        })
      const signIns = int(0, 30)
      for (let s = 0; s < signIns; s++)
        await env.DB.prepare(
          `INSERT INTO meeting_attendees (meeting_id, source, created_at) VALUES (?, 'qr', ?)`,
        )
          .bind(m.id, m.startsAt)
          .run()
    }
  // Meetings that must not count: planned (nothing recorded), cancelled, and one in the future.
  const planned = await api('/api/meetings', {
    cookie: w.cookies.admin,
    body: { neighborhoodId: n1, kind: 'council', startsAt: now - 5 * DAY },
  })
  await env.DB.prepare(
    `INSERT INTO meeting_attendees (meeting_id, source, created_at) VALUES (?, 'qr', ?)`,
  )
    .bind(planned.body.id, now)
    .run()
  const cancelled = await api('/api/meetings', {
    cookie: w.cookies.admin,
    body: { neighborhoodId: n2, kind: 'council', startsAt: now - 6 * DAY, headcount: 12 },
  })
  await api(`/api/meetings/${cancelled.body.id}`, {
    cookie: w.cookies.admin,
    method: 'PUT',
    body: { status: 'cancelled' },
  })
  await api('/api/meetings', {
    cookie: w.cookies.admin,
    body: { neighborhoodId: n1, kind: 'council', startsAt: now + 5 * DAY },
  })
})

type Figures = {
  meetings: number
  attendance: number
  decided: number
  byDecision: Record<string, number>
  projects: number
}

/** The report recounted from the raw rows of the test's neighborhoods. */
const recount = async (neighborhoodIds: number[], from: number, to: number) => {
  const meetings = (await env.DB.prepare('SELECT * FROM meetings').all<any>()).results
  const items = (await env.DB.prepare('SELECT * FROM meeting_items').all<any>()).results
  const signIns = (await env.DB.prepare('SELECT meeting_id FROM meeting_attendees').all<any>())
    .results
  const per: Record<number, Figures> = {}
  for (const nid of neighborhoodIds) {
    const held = meetings.filter(
      (m) =>
        m.neighborhood_id === nid && m.status === 'held' && m.starts_at >= from && m.starts_at < to,
    )
    const heldIds = new Set(held.map((m) => m.id))
    const decided = items.filter((i) => heldIds.has(i.meeting_id) && i.decision !== null)
    per[nid] = {
      meetings: held.length,
      attendance: held.reduce(
        (sum, m) =>
          sum + Math.max(m.headcount ?? 0, signIns.filter((s) => s.meeting_id === m.id).length),
        0,
      ),
      decided: decided.length,
      byDecision: Object.fromEntries(
        MEETING_DECISIONS.map((d) => [d, decided.filter((i) => i.decision === d).length]),
      ),
      projects: new Set(decided.filter((i) => i.decision === 'adopt').map((i) => i.project_id))
        .size,
    }
  }
  const total: Figures = {
    meetings: 0,
    attendance: 0,
    decided: 0,
    projects: 0,
    byDecision: Object.fromEntries(MEETING_DECISIONS.map((d) => [d, 0])),
  }
  for (const f of Object.values(per)) {
    total.meetings += f.meetings
    total.attendance += f.attendance
    total.decided += f.decided
    total.projects += f.projects
    for (const d of MEETING_DECISIONS) total.byDecision[d] += f.byDecision[d]
  }
  return { per, total }
}

const report = (cookie: string, params: Record<string, number | string>) =>
  api(
    `/api/reports/meetings?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`,
    {
      cookie,
    },
  )

const expectRecount = async (
  body: any,
  neighborhoodIds: number[],
  from = 0,
  to = Number.MAX_SAFE_INTEGER,
) => {
  const { per, total } = await recount(neighborhoodIds, from, to)
  expect(body.total).toEqual(total)
  expect(body.neighborhoods.map((r: any) => r.neighborhoodId).sort()).toEqual(
    [...neighborhoodIds].sort(),
  )
  for (const row of body.neighborhoods) {
    const { neighborhoodId, name, ...figures } = row
    expect(figures, `neighborhood ${neighborhoodId}`).toEqual(per[neighborhoodId])
  }
  // the data is not trivial
  expect(total.meetings).toBeGreaterThan(0)
}

describe('GET /api/reports/meetings', () => {
  it('equals a recount for everything an admin sees, over all time and over periods', async () => {
    const all = [...w.neighborhoodIds, n3]
    // (storage is per test file: the admin sees this file's neighborhoods only)
    const everything = await report(w.cookies.admin, {})
    expect(everything.status).toBe(200)
    await expectRecount(everything.body, all)
    for (const [from, to] of [
      [now - 30 * DAY, now],
      [now - 90 * DAY, now - 30 * DAY],
      [
        Math.min(created[3].startsAt, created[7].startsAt),
        Math.max(created[3].startsAt, created[7].startsAt) + 1,
      ],
      [now - 365 * DAY, now + 365 * DAY],
    ]) {
      const r = await report(w.cookies.admin, { townId: w.townId, from, to })
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      await expectRecount(r.body, w.neighborhoodIds, from, to)
    }
  })

  it('equals a recount per neighborhood and per town, in the caller’s scope', async () => {
    const [n1] = w.neighborhoodIds
    const staff = await report(w.cookies.staff, { neighborhoodId: n1 })
    expect(staff.status).toBe(200)
    await expectRecount(staff.body, [n1])
    // without a filter staff get their own neighborhoods only
    const mine = await report(w.cookies.staff, {})
    await expectRecount(mine.body, [n1])
    const town = await report(w.cookies.town, { townId: w.townId })
    expect(town.status).toBe(200)
    await expectRecount(town.body, w.neighborhoodIds)
    const viewer = await report(w.cookies.viewer, { neighborhoodId: n1 })
    expect(viewer.status).toBe(200)
    await expectRecount(viewer.body, [n1])
    expect(town.body.sentence).toMatch(
      /^召开议事会 \d+ 场，到会 \d+ 人次，议定议题 \d+ 个（立项 \d+、暂缓 \d+、转办 \d+、不予采纳 \d+），立项项目 \d+ 个$/,
    )
  })

  it('answers 404 outside the scope', async () => {
    const [, n2] = w.neighborhoodIds
    expect((await report(w.cookies.staff, { neighborhoodId: n2 })).status).toBe(404)
    expect((await report(w.cookies.staff, { townId: w.townId })).status).toBe(404)
    expect((await report(w.cookies.town, { townId: otherTown })).status).toBe(404)
    expect((await report(w.cookies.town, { neighborhoodId: n3 })).status).toBe(404)
    const other = await createUser('town', { townIds: [otherTown] })
    const cookie = await signIn(other.username)
    const r = await report(cookie, { townId: otherTown })
    expect(r.status).toBe(200)
    await expectRecount(r.body, [n3])
    expect((await report(w.cookies.admin, { from: 10, to: 5 })).status).toBe(400)
    expect((await report(w.cookies.admin, { format: 'pdf' })).status).toBe(400)
  })

  it('exports the same figures as XLSX and CSV, with a total row', async () => {
    const town = await report(w.cookies.town, { townId: w.townId })
    const xlsx = await api(`/api/reports/meetings?townId=${w.townId}&format=xlsx`, {
      cookie: w.cookies.town,
    })
    expect(xlsx.status).toBe(200)
    expect(xlsx.res.headers.get('content-type')).toContain('spreadsheetml')
    expect(xlsx.res.headers.get('content-disposition')).toContain('attachment')
    const raw = await SELF.fetch(`${ORIGIN}/api/reports/meetings?townId=${w.townId}&format=xlsx`, {
      ...VIA_CLOUDFLARE,
      headers: { cookie: w.cookies.town },
    })
    const bytes = new Uint8Array(await raw.arrayBuffer())
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml'])
    expect(sheet).toContain('合计')
    expect(sheet).toContain('不予采纳')
    expect(sheet).toContain(`<v>${town.body.total.attendance}</v>`)
    const csv = await api(`/api/reports/meetings?townId=${w.townId}&format=csv`, {
      cookie: w.cookies.town,
    })
    expect(csv.status).toBe(200)
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      '居民区,召开会议（场）,到会（人次）,议定议题（个）,立项,暂缓,转办,不予采纳,立项项目（个）',
    )
    const t = town.body.total
    expect(lines.at(-1)).toBe(
      `合计,${t.meetings},${t.attendance},${t.decided},${t.byDecision.adopt},${t.byDecision.defer},${t.byDecision.refer},${t.byDecision.decline},${t.projects}`,
    )
    expect(lines).toHaveLength(w.neighborhoodIds.length + 2)
  })
})
