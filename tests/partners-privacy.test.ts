import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../worker/app'
import { api, createActivity, createWorld, fileTopic, registerJson } from './helpers'
import {
  adoptedProject,
  createOffer,
  createPartner,
  ok,
  partnerLogin,
  tasksOf,
  volunteer,
  type World,
} from './partners-fixtures'

// A partner login must never read residents' personal data. Sweep: every route of the JSON API
// (read from the app itself, so a route added later is swept too) answers a partner 403 or 404,
// except the few a partner uses (its account, its claims, the 需求清单, the projects it joined,
// its own offers); and what those answer holds no resident's name or phone, although the
// database holds topics with submitters, registrations, 达人, survey answers and door sign-ins.

const RESIDENT = { name: '张居民', phone: '13800138000' }
const REGISTRANT = { name: '李家长', phone: '13911112222' }
const TALENT = { name: '沈阿姨', phone: '13701234567' }
const RESPONDENT = '13655556666'
const ATTENDEE = { name: '赵到会', phone: '13577778888' }
const SECRETS = [
  RESIDENT.name,
  RESIDENT.phone,
  REGISTRANT.name,
  REGISTRANT.phone,
  TALENT.name,
  TALENT.phone,
  RESPONDENT,
  ATTENDEE.name,
  ATTENDEE.phone,
]

/** The routes a partner login may use: `METHOD path` as the app declares them. */
const PARTNER_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/password',
  'GET /api/claims',
  'GET /api/claims/:id{[0-9]+}',
  'POST /api/claims',
  'POST /api/claims/bulk',
  'POST /api/claims/:id{[0-9]+}/accept',
  'POST /api/claims/:id{[0-9]+}/decline',
  'POST /api/claims/:id{[0-9]+}/withdraw',
  'GET /api/help-wanted',
  'GET /api/help-wanted/:id{[0-9]+}',
  'GET /api/partner-projects',
  'GET /api/partner-projects/:id{[0-9]+}',
  'GET /api/partner-offers',
  'GET /api/partner-offers/:id{[0-9]+}',
  'POST /api/partner-offers',
  'PUT /api/partner-offers/:id{[0-9]+}',
  'DELETE /api/partner-offers/:id{[0-9]+}',
])

const apiRoutes = [
  ...new Map(
    app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }]),
  ).values(),
]

/** The path with every `:param` (and its pattern) replaced by `id`. */
const concrete = (path: string, id: number) => path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, String(id))

let w: World
let partner: { cookie: string }
let ids: number[] = []

beforeAll(async () => {
  w = await createWorld()
  const n = w.neighborhoodIds[0]
  // A resident's topic with name and phone, adopted into a project the partner joins.
  const topic = await fileTopic(n, { title: '楼道灯坏了' })
  await env.DB.prepare(
    'UPDATE topics SET submitter_name = ?, submitter_phone = ?, consent_at = ? WHERE id = ?',
  )
    .bind(RESIDENT.name, RESIDENT.phone, Date.now(), topic.id)
    .run()
  const project = await adoptedProject(w, { checklist: ['换灯', '巡查'] })
  await env.DB.prepare('INSERT INTO project_topics (project_id, topic_id) VALUES (?, ?)')
    .bind(project.id, topic.id)
    .run()
  const org = await createPartner(w, { name: '共建物业', contactPhone: '13312345678' })
  await createOffer(w, org.id)
  partner = await partnerLogin(w, org.id)
  const [task] = await tasksOf(project.id)
  const claim = ok(
    await api('/api/claims', {
      cookie: partner.cookie,
      body: { projectId: project.id, checklistItemId: task.id, personName: '物业经理' },
    }),
    201,
  ).body
  ok(await api(`/api/claims/${claim.id}/accept`, { cookie: w.cookies.staff, body: {} }))
  // A 达人 leading the same project.
  const talent = await volunteer(n, { name: TALENT.name })
  await env.DB.prepare('UPDATE volunteers SET phone = ? WHERE id = ?')
    .bind(TALENT.phone, talent)
    .run()
  const lead = ok(
    await api('/api/claims', {
      cookie: w.cookies.staff,
      body: { projectId: project.id, volunteerId: talent },
    }),
    201,
  ).body
  ok(await api(`/api/claims/${lead.id}/accept`, { cookie: w.cookies.staff, body: {} }))
  // A registration for an activity.
  const { activity, sessions } = await createActivity(w.cookies.staff, n)
  const reg = await registerJson(activity.slug, sessions[0].id, {
    name: REGISTRANT.name,
    phone: REGISTRANT.phone,
    partySize: 1,
  })
  expect(reg.status, JSON.stringify(reg.body)).toBeLessThan(300)
  // A survey answer with a phone.
  const now = Date.now()
  const form = await env.DB.prepare(
    `INSERT INTO forms (town_id, neighborhood_id, slug, title, status, created_at, updated_at)
     VALUES (?, ?, ?, '问卷', 'open', ?, ?) RETURNING id`,
  )
    .bind(w.townId, n, `privacy-${now}`, now, now)
    .first<{ id: number }>()
  await env.DB.prepare(
    "INSERT INTO form_versions (form_id, version, fields, created_at) VALUES (?, 1, '[]', ?)",
  )
    .bind(form!.id, now)
    .run()
  await env.DB.prepare(
    'INSERT INTO form_responses (form_id, version, answers, phone, receipt, created_at) VALUES (?, 1, ?, ?, ?, ?)',
  )
    .bind(form!.id, JSON.stringify({ phone: RESPONDENT }), RESPONDENT, `R${now}`, now)
    .run()
  // A door sign-in of a meeting.
  const meeting = await env.DB.prepare(
    `INSERT INTO meetings (neighborhood_id, kind, title, starts_at, code, created_at, updated_at)
     VALUES (?, 'council', '议事会', ?, ?, ?, ?) RETURNING id`,
  )
    .bind(n, now, `M${now}`.slice(0, 12), now, now)
    .first<{ id: number }>()
  await env.DB.prepare(
    'INSERT INTO meeting_attendees (meeting_id, name, phone, consent_at, source, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
    .bind(meeting!.id, ATTENDEE.name, ATTENDEE.phone, now, 'qr', now)
    .run()
  ids = [
    topic.id,
    project.id,
    claim.id,
    talent,
    activity.id,
    sessions[0].id,
    form!.id,
    meeting!.id,
    1,
  ]
})

describe('a partner login and the JSON API', () => {
  it('the sweep sees every API route of the app', () => {
    expect(apiRoutes.length).toBeGreaterThan(60)
    for (const route of PARTNER_ROUTES)
      expect(apiRoutes.map((r) => `${r.method} ${r.path}`)).toContain(route)
  })

  it('answers 403 or 404 on every other route, reads and writes alike', {
    timeout: 300_000,
  }, async () => {
    const calls = [
      ...new Map(
        apiRoutes
          .filter((route) => !PARTNER_ROUTES.has(`${route.method} ${route.path}`))
          .flatMap((route) =>
            (route.path.includes(':') ? ids : [0]).map((id) => {
              const path = concrete(route.path, id)
              return [`${route.method} ${path}`, { method: route.method, path }] as const
            }),
          ),
      ).values(),
    ]
    const leaks: string[] = []
    // A few at a time: the sweep is hundreds of requests.
    for (let i = 0; i < calls.length; i += 8)
      await Promise.all(
        calls.slice(i, i + 8).map(async ({ method, path }) => {
          const r = await api(path, {
            method,
            cookie: partner.cookie,
            body: method === 'GET' ? undefined : {},
          })
          if (r.status !== 403 && r.status !== 404)
            leaks.push(`${method} ${path} → ${r.status} ${r.text.slice(0, 120)}`)
        }),
      )
    expect(calls.length).toBeGreaterThan(90)
    expect(leaks).toEqual([])
  })

  it('what a partner may read holds no resident’s name or phone', {
    timeout: 120_000,
  }, async () => {
    const seen: string[] = []
    for (const route of apiRoutes) {
      if (route.method !== 'GET' || !PARTNER_ROUTES.has(`GET ${route.path}`)) continue
      for (const id of route.path.includes(':') ? ids : [0]) {
        const r = await api(`${concrete(route.path, id)}?range=[0,499]`, { cookie: partner.cookie })
        expect([200, 404]).toContain(r.status)
        for (const secret of SECRETS)
          if (r.text.includes(secret)) seen.push(`${route.path} (${id}): ${secret}`)
      }
    }
    expect(seen).toEqual([])
    // It did see its joined project, with the 达人 masked.
    const joined = ok(await api('/api/partner-projects', { cookie: partner.cookie }))
    expect(JSON.stringify(joined.body)).toContain('沈**')
  })

  it('the staff check-in page shows a partner no registrations', async () => {
    const page = await api('/staff/checkin', { cookie: partner.cookie })
    for (const secret of SECRETS) expect(page.text).not.toContain(secret)
  })

  it('staff still see what they should (the sweep is not vacuous)', async () => {
    const topics = ok(await api('/api/topics', { cookie: w.cookies.staff }))
    // The name in full; the phone masked for staff too (#17.6), in full through a logged reveal.
    expect(JSON.stringify(topics.body)).toContain(RESIDENT.name)
    const mine = topics.body.find(
      (t: { submitterName: string }) => t.submitterName === RESIDENT.name,
    )
    const revealed = await api('/api/privacy/reveal', {
      cookie: w.cookies.staff,
      body: { resource: 'topics', id: mine.id, purpose: 'callback' },
    })
    expect(revealed.body).toEqual({ phone: RESIDENT.phone })
  })
})
