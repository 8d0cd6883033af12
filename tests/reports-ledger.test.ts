import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createTown, createUser, ORIGIN, signIn } from './helpers'
import { DAY, readXlsx, rows } from './programmes-fixtures'

// 台账: every figure of GET /api/reports/ledger equals a recount from the raw tables, made here in
// plain JS over random data (topics in every status over two years, timelines with merges undone,
// projects with and without deadlines, evaluations, activities, registrations, volunteers,
// supports, 居民打钩 answers), for this period and the same period last year, in each scope.

const YEAR = 365 * DAY
const now = Date.now()
// A period of 200 days ending 20 days from now: sessions after now are not held yet.
const period = { from: now - 180 * DAY - (now % DAY), to: now + 20 * DAY - (now % DAY) }

let seed = 20260501
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]
const maybe = (p: number) => rand() < p
/** A time anywhere from 50 days before last year's period to 30 days after this one. */
const anyTime = () => period.from - YEAR - 50 * DAY + Math.floor(rand() * (YEAR + 260 * DAY))

const exec = async (query: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...params)
      .first<{ id: number }>()
  )?.id ?? 0

type Town = { townId: number; neighborhoodIds: number[] }
let town: Town
let otherTown: Town
let cookies: Record<string, string>

const TOPIC_STATUSES = [
  'submitted',
  'accepted',
  'adopted',
  'in_progress',
  'done',
  'merged',
  'declined',
  'referred',
]
const MOVES = ['accepted', 'adopted', 'in_progress', 'done', 'merged', 'declined', 'referred']

const fill = async ({ neighborhoodIds }: Town) => {
  const userId = (await createUser('staff', { neighborhoodIds })).id
  const channels: number[] = []
  for (const n of neighborhoodIds)
    for (const kind of ['qr', 'web', 'phone', 'visit', 'box', 'staff'])
      channels.push(
        await exec(
          `INSERT INTO channels (neighborhood_id, kind, label, code, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
          n,
          kind,
          kind,
          `C${Math.random().toString(36).slice(2, 10)}`,
          now,
        ),
      )
  const topics: number[] = []
  for (let i = 0; i < 160; i++) {
    const n = pick(neighborhoodIds)
    const ch = maybe(0.85) ? pick(channels) : null
    topics.push(
      await exec(
        `INSERT INTO topics (neighborhood_id, channel_id, title, status, tracking_code, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        n,
        ch,
        `议题${i}`,
        pick(TOPIC_STATUSES),
        `L${Math.random().toString(36).slice(2, 9).toUpperCase()}`,
        anyTime(),
        now,
      ),
    )
  }
  for (let i = 0; i < 320; i++) {
    const t = pick(topics)
    const at = anyTime()
    const to = pick(MOVES)
    await exec(
      `INSERT INTO topic_events (topic_id, at, kind, from_status, to_status) VALUES (?, ?, ?, 'submitted', ?)`,
      t,
      at,
      to,
      to,
    )
    if (to === 'merged' && maybe(0.4))
      await exec(
        `INSERT INTO topic_events (topic_id, at, kind, from_status, to_status) VALUES (?, ?, 'unmerged', 'merged', 'accepted')`,
        t,
        at + int(0, 40) * DAY,
      )
  }
  // Supports: a few on each of many topics, "me too" or followers carried by a merge, some of
  // them repeats from one address that the board does not count.
  for (let i = 0; i < 200; i++)
    await exec(
      `INSERT OR IGNORE INTO supports (topic_id, tracking_code, source, counted, created_at)
       VALUES (?, ?, ?, ?, ?)`,
      pick(topics),
      `S${Math.random().toString(36).slice(2, 9).toUpperCase()}`,
      maybe(0.8) ? 'support' : 'merged',
      maybe(0.8) ? 1 : 0,
      anyTime(),
    )
  const programme = await exec(
    `INSERT INTO programmes (town_id, name, starts_at, ends_at, created_at, updated_at)
     VALUES ((SELECT town_id FROM neighborhoods WHERE id = ?), '规定动作', ?, ?, ?, ?) RETURNING id`,
    neighborhoodIds[0],
    period.from,
    period.to,
    now,
    now,
  )
  const projects: number[] = []
  for (let i = 0; i < 60; i++) {
    const created = anyTime()
    const status = pick(['planned', 'in_progress', 'blocked', 'done', 'done', 'cancelled'])
    const doneAt = status === 'done' ? created + int(0, 120) * DAY : null
    const deadline = maybe(0.7) ? created + int(10, 100) * DAY : null
    // Programme projects: one per neighborhood at most (unique), so only the first few.
    const fromProgramme = i < neighborhoodIds.length ? programme : null
    projects.push(
      await exec(
        `INSERT INTO projects (neighborhood_id, title, status, deadline_at, done_at, created_at, updated_at, programme_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        fromProgramme ? neighborhoodIds[i] : pick(neighborhoodIds),
        `项目${i}`,
        status,
        deadline,
        doneAt,
        created,
        now,
        fromProgramme,
      ),
    )
  }
  // Ratings from every source, the legacy unverified support ones included (they do not count).
  for (let i = 0; i < 150; i++) {
    const source = pick(['code', 'code', 'verified', 'paper', 'support'])
    await exec(
      `INSERT OR IGNORE INTO evaluations (project_id, tracking_code, source, resolved, satisfaction, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      pick(projects),
      source === 'paper' ? null : `E${Math.random().toString(36).slice(2, 9).toUpperCase()}`,
      source,
      pick(['solved', 'partly', 'not']),
      int(1, 5),
      anyTime(),
    )
  }
  const sessions: { id: number; activity: number }[] = []
  for (let i = 0; i < 30; i++) {
    const activity = await exec(
      `INSERT INTO activities (neighborhood_id, kind, slug, title, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      pick(neighborhoodIds),
      maybe(0.4) ? 'volunteer' : 'event',
      `led-${Math.random().toString(36).slice(2, 10)}`,
      `活动${i}`,
      pick(['published', 'published', 'draft', 'cancelled']),
      now,
      now,
    )
    for (let s = int(1, 3); s > 0; s--) {
      const start = anyTime()
      sessions.push({
        activity,
        id: await exec(
          `INSERT INTO activity_sessions (activity_id, starts_at, ends_at, capacity, max_party, created_at, updated_at)
           VALUES (?, ?, ?, 100, 4, ?, ?) RETURNING id`,
          activity,
          start,
          start + 2 * 3_600_000,
          now,
          now,
        ),
      })
    }
  }
  const phones = Array.from({ length: 25 }, (_, i) => `1370000${String(i).padStart(4, '0')}`)
  for (let i = 0; i < 220; i++) {
    const s = pick(sessions)
    const status = pick([
      'confirmed',
      'waitlisted',
      'cancelled',
      'checked_in',
      'checked_in',
      'no_show',
    ])
    const checked = status === 'checked_in'
    await exec(
      `INSERT OR IGNORE INTO registrations (session_id, activity_id, name, phone, party_size, status, seq, token,
         checkin_code, created_at, checked_in_at, credited_minutes)
       VALUES (?, ?, '居民', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      s.id,
      s.activity,
      pick(phones),
      int(1, 4),
      status,
      i + 1,
      `tok${i}-${Math.random().toString(36).slice(2)}`,
      `chk${i}-${Math.random().toString(36).slice(2)}`,
      now,
      checked ? anyTime() : null,
      checked && maybe(0.8) ? int(30, 240) : null,
    )
  }
  const item = await exec(
    `INSERT INTO checklist_items (project_id, title, created_at) VALUES (?, '一次走访', ?) RETURNING id`,
    projects[0],
    now,
  )
  for (let i = 0; i < 80; i++) {
    const paper = maybe(0.3)
    await exec(
      `INSERT INTO confirmations (item_id, neighborhood_id, verdict, source, voice, people, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      item,
      pick(neighborhoodIds),
      pick(['confirmed', 'disputed']),
      paper ? 'paper' : 'code',
      paper ? null : `code:V${i}`,
      paper ? int(0, 30) : 1,
      userId,
      anyTime(),
    )
  }
}

// ── the recount: plain JS over every row, written from the definitions, not from the SQL ──

type Row = Record<string, any>
type Period = { from: number; to: number }
const round1 = (n: number) => Math.round(n * 10) / 10
const pct = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null

const recount = async (ids: number[], p: Period) => {
  const t = {
    topics: await rows<Row>('SELECT * FROM topics'),
    channels: await rows<Row>('SELECT * FROM channels'),
    events: await rows<Row>('SELECT * FROM topic_events'),
    supports: await rows<Row>('SELECT * FROM supports'),
    projects: await rows<Row>('SELECT * FROM projects'),
    evaluations: await rows<Row>('SELECT * FROM evaluations'),
    activities: await rows<Row>('SELECT * FROM activities'),
    sessions: await rows<Row>('SELECT * FROM activity_sessions'),
    registrations: await rows<Row>('SELECT * FROM registrations'),
    confirmations: await rows<Row>('SELECT * FROM confirmations'),
  }
  const mine = (n: number) => ids.includes(n)
  const within = (x: number | null) => x !== null && x >= p.from && x < p.to
  const topicById = new Map(t.topics.map((x) => [x.id, x]))
  const projectById = new Map(t.projects.map((x) => [x.id, x]))
  const activityById = new Map(t.activities.map((x) => [x.id, x]))
  const kindOf = new Map(t.channels.map((x) => [x.id, x.kind]))
  const f: Record<string, number | null> = {}
  const collected = t.topics.filter(
    (x) => mine(x.neighborhood_id) && within(x.created_at) && x.status !== 'merged',
  )
  f['collected.total'] = collected.length
  for (const k of ['qr', 'web', 'phone', 'visit', 'box', 'staff', 'none'])
    f[`collected.channel.${k}`] = collected.filter(
      (x) => (x.channel_id === null ? 'none' : kindOf.get(x.channel_id)) === k,
    ).length
  f['collected.mergedDuplicates'] = t.topics.filter(
    (x) => mine(x.neighborhood_id) && within(x.created_at) && x.status === 'merged',
  ).length
  const all = new Set<number>()
  for (const d of ['accepted', 'adopted', 'declined', 'referred', 'merged']) {
    const set = new Set<number>()
    for (const e of t.events) {
      if (e.to_status !== d || !within(e.at) || !mine(topicById.get(e.topic_id)!.neighborhood_id))
        continue
      const undone =
        d === 'merged' &&
        t.events.some((u) => u.topic_id === e.topic_id && u.kind === 'unmerged' && u.at >= e.at)
      if (!undone) set.add(e.topic_id)
    }
    f[`decided.${d}`] = set.size
    for (const id of set) all.add(id)
  }
  f['decided.total'] = all.size
  const own = t.projects.filter((x) => x.programme_id === null && mine(x.neighborhood_id))
  const done = own.filter((x) => x.status === 'done' && within(x.done_at))
  const withDeadline = done.filter((x) => x.deadline_at !== null)
  const onTime = withDeadline.filter((x) => x.done_at <= x.deadline_at)
  f['projects.adopted'] = own.filter((x) => within(x.created_at)).length
  f['projects.done'] = done.length
  f['projects.doneWithDeadline'] = withDeadline.length
  f['projects.doneOnTime'] = onTime.length
  f['projects.onTimeRate'] = pct(onTime.length, withDeadline.length)
  const evals = t.evaluations.filter(
    (x) =>
      x.source !== 'support' &&
      mine(projectById.get(x.project_id)!.neighborhood_id) &&
      within(x.created_at),
  )
  f['satisfaction.evaluations'] = evals.length
  f['satisfaction.satisfactionRate'] = evals.length
    ? Math.round(
        (evals.filter((x) => x.resolved === 'solved' && x.satisfaction >= 4).length /
          evals.length) *
          1000,
      ) / 10
    : null
  f['satisfaction.satisfactionAvg'] = evals.length
    ? round1(evals.reduce((n, x) => n + x.satisfaction, 0) / evals.length)
    : null
  f['satisfaction.resolvedShare'] = evals.length
    ? Math.round((evals.filter((x) => x.resolved === 'solved').length / evals.length) * 100)
    : null
  const held = t.sessions.filter((s) => {
    const a = activityById.get(s.activity_id)!
    return (
      a.status === 'published' &&
      mine(a.neighborhood_id) &&
      within(s.starts_at) &&
      s.starts_at < now
    )
  })
  f['activities.held'] = new Set(held.map((s) => s.activity_id)).size
  f['activities.sessions'] = held.length
  const checkedIn = t.registrations.filter(
    (r) =>
      r.status === 'checked_in' &&
      within(r.checked_in_at) &&
      mine(activityById.get(r.activity_id)!.neighborhood_id),
  )
  const people = checkedIn.reduce((n, r) => n + r.party_size, 0)
  const supports = t.supports.filter(
    (s) =>
      s.source === 'support' &&
      s.counted === 1 &&
      within(s.created_at) &&
      mine(topicById.get(s.topic_id)!.neighborhood_id),
  ).length
  const answers = t.confirmations
    .filter((x) => mine(x.neighborhood_id) && within(x.created_at))
    .reduce((n, x) => n + x.people, 0)
  f['visits.checkedIn'] = people
  f['visits.supports'] = supports
  f['visits.evaluations'] = evals.length
  f['visits.confirmations'] = answers
  f['visits.total'] = people + supports + evals.length + answers
  const shifts = checkedIn.filter((r) => activityById.get(r.activity_id)!.kind === 'volunteer')
  f['volunteers.volunteers'] = new Set(shifts.map((r) => r.phone)).size
  f['volunteers.hours'] = round1(shifts.reduce((n, r) => n + (r.credited_minutes ?? 0), 0) / 60)
  return f
}

const figuresOf = (sections: any[], field: 'value' | 'lastYear') =>
  Object.fromEntries(
    sections.flatMap((s) => s.figures.map((f: any) => [`${s.key}.${f.key}`, f[field]])),
  )

const ledger = (cookie: string, params: Record<string, string | number>) =>
  api(
    `/api/reports/ledger?${new URLSearchParams(
      Object.entries({ from: period.from, to: period.to, ...params }).map(([k, v]) => [
        k,
        String(v),
      ]),
    )}`,
    { cookie },
  )

beforeAll(async () => {
  town = await createTown(3)
  otherTown = await createTown(1)
  await fill(town)
  await fill(otherTown)
  const townUser = await createUser('town', { townIds: [town.townId] })
  const staff = await createUser('staff', { neighborhoodIds: [town.neighborhoodIds[1]] })
  const viewer = await createUser('viewer', { neighborhoodIds: [town.neighborhoodIds[1]] })
  const admin = await createUser('admin')
  cookies = {
    town: await signIn(townUser.username),
    staff: await signIn(staff.username),
    viewer: await signIn(viewer.username),
    admin: await signIn(admin.username),
  }
}, 120_000)

describe('GET /api/reports/ledger', () => {
  it('equals a recount from the raw tables, this period and last year, for the town', async () => {
    const r = await ledger(cookies.town, { scope: 'town', townId: town.townId })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const lastYear = r.body.lastYear
    expect(lastYear.to - lastYear.from).toBeGreaterThan(199 * DAY)
    expect(figuresOf(r.body.sections, 'value')).toEqual(await recount(town.neighborhoodIds, period))
    expect(figuresOf(r.body.sections, 'lastYear')).toEqual(
      await recount(town.neighborhoodIds, lastYear),
    )
    // The data is varied enough that the figures are not trivially zero.
    const value = figuresOf(r.body.sections, 'value')
    for (const key of [
      'collected.total',
      'decided.total',
      'projects.done',
      'visits.total',
      'volunteers.volunteers',
    ])
      expect(value[key], key).toBeGreaterThan(0)
    // A change is this period minus last year.
    const collected = r.body.sections[0].figures[0]
    expect(collected.change).toBe(collected.value - collected.lastYear)
  })

  it('equals a recount for one neighborhood, and for everything an admin sees', async () => {
    const n = town.neighborhoodIds[2]
    const one = await ledger(cookies.town, { scope: 'neighborhood', neighborhoodId: n })
    expect(one.status).toBe(200)
    expect(figuresOf(one.body.sections, 'value')).toEqual(await recount([n], period))
    const everything = await ledger(cookies.admin, { scope: 'all' })
    const allIds = (await rows<{ id: number }>('SELECT id FROM neighborhoods')).map((x) => x.id)
    expect(figuresOf(everything.body.sections, 'value')).toEqual(await recount(allIds, period))
  })

  it('keeps to the caller’s scope: staff see their own neighborhood, 404 outside it', async () => {
    const mine = await ledger(cookies.staff, { scope: 'town', townId: town.townId })
    expect(mine.status).toBe(200)
    expect(figuresOf(mine.body.sections, 'value')).toEqual(
      await recount([town.neighborhoodIds[1]], period),
    )
    const all = await ledger(cookies.viewer, { scope: 'all' })
    expect(figuresOf(all.body.sections, 'value')).toEqual(
      await recount([town.neighborhoodIds[1]], period),
    )
    expect(
      (
        await ledger(cookies.staff, {
          scope: 'neighborhood',
          neighborhoodId: town.neighborhoodIds[0],
        })
      ).status,
    ).toBe(404)
    expect((await ledger(cookies.town, { scope: 'town', townId: otherTown.townId })).status).toBe(
      404,
    )
    expect((await ledger(cookies.town, { scope: 'nowhere' })).status).toBe(400)
  })
})

describe('GET /api/reports/ledger/export', () => {
  it('is a workbook with a sheet per section holding the same figures', async () => {
    const json = (await ledger(cookies.town, { scope: 'town', townId: town.townId })).body
    const res = await SELF.fetch(
      `${ORIGIN}/api/reports/ledger/export?${new URLSearchParams({
        from: String(period.from),
        to: String(period.to),
        scope: 'town',
        townId: String(town.townId),
      })}`,
      { headers: { cookie: cookies.town } },
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('.xlsx')
    const sheets = readXlsx(await res.arrayBuffer())
    expect(Object.keys(sheets)).toEqual(['概况', ...json.sections.map((s: any) => s.title)])
    for (const section of json.sections) {
      const sheet = sheets[section.title]
      expect(sheet[0]).toEqual(['指标', '本期', '去年同期', '变化', '变化率（%）'])
      section.figures.forEach((f: any, i: number) => {
        expect(sheet[i + 1][0]).toBe(f.label)
        expect(sheet[i + 1][1] ?? null).toBe(f.value === null ? null : String(f.value))
        expect(sheet[i + 1][2] ?? null).toBe(f.lastYear === null ? null : String(f.lastYear))
      })
    }
  })
})
