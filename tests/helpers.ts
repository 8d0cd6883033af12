import { env, SELF } from 'cloudflare:test'
import { hashPassword } from '../worker/lib/password'
import { retryAfterSeconds } from '../worker/db/queries/rate-limit'
import type { Role } from '../worker/domain/vocabulary'

export const ORIGIN = 'http://localhost'
/**
 * `request.cf` as on a request through Cloudflare's edge: with CLIENT_ADDRESS = "cloudflare"
 * only such a request's `cf-connecting-ip` names the client (worker/lib/client-address.ts).
 */
export const VIA_CLOUDFLARE = { cf: { colo: 'TEST' } } as RequestInit
export const PASSWORD = 'test-password-1'

type Json = Record<string, unknown> | unknown[]

/** A request to the worker; `body` objects are sent as JSON. Returns the response and its parsed body. */
export const api = async <T = any>(
  path: string,
  init: {
    method?: string
    body?: Json | string
    cookie?: string
    headers?: Record<string, string>
  } = {},
) => {
  const headers: Record<string, string> = { ...init.headers }
  if (init.cookie) headers.cookie = init.cookie
  let body: string | undefined
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await SELF.fetch(`${ORIGIN}${path}`, {
    ...VIA_CLOUDFLARE,
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    redirect: 'manual',
  })
  const text = await res.text()
  let json: T
  try {
    json = text ? JSON.parse(text) : (undefined as T)
  } catch {
    json = text as T
  }
  return { res, status: res.status, body: json, text }
}

let seq = 0
const next = () => ++seq

/** A town with `count` neighborhoods; returns their ids. */
export const createTown = async (count = 2) => {
  const n = next()
  const now = Date.now()
  const town = await env.DB.prepare(
    'INSERT INTO towns (name, created_at) VALUES (?, ?) RETURNING id',
  )
    .bind(`测试镇${n}`, now)
    .first<{ id: number }>()
  const neighborhoodIds: number[] = []
  for (let i = 0; i < count; i++) {
    const row = await env.DB.prepare(
      'INSERT INTO neighborhoods (town_id, name, slug, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    )
      .bind(town!.id, `测试居民区${n}-${i}`, `t${n}-n${i}`, now)
      .first<{ id: number }>()
    neighborhoodIds.push(row!.id)
  }
  return { townId: town!.id, neighborhoodIds }
}

/** A staff user with a role and scope; password is `PASSWORD`. */
export const createUser = async (
  role: Role,
  scope: { townIds?: number[]; neighborhoodIds?: number[] } = {},
  username = `${role}${next()}`,
) => {
  const { hash, salt, iterations } = await hashPassword(PASSWORD, 1000)
  const now = Date.now()
  const user = await env.DB.prepare(
    `INSERT INTO users (username, display_name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(username, `测试${role}`, role, hash, salt, iterations, now, now)
    .first<{ id: number }>()
  for (const t of scope.townIds ?? [])
    await env.DB.prepare('INSERT INTO user_towns (user_id, town_id) VALUES (?, ?)')
      .bind(user!.id, t)
      .run()
  for (const n of scope.neighborhoodIds ?? [])
    await env.DB.prepare('INSERT INTO user_neighborhoods (user_id, neighborhood_id) VALUES (?, ?)')
      .bind(user!.id, n)
      .run()
  return { id: user!.id, username }
}

/** Signs in and returns the session cookie (`name=value`). */
export const signIn = async (username: string, password = PASSWORD) => {
  const { res, status, body } = await api('/api/auth/login', { body: { username, password } })
  if (status !== 200)
    throw new Error(`sign-in failed for ${username}: ${status} ${JSON.stringify(body)}`)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  return cookie
}

/**
 * A town with two neighborhoods and a signed-in user of each role:
 * `staff` and `viewer` scoped to the first neighborhood, `town` to the town.
 */
export const createWorld = async () => {
  const { townId, neighborhoodIds } = await createTown(2)
  const [n1] = neighborhoodIds
  const users = {
    admin: await createUser('admin'),
    town: await createUser('town', { townIds: [townId] }),
    staff: await createUser('staff', { neighborhoodIds: [n1] }),
    viewer: await createUser('viewer', { neighborhoodIds: [n1] }),
  }
  const cookies = {
    admin: await signIn(users.admin.username),
    town: await signIn(users.town.username),
    staff: await signIn(users.staff.username),
    viewer: await signIn(users.viewer.username),
  }
  return { townId, neighborhoodIds, users, cookies }
}

/**
 * Files a topic straight into D1 (as a resident would) and returns its row; `status` other than
 * 'submitted' is set directly, for tests that need a topic in a given state.
 */
export const fileTopic = async (
  neighborhoodId: number,
  fields: {
    title?: string
    description?: string
    status?: string
    categoryId?: number
    createdAt?: number
  } = {},
) => {
  const { createDb } = await import('../worker/db/client')
  const { createTopic } = await import('../worker/db/queries/topics/create')
  const topic = await createTopic(createDb(env.DB), {
    neighborhoodId,
    title: fields.title ?? `议题${next()}`,
    description: fields.description,
    categoryId: fields.categoryId,
  })
  if (fields.status || fields.createdAt)
    await env.DB.prepare(
      'UPDATE topics SET status = coalesce(?, status), created_at = coalesce(?, created_at) WHERE id = ?',
    )
      .bind(fields.status ?? null, fields.createdAt ?? null, topic.id)
      .run()
  return {
    ...topic,
    status: fields.status ?? topic.status,
    createdAt: fields.createdAt ?? topic.createdAt,
  }
}

// ── activities ──

let activitySeq = 0

/**
 * A published activity (registration open now unless `opensAt`/`closesAt` say otherwise) with
 * its sessions, made through the staff API. Sessions default to one of 50 seats tomorrow.
 */
export const createActivity = async (
  cookie: string,
  neighborhoodId: number,
  overrides: Record<string, unknown> = {},
) => {
  const start = Date.now() + 24 * 3600_000
  const body = {
    neighborhoodId,
    title: `暑托班${++activitySeq}`,
    slug: `act-${activitySeq}-${Math.random().toString(36).slice(2, 8)}`,
    place: '社区活动室',
    status: 'published',
    sessions: [
      { label: '上午班', startsAt: start, endsAt: start + 3 * 3600_000, capacity: 50, maxParty: 3 },
    ],
    ...overrides,
  }
  const r = await api('/api/activities', { cookie, body })
  if (r.status !== 201) throw new Error(`createActivity: ${r.status} ${JSON.stringify(r.body)}`)
  const s = await api(
    `/api/activity-sessions?filter=${encodeURIComponent(JSON.stringify({ activityId: r.body.id }))}`,
    { cookie },
  )
  return { activity: r.body, sessions: s.body as any[] }
}

/** A distinct mainland mobile number for test registrant `n`. */
export const testPhone = (n: number) => `139${String(n).padStart(8, '0')}`

/**
 * A public registration posted as JSON, with a fresh idempotency key and client address unless
 * given (the per-address rate limit would otherwise join every test request into one client).
 */
export const registerJson = (
  slug: string,
  sessionId: number,
  body: Record<string, unknown>,
  opts: { key?: string; ip?: string } = {},
) =>
  api(`/a/${slug}/s/${sessionId}`, {
    body,
    headers: {
      'idempotency-key': opts.key ?? `k${crypto.randomUUID().replace(/-/g, '')}`,
      'cf-connecting-ip':
        opts.ip ??
        `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
  })

/**
 * Waits, when less than `marginMs` is left of the current fixed rate-limit window of `windowMs`
 * (by the limiter's own reckoning: retryAfterSeconds), until the next one has begun: a test that
 * sends a limit's worth of requests must not see the count start again midway. One CI run failed
 * so, its thirty-one ticks straddling 14:20:00 UTC.
 * @example await clearOfWindowEdge(LIMITS.support.windowMs)
 */
export const clearOfWindowEdge = async (windowMs: number, marginMs = 10_000) => {
  const left = retryAfterSeconds(windowMs) * 1000
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50))
}
