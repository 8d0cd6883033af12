// Fixtures for the partner and claim tests (tests/partners*.test.ts, tests/claims*.test.ts):
// a world with categories, partners with offers, adopted projects, and a partner's own login.
import { env } from 'cloudflare:test'
import { api, type createWorld, fileTopic, PASSWORD, signIn } from './helpers'

let seq = 0
const next = () => ++seq
const stamp = () => `${next()}-${Math.random().toString(36).slice(2, 6)}`

/** `?filter=…&sort=…&range=…` for a simple-rest list. */
export const q = (params: Record<string, unknown>) =>
  `?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&')}`

/** An active category; returns its id. */
export const category = async (name = `类别${stamp()}`) => {
  const row = await env.DB.prepare(
    'INSERT INTO categories (name, name_en, sort_order, active) VALUES (?, ?, 0, 1) RETURNING id',
  )
    .bind(name, `Category ${name}`)
    .first<{ id: number }>()
  return row!.id
}

export type World = Awaited<ReturnType<typeof createWorld>>

/** The status, with the body in the message when it is not the one expected. */
export const ok = <T extends { status: number; body: unknown }>(r: T, status = 200): T => {
  if (r.status !== status)
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`)
  return r
}

/** A partner made through the API by `cookie` (the town coordinator unless given). */
export const createPartner = async (
  w: World,
  body: Record<string, unknown> = {},
  cookie = w.cookies.town,
) =>
  ok(
    await api('/api/partners', {
      cookie,
      body: { townId: w.townId, kind: 'unit', name: `共建单位${stamp()}`, ...body },
    }),
    201,
  ).body

/** An offer of a partner. */
export const createOffer = async (
  w: World,
  partnerId: number,
  body: Record<string, unknown> = {},
  cookie = w.cookies.town,
) =>
  ok(
    await api('/api/partner-offers', {
      cookie,
      body: { partnerId, kind: 'service', title: `服务${stamp()}`, ...body },
    }),
    201,
  ).body

/** A login of the partner (made by the admin), signed in; returns its user id and cookie. */
export const partnerLogin = async (w: World, partnerId: number) => {
  const username = `partner${stamp()}`
  const r = ok(
    await api(`/api/partners/${partnerId}/logins`, {
      cookie: w.cookies.admin,
      body: { username, displayName: '对接人', password: PASSWORD },
    }),
    201,
  )
  return { id: r.body.id as number, username, cookie: await signIn(username) }
}

/**
 * A project adopted from a topic of `categoryId` in neighborhood `neighborhoodId` (the first by
 * default) with a checklist, made by the staff member; returns the project record.
 */
export const adoptedProject = async (
  w: World,
  opts: {
    categoryId?: number
    neighborhoodId?: number
    checklist?: string[]
    status?: string
    title?: string
  } = {},
) => {
  const neighborhoodId = opts.neighborhoodId ?? w.neighborhoodIds[0]
  const topic = await fileTopic(neighborhoodId, { categoryId: opts.categoryId })
  const cookie = neighborhoodId === w.neighborhoodIds[0] ? w.cookies.staff : w.cookies.town
  const r = await api('/api/projects', {
    cookie,
    body: {
      title: opts.title ?? `项目${stamp()}`,
      neighborhoodId,
      topicIds: [topic.id],
      status: opts.status === 'done' ? 'in_progress' : (opts.status ?? 'in_progress'),
      checklist: (opts.checklist ?? ['现场勘察', '施工']).map((title) => ({ title })),
    },
  })
  const project = ok(r, 201).body as { id: number; title: string; neighborhoodId: number }
  // A project is never created done: it gets there by a move.
  if (opts.status === 'done')
    ok(
      await api(`/api/projects/${project.id}`, { method: 'PUT', cookie, body: { status: 'done' } }),
    )
  return project
}

/** The checklist items of a project, in order. */
export const tasksOf = async (projectId: number) =>
  (
    await env.DB.prepare(
      'SELECT id, title FROM checklist_items WHERE project_id = ? ORDER BY sort_order, id',
    )
      .bind(projectId)
      .all<{ id: number; title: string }>()
  ).results

/** A volunteer with skills (a 达人) or without; returns its id. */
export const volunteer = async (
  neighborhoodId: number,
  { name = `达人${stamp()}`, skills = ['木工'] }: { name?: string; skills?: string[] } = {},
) => {
  const phone = `137${String(next() + Math.floor(Math.random() * 1e6)).padStart(8, '0')}`
  const row = await env.DB.prepare(
    `INSERT INTO volunteers (phone, name, neighborhood_id, code, skills, tags, note, created_at, updated_at)
     VALUES (?, ?, ?, 'ABC123', ?, '[]', '', ?, ?) RETURNING id`,
  )
    .bind(phone, name, neighborhoodId, JSON.stringify(skills), Date.now(), Date.now())
    .first<{ id: number }>()
  return row!.id
}
