import { env, SELF } from 'cloudflare:test'
import { hashPassword } from '../worker/lib/password'
import type { Role } from '../worker/db/schema'

export const ORIGIN = 'http://localhost'
export const PASSWORD = 'test-password-1'

type Json = Record<string, unknown> | unknown[]

/** A request to the worker; `body` objects are sent as JSON. Returns the response and its parsed body. */
export const api = async <T = any>(
  path: string,
  init: { method?: string; body?: Json | string; cookie?: string; headers?: Record<string, string> } = {},
) => {
  const headers: Record<string, string> = { ...init.headers }
  if (init.cookie) headers.cookie = init.cookie
  let body: string | undefined
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await SELF.fetch(`${ORIGIN}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' })
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
  const town = await env.DB.prepare('INSERT INTO towns (name, created_at) VALUES (?, ?) RETURNING id')
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
    await env.DB.prepare('INSERT INTO user_towns (user_id, town_id) VALUES (?, ?)').bind(user!.id, t).run()
  for (const n of scope.neighborhoodIds ?? [])
    await env.DB.prepare('INSERT INTO user_neighborhoods (user_id, neighborhood_id) VALUES (?, ?)').bind(user!.id, n).run()
  return { id: user!.id, username }
}

/** Signs in and returns the session cookie (`name=value`). */
export const signIn = async (username: string, password = PASSWORD) => {
  const { res, status, body } = await api('/api/auth/login', { body: { username, password } })
  if (status !== 200) throw new Error(`sign-in failed for ${username}: ${status} ${JSON.stringify(body)}`)
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
