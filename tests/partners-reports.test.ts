import { env, SELF } from 'cloudflare:test'
import { unzipSync, strFromU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld, fileTopic, ORIGIN } from './helpers'
import { createPartner, ok, volunteer, type World } from './partners-fixtures'

// The partner report's figures must equal a recount from the tables: random claims (statuses,
// partners of every kind, 达人, projects and tasks, over a year and two towns) and activity leads
// (sessions in and out of the period, an activity without sessions, a cancelled one) are counted
// again here in plain JS, for several places and periods, and compared with the API's answer.

const DAY = 86_400_000
const NOW = Date.now()

let seed = 20260501
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]

let w: World
let away: World

type ClaimRow = {
  project_id: number
  checklist_item_id: number | null
  partner_id: number | null
  volunteer_id: number | null
  neighborhood_id: number
  status: string
  created_at: number
  kind: string | null
  town_id: number
}
type LeadRow = {
  activity_id: number
  partner_id: number | null
  volunteer_id: number | null
  neighborhood_id: number
  town_id: number
  status: string
  created_at: number
  starts: string
}

const insertProject = async (neighborhoodId: number, tasks: number) => {
  const p = await env.DB.prepare(
    `INSERT INTO projects (neighborhood_id, title, status, created_at, updated_at)
     VALUES (?, ?, 'in_progress', ?, ?) RETURNING id`,
  )
    .bind(neighborhoodId, `报表项目${rand().toString(36).slice(2, 7)}`, NOW, NOW)
    .first<{ id: number }>()
  const taskIds: number[] = []
  for (let k = 0; k < tasks; k++) {
    const t = await env.DB.prepare(
      'INSERT INTO checklist_items (project_id, title, sort_order, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    )
      .bind(p!.id, `任务${k}`, k, NOW)
      .first<{ id: number }>()
    taskIds.push(t!.id)
  }
  return { id: p!.id, neighborhoodId, taskIds }
}

beforeAll(async () => {
  w = await createWorld()
  away = await createWorld()
  const kinds = ['party_branch', 'party_branch', 'unit', 'student_club', 'social_org', 'property']
  const partners: { id: number; townId: number }[] = []
  for (const world of [w, away])
    for (const kind of kinds)
      partners.push({
        id: (await createPartner(world, { kind }, world.cookies.admin)).id,
        townId: world.townId,
      })
  const leads = [
    await volunteer(w.neighborhoodIds[0], { name: '报表达人甲' }),
    await volunteer(w.neighborhoodIds[1], { name: '报表达人乙' }),
  ]
  const projects = []
  for (const world of [w, away])
    for (const n of world.neighborhoodIds)
      for (let i = 0; i < 3; i++) projects.push(await insertProject(n, 2))
  const statuses = ['pending', 'accepted', 'accepted', 'declined', 'withdrawn']
  const statements = []
  for (let i = 0; i < 160; i++) {
    const p = pick(projects)
    const town = [w, away].find((x) => x.neighborhoodIds.includes(p.neighborhoodId))!.townId
    const byLead = rand() < 0.2
    const status = pick(statuses)
    const createdAt = NOW - Math.floor(rand() * 400) * DAY - Math.floor(rand() * DAY)
    statements.push(
      env.DB.prepare(
        `INSERT OR IGNORE INTO claims (project_id, checklist_item_id, partner_id, volunteer_id,
          neighborhood_id, status, source, created_at, decided_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'staff', ?, ?, ?)`,
      ).bind(
        p.id,
        rand() < 0.5 ? pick(p.taskIds) : null,
        byLead ? null : pick(partners.filter((x) => x.townId === town)).id,
        byLead ? pick(leads) : null,
        p.neighborhoodId,
        status,
        createdAt,
        status === 'pending' ? null : createdAt + DAY,
        createdAt,
      ),
    )
  }
  await env.DB.batch(statements)
  // Activities with leads: sessions at different times, one without sessions, one cancelled.
  for (const world of [w, away])
    for (const n of world.neighborhoodIds)
      for (let i = 0; i < 4; i++) {
        const created = NOW - Math.floor(rand() * 300) * DAY
        const a = await env.DB.prepare(
          `INSERT INTO activities (neighborhood_id, slug, title, status, created_at, updated_at)
           VALUES (?, ?, '活动', ?, ?, ?) RETURNING id`,
        )
          .bind(
            n,
            `rep-${n}-${i}-${rand().toString(36).slice(2, 7)}`,
            i === 3 ? 'cancelled' : 'published',
            created,
            created,
          )
          .first<{ id: number }>()
        for (let s = 0; s < (i === 2 ? 0 : 2); s++) {
          const start = NOW - Math.floor(rand() * 300) * DAY
          await env.DB.prepare(
            `INSERT INTO activity_sessions (activity_id, starts_at, ends_at, capacity, created_at, updated_at)
             VALUES (?, ?, ?, 10, ?, ?)`,
          )
            .bind(a!.id, start, start + 3_600_000, created, created)
            .run()
        }
        const partner = pick(partners.filter((x) => x.townId === world.townId))
        await env.DB.prepare(
          'INSERT INTO activity_leads (activity_id, partner_id, created_at) VALUES (?, ?, ?)',
        )
          .bind(a!.id, partner.id, created)
          .run()
        if (rand() < 0.5)
          await env.DB.prepare(
            'INSERT INTO activity_leads (activity_id, volunteer_id, created_at) VALUES (?, ?, ?)',
          )
            .bind(a!.id, pick(leads), created)
            .run()
      }
  // A real adopted project with a claim through the API, so the tables are not only raw rows.
  const topic = await fileTopic(w.neighborhoodIds[0])
  const project = ok(
    await api('/api/projects', {
      cookie: w.cookies.staff,
      body: { title: '报表真实项目', neighborhoodId: w.neighborhoodIds[0], topicIds: [topic.id] },
    }),
    201,
  ).body
  const claim = ok(
    await api('/api/claims', {
      cookie: w.cookies.staff,
      body: { projectId: project.id, partnerId: partners[0].id },
    }),
    201,
  ).body
  ok(await api(`/api/claims/${claim.id}/accept`, { cookie: w.cookies.staff, body: {} }))
})

const recount = async (
  place: (r: { neighborhood_id: number; town_id: number }) => boolean,
  from: number,
  to: number,
) => {
  const claims = (
    await env.DB.prepare(
      `SELECT c.project_id, c.checklist_item_id, c.partner_id, c.volunteer_id, c.neighborhood_id,
         c.status, c.created_at, p.kind, n.town_id
       FROM claims c JOIN neighborhoods n ON n.id = c.neighborhood_id
         LEFT JOIN partners p ON p.id = c.partner_id`,
    ).all<ClaimRow>()
  ).results.filter((c) => place(c) && c.created_at >= from && c.created_at < to)
  const leads = (
    await env.DB.prepare(
      `SELECT l.activity_id, l.partner_id, l.volunteer_id, a.neighborhood_id, n.town_id, a.status,
         a.created_at, (SELECT json_group_array(starts_at) FROM activity_sessions s
           WHERE s.activity_id = a.id) AS starts
       FROM activity_leads l JOIN activities a ON a.id = l.activity_id
         JOIN neighborhoods n ON n.id = a.neighborhood_id`,
    ).all<LeadRow>()
  ).results.filter((l) => {
    const starts = JSON.parse(l.starts) as number[]
    const held = starts.length
      ? starts.some((s) => s >= from && s < to)
      : l.created_at >= from && l.created_at < to
    return place(l) && l.status !== 'cancelled' && held
  })
  const distinct = <T>(list: T[]) => new Set(list.filter((x) => x !== null)).size
  const accepted = claims.filter((c) => c.status === 'accepted')
  const figures = (cs: ClaimRow[], ls: LeadRow[]) => ({
    claims: cs.length,
    accepted: cs.filter((c) => c.status === 'accepted').length,
    pending: cs.filter((c) => c.status === 'pending').length,
    projects: distinct(cs.filter((c) => c.status === 'accepted').map((c) => c.project_id)),
    tasks: distinct(cs.filter((c) => c.status === 'accepted').map((c) => c.checklist_item_id)),
    activities: distinct(ls.map((l) => l.activity_id)),
  })
  const byPartner = new Map<number, ReturnType<typeof figures>>()
  for (const id of new Set(
    [...claims, ...leads].map((x) => x.partner_id).filter((x) => x !== null),
  ))
    byPartner.set(
      id!,
      figures(
        claims.filter((c) => c.partner_id === id),
        leads.filter((l) => l.partner_id === id),
      ),
    )
  const byLead = new Map<number, ReturnType<typeof figures>>()
  for (const id of new Set(
    [...claims, ...leads].map((x) => x.volunteer_id).filter((x) => x !== null),
  ))
    byLead.set(
      id!,
      figures(
        claims.filter((c) => c.volunteer_id === id),
        leads.filter((l) => l.volunteer_id === id),
      ),
    )
  const byNeighborhood = new Map<number, ReturnType<typeof figures> & { branchesRaised: number }>()
  for (const id of new Set([...claims, ...leads].map((x) => x.neighborhood_id))) {
    const cs = claims.filter((c) => c.neighborhood_id === id)
    byNeighborhood.set(id, {
      ...figures(
        cs,
        leads.filter((l) => l.neighborhood_id === id),
      ),
      branchesRaised: distinct(
        cs.filter((c) => c.kind === 'party_branch').map((c) => c.partner_id),
      ),
    })
  }
  return {
    totals: {
      claims: claims.length,
      accepted: accepted.length,
      pending: claims.filter((c) => c.status === 'pending').length,
      declined: claims.filter((c) => c.status === 'declined').length,
      withdrawn: claims.filter((c) => c.status === 'withdrawn').length,
      partnersRaised: distinct(claims.map((c) => c.partner_id)),
      branchesRaised: distinct(
        claims.filter((c) => c.kind === 'party_branch').map((c) => c.partner_id),
      ),
      leadsRaised: distinct(claims.map((c) => c.volunteer_id)),
      projectsJoined: distinct(accepted.map((c) => c.project_id)),
      tasksJoined: distinct(accepted.map((c) => c.checklist_item_id)),
      activitiesLed: distinct(leads.map((l) => l.activity_id)),
    },
    byPartner,
    byLead,
    byNeighborhood,
  }
}

type Report = {
  totals: Record<string, number>
  sentence: string
  byNeighborhood: ({ neighborhoodId: number } & Record<string, number>)[]
  byPartner: ({ partnerId: number } & Record<string, number>)[]
  byLead: ({ volunteerId: number; name: string } & Record<string, number>)[]
}

const compare = (report: Report, expected: Awaited<ReturnType<typeof recount>>) => {
  expect(report.totals).toEqual(expected.totals)
  const pick = (r: Record<string, unknown>) => ({
    claims: r.claims,
    accepted: r.accepted,
    pending: r.pending,
    projects: r.projects,
    tasks: r.tasks,
    activities: r.activities,
  })
  expect(new Map(report.byPartner.map((r) => [r.partnerId, pick(r)]))).toEqual(expected.byPartner)
  expect(new Map(report.byLead.map((r) => [r.volunteerId, pick(r)]))).toEqual(expected.byLead)
  const places = new Map(
    report.byNeighborhood
      .filter((r) => r.claims > 0 || r.activities > 0)
      .map((r) => [r.neighborhoodId, { ...pick(r), branchesRaised: r.branchesRaised }]),
  )
  expect(places).toEqual(expected.byNeighborhood)
}

const periods = [
  { name: 'everything', from: undefined, to: undefined },
  { name: 'the last 90 days', from: NOW - 90 * DAY, to: NOW + DAY },
  { name: 'a past quarter', from: NOW - 300 * DAY, to: NOW - 210 * DAY },
]

describe('GET /api/reports/partners', () => {
  for (const period of periods) {
    const query = (extra: string) =>
      `/api/reports/partners?${[
        period.from === undefined ? '' : `from=${period.from}`,
        period.to === undefined ? '' : `to=${period.to}`,
        extra,
      ]
        .filter(Boolean)
        .join('&')}`
    const from = period.from ?? 0
    const to = period.to ?? Number.MAX_SAFE_INTEGER

    it(`equals a recount for a town, ${period.name}`, async () => {
      const r = ok(await api(query(`townId=${w.townId}`), { cookie: w.cookies.town }))
      const expected = await recount((x) => x.town_id === w.townId, from, to)
      // Not vacuous: the period holds claims of every state, branches and activities.
      expect(expected.totals.claims).toBeGreaterThan(5)
      expect(expected.totals.branchesRaised).toBeGreaterThan(0)
      compare(r.body, expected)
      expect(r.body.sentence).toContain(`${r.body.totals.branchesRaised} 个居民区党支部举手`)
      // Every neighborhood of the town is listed, the quiet ones with zeros.
      expect(
        r.body.byNeighborhood.map((n: { neighborhoodId: number }) => n.neighborhoodId).sort(),
      ).toEqual([...w.neighborhoodIds].sort())
    })

    it(`equals a recount for one neighborhood and for a staff member's scope, ${period.name}`, async () => {
      const [n1, n2] = w.neighborhoodIds
      const one = ok(await api(query(`neighborhoodId=${n2}`), { cookie: w.cookies.admin }))
      compare(one.body, await recount((x) => x.neighborhood_id === n2, from, to))
      const staff = ok(await api(query(''), { cookie: w.cookies.staff }))
      compare(staff.body, await recount((x) => x.neighborhood_id === n1, from, to))
    })
  }

  it('counts the whole database for an admin without a place', async () => {
    const r = ok(await api('/api/reports/partners', { cookie: w.cookies.admin }))
    compare(r.body, await recount(() => true, 0, Number.MAX_SAFE_INTEGER))
  })

  it('answers 404 for a town or neighborhood outside scope, and masks 达人 for viewers', async () => {
    expect(
      (await api(`/api/reports/partners?townId=${away.townId}`, { cookie: w.cookies.town })).status,
    ).toBe(404)
    expect(
      (await api(`/api/reports/partners?townId=${w.townId}`, { cookie: w.cookies.staff })).status,
    ).toBe(404)
    expect(
      (
        await api(`/api/reports/partners?neighborhoodId=${w.neighborhoodIds[1]}`, {
          cookie: w.cookies.staff,
        })
      ).status,
    ).toBe(404)
    const viewer = ok(await api('/api/reports/partners', { cookie: w.cookies.viewer }))
    expect(viewer.body.byLead.every((l: { name: string }) => /\*/.test(l.name))).toBe(true)
    expect(JSON.stringify(viewer.body)).not.toContain('报表达人甲')
  })

  it('exports the same figures as XLSX', async () => {
    const json = ok(
      await api(`/api/reports/partners?townId=${w.townId}`, { cookie: w.cookies.town }),
    )
    const r = await fetchBinary(
      `/api/reports/partners?townId=${w.townId}&format=xlsx`,
      w.cookies.town,
    )
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('spreadsheetml')
    expect(r.headers.get('content-disposition')).toContain('.xlsx')
    const bytes = new Uint8Array(await r.arrayBuffer())
    const files = unzipSync(bytes)
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'])
    expect(sheet).toContain(json.body.sentence)
    expect(sheet).toContain(`<v>${json.body.totals.claims}</v>`)
  })
})

const fetchBinary = (path: string, cookie: string) =>
  SELF.fetch(`${ORIGIN}${path}`, { headers: { cookie } })
