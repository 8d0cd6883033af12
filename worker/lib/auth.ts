import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { sql } from 'drizzle-orm'
import type { AppEnv, Db } from '../env'
import type { Role } from '../domain/vocabulary'
import { ApiError } from './errors'
import { sha256Hex } from '../domain/digest'
import { randomToken } from './password'
import { batch, rawAll, type Results, type Statement } from '../db/batch'

export const SESSION_COOKIE = 'jushou_session'

/** The signed-in staff member, with their scope resolved to neighborhood ids. */
export type CurrentUser = {
  id: number
  username: string
  displayName: string
  role: Role
  sessionId: string
  /** Towns named in the user's scope (role `town`). */
  townIds: number[]
  /** Neighborhoods the user may see; `null` means all (role `admin`). */
  neighborhoodIds: number[] | null
  /** The organisation of a partner login (role `partner`); null for staff. */
  partnerId: number | null
}

const minutes = (value: string | undefined, fallback: number) => {
  const n = Number(value)
  return (Number.isFinite(n) && n > 0 ? n : fallback) * 60_000
}

export const sessionLimits = (env: Env) => ({
  idleMs: minutes(env.SESSION_IDLE_MINUTES, 240),
  absoluteMs: minutes(env.SESSION_ABSOLUTE_MINUTES, 1440),
})

const isLocal = (url: string) => {
  const host = new URL(url).hostname
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
}

/** Starts a session: a fresh random token in the cookie, only its hash in D1. */
export const startSession = async (c: Context<AppEnv>, userId: number) => {
  const token = randomToken()
  const now = Date.now()
  const { absoluteMs } = sessionLimits(c.env)
  await c.var.db.run(sql`
    INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, user_agent)
    VALUES (${await sha256Hex(token)}, ${userId}, ${now}, ${now}, ${now + absoluteMs},
            ${c.req.header('user-agent')?.slice(0, 200) ?? null})`)
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: !isLocal(c.req.url),
    path: '/',
    maxAge: Math.floor(absoluteMs / 1000),
  })
}

/** Revokes the current session (if any); clears the cookie unless a new one replaces it. */
export const endSession = async (c: Context<AppEnv>, { clearCookie = true } = {}) => {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) {
    const hash = await sha256Hex(token)
    seen.delete(hash)
    await c.var.db.run(sql`UPDATE sessions SET revoked_at = ${Date.now()} WHERE id = ${hash}`)
  }
  if (clearCookie) deleteCookie(c, SESSION_COOKIE, { path: '/' })
}

type SessionRow = {
  session_id: string
  last_seen_at: number
  expires_at: number
  revoked_at: number | null
  id: number
  username: string
  display_name: string
  role: Role
  disabled: number
  town_ids: string
  neighborhood_ids: string
  partner_id: number | null
}

/** The session and its user with the scope, by the token's hash: one row, or none. */
const sessionQuery = (hash: string) => sql`
    SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.revoked_at,
           u.id, u.username, u.display_name, u.role, u.disabled,
           (SELECT json_group_array(town_id) FROM user_towns WHERE user_id = u.id) AS town_ids,
           (SELECT json_group_array(n.id) FROM neighborhoods n
             WHERE n.id IN (SELECT neighborhood_id FROM user_neighborhoods WHERE user_id = u.id)
                OR n.town_id IN (SELECT town_id FROM user_towns WHERE user_id = u.id)) AS neighborhood_ids,
           (SELECT partner_id FROM user_partners WHERE user_id = u.id) AS partner_id
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${hash}`

/** The user of a session row, or `null` when revoked, disabled or expired; slides the idle expiry. */
const acceptSession = async (
  db: Db,
  row: SessionRow | undefined,
  env: Env,
): Promise<CurrentUser | null> => {
  if (!row || row.revoked_at || row.disabled) return null
  const now = Date.now()
  const { idleMs } = sessionLimits(env)
  if (now >= row.expires_at || now - row.last_seen_at >= idleMs) return null
  // Slide the idle expiry, but write at most once a minute per session.
  if (now - row.last_seen_at > 60_000)
    await db.run(sql`UPDATE sessions SET last_seen_at = ${now} WHERE id = ${row.session_id}`)
  const user: CurrentUser = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    sessionId: row.session_id,
    townIds: JSON.parse(row.town_ids),
    neighborhoodIds: row.role === 'admin' ? null : JSON.parse(row.neighborhood_ids),
    partnerId: row.role === 'partner' ? row.partner_id : null,
  }
  remember(user)
  return user
}

const userByHash = async (db: Db, hash: string, env: Env) =>
  acceptSession(db, await db.get<SessionRow | undefined>(sessionQuery(hash)), env)

/** Loads the session and its user with the scope in one query; `null` when not valid. */
export const loadUser = async (db: Db, token: string, env: Env): Promise<CurrentUser | null> =>
  userByHash(db, await sha256Hex(token), env)

/**
 * The signed-in account, or null: for a page anyone may open (a QR's page, a poster) and for the
 * sign-in middleware below.
 */
export const signedInUser = async (c: Context<AppEnv>): Promise<CurrentUser | null> => {
  const token = getCookie(c, SESSION_COOKIE)
  return token ? loadUser(c.var.db, token, c.env) : null
}

// The users this isolate last saw per session (hash → user), so a hot read can be built for the
// user's scope before the session check answers, and ride in the same D1 batch as that check.
// Only a guess: `batchAsUser` checks it against the session row read in the same snapshot.
const seen = new Map<string, CurrentUser>()
const SEEN_MAX = 1000
const remember = (user: CurrentUser) => {
  seen.delete(user.sessionId)
  seen.set(user.sessionId, user)
  if (seen.size > SEEN_MAX) seen.delete(seen.keys().next().value!)
}
const sameScope = (a: CurrentUser, b: CurrentUser) =>
  a.id === b.id &&
  a.role === b.role &&
  a.partnerId === b.partnerId &&
  JSON.stringify(a.neighborhoodIds) === JSON.stringify(b.neighborhoodIds)

/**
 * A staff read in ONE D1 round trip with the session check (instead of `requireUser`, then the
 * read): the statements are built for the user this isolate last saw on the session and batched
 * after the session lookup. They count only if that lookup, in the same snapshot, finds the
 * session live and the scope unchanged; otherwise the read is rebuilt for the user it found (or
 * 401). Sets `c.var.user` like `requireUser`.
 * @example const [rows, [{ n }]] = await batchAsUser(c, (user) => [page(user), total(user)])
 */
export const batchAsUser = async <const T extends readonly [Statement, ...Statement[]]>(
  c: Context<AppEnv>,
  build: (user: CurrentUser) => T,
): Promise<Results<T>> => {
  const db = c.var.db
  const token = getCookie(c, SESSION_COOKIE)
  const hash = token ? await sha256Hex(token) : null
  const guess = hash ? seen.get(hash) : undefined
  if (!hash || !guess) {
    const user = hash ? await userByHash(db, hash, c.env) : null
    if (!user) throw new ApiError('unauthorized', '请先登录')
    refusePartner(user)
    c.set('user', user)
    return batch(db, build(user))
  }
  const [[row], ...results] = await batch(db, [
    rawAll<SessionRow>(db, sessionQuery(hash)),
    ...build(guess),
  ])
  const user = await acceptSession(db, row, c.env)
  if (!user) {
    seen.delete(hash)
    throw new ApiError('unauthorized', '请先登录')
  }
  refusePartner(user)
  c.set('user', user)
  return sameScope(user, guess) ? results : batch(db, build(user))
}

// A partner login (role `partner`) is not staff: every staff route refuses it, so a route that
// forgets about partners can never show one a resident's data. The routes a partner may use
// (its own claims, the needs list, the projects it joined, its account) say so with
// `requireSignedIn` and scope by `user.partnerId` themselves.
const refusePartner = (user: CurrentUser) => {
  if (user.role === 'partner') throw new ApiError('forbidden', '共建单位账号不能查看这项内容')
}

/** Staff routes: 401 without a live session, 403 for a partner login; sets `c.var.user`. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = await signedInUser(c)
  if (!user) throw new ApiError('unauthorized', '请先登录')
  refusePartner(user)
  c.set('user', user)
  await next()
}

/**
 * Routes open to every signed-in account, partner logins included (their own account, their
 * claims): 401 without a live session; sets `c.var.user`. The route scopes by role itself.
 */
export const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = await signedInUser(c)
  if (!user) throw new ApiError('unauthorized', '请先登录')
  c.set('user', user)
  await next()
}

/** Refuses viewers (read-only) on writes. Mount after `requireUser`. */
export const requireWriter: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user.role === 'viewer') throw new ApiError('forbidden', '只读账号不能修改')
  await next()
}

/** Only these roles may pass. Mount after `requireUser`. */
export const requireRole =
  (...roles: Role[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!roles.includes(c.var.user.role)) throw new ApiError('forbidden', '没有权限')
    await next()
  }

/** Blocks non-GET requests from viewers on a whole router: `router.use(writesNeedWriter)`. */
export const writesNeedWriter: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.var.user.role === 'viewer')
    throw new ApiError('forbidden', '只读账号不能修改')
  await next()
}
