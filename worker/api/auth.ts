import { Hono } from 'hono'
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { sessions, users } from '../db/schema'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { endSession, requireSignedIn, startSession } from '../lib/auth'
import { ApiError } from '../lib/errors'
import { DEFAULT_ITERATIONS, hashPassword, verifyPassword } from '../lib/password'
import { clientAddress } from '../lib/client-address'
import {
  backoffWait,
  clearFailures,
  hit,
  peek,
  recordFailure,
  retryAfterSeconds,
} from '../db/queries/rate-limit'
import { readJson } from '../lib/validate'
import { audit } from '../lib/audit'

/**
 * Sign-in throttling. Failures are counted per (username, client address), so an attacker
 * guessing from one address slows only that pair and never locks the owner out from another:
 * after `freeFailures` in a row, each failure makes that pair wait `firstWaitMs`, doubled per
 * further failure (up to `maxWaitMs`); a success or `forgetMs` without failures starts afresh.
 * Independently, one address may fail `perAddress` times per window across all usernames.
 */
export const LOGIN_LIMITS = {
  freeFailures: 5,
  firstWaitMs: 60_000,
  maxWaitMs: 60 * 60_000,
  forgetMs: 24 * 3600_000,
  perAddress: 20,
  windowMs: 15 * 60_000,
}

const LOGIN_BACKOFF = {
  free: LOGIN_LIMITS.freeFailures,
  firstWaitMs: LOGIN_LIMITS.firstWaitMs,
  maxWaitMs: LOGIN_LIMITS.maxWaitMs,
  forgetMs: LOGIN_LIMITS.forgetMs,
}

const loginSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
})

const passwordSchema = z.object({
  currentPassword: z.string().min(1, '请输入当前密码'),
  newPassword: z.string().min(10, '新密码至少 10 个字符').max(200),
})

type UserRow = {
  id: number
  password_hash: string
  password_salt: string
  password_iterations: number
  disabled: number
}

/** PBKDF2 iterations for new password hashes (and the dummy one below). */
const passwordIterations = (env: Env) => Number(env.PASSWORD_ITERATIONS) || DEFAULT_ITERATIONS

// What an unknown or disabled username is checked against, so that its answer costs the same
// PBKDF2 work as a real user's wrong password: the response time does not tell which usernames
// exist. No password derives to all zero bytes in practice, and a match is ignored anyway.
const DUMMY_HASH = { hash: btoa('\0'.repeat(32)), salt: btoa('\0'.repeat(16)) }

/**
 * Whether `password` is the user's; for no user, the same work against a dummy hash (false).
 * A disabled user's password is checked too, for the same reason.
 */
const passwordMatches = async (
  password: string,
  user: UserRow | undefined,
  iterations: number,
): Promise<boolean> => {
  const stored = user
    ? { hash: user.password_hash, salt: user.password_salt, iterations: user.password_iterations }
    : { ...DUMMY_HASH, iterations }
  const matches = await verifyPassword(password, stored)
  return !!user && matches
}

export const auth = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const { username, password } = await readJson(c, loginSchema)
    const db = c.var.db
    const now = Date.now()
    const address = clientAddress(c)
    const pairKey = `login:fail:${address}:${username.toLowerCase()}`
    const addressKey = `login:address:${address}`
    const window = { limit: LOGIN_LIMITS.perAddress, windowMs: LOGIN_LIMITS.windowMs }
    const [pairWaitMs, addressFails, user] = await Promise.all([
      backoffWait(db, pairKey, LOGIN_BACKOFF, now),
      peek(db, addressKey, window, now),
      db.get<UserRow | undefined>(sql`
        SELECT id, password_hash, password_salt, password_iterations, disabled
        FROM users WHERE username = ${username}`),
    ])
    const waitSeconds =
      pairWaitMs > 0
        ? Math.ceil(pairWaitMs / 1000)
        : addressFails >= LOGIN_LIMITS.perAddress
          ? retryAfterSeconds(LOGIN_LIMITS.windowMs, now)
          : 0
    if (waitSeconds)
      throw new ApiError('rate_limited', '登录失败次数过多，请稍后再试', {
        headers: { 'Retry-After': String(waitSeconds) },
      })
    const matches = await passwordMatches(password, user, passwordIterations(c.env))
    if (!user || user.disabled || !matches) {
      await Promise.all([
        recordFailure(db, pairKey, LOGIN_BACKOFF, now),
        hit(db, addressKey, window, now),
      ])
      throw new ApiError('unauthorized', '用户名或密码错误')
    }
    // Rotate: a login always gets a fresh session; an old cookie is revoked.
    await Promise.all([clearFailures(db, pairKey), endSession(c, { clearCookie: false })])
    await startSession(c, user.id)
    return c.json({ ok: true })
  })
  .post('/logout', async (c) => {
    await endSession(c)
    return c.json({ ok: true })
  })
  .get('/me', requireSignedIn, (c) => {
    const { sessionId: _, ...me } = c.var.user
    return c.json(me)
  })
  .post('/password', requireSignedIn, async (c) => {
    const input = await readJson(c, passwordSchema)
    const db = c.var.db
    const user = c.var.user
    const row = await db.get<UserRow>(sql`
      SELECT id, password_hash, password_salt, password_iterations, disabled FROM users WHERE id = ${user.id}`)
    const ok = await verifyPassword(input.currentPassword, {
      hash: row.password_hash,
      salt: row.password_salt,
      iterations: row.password_iterations,
    })
    if (!ok)
      throw new ApiError('validation_failed', '当前密码不正确', {
        errors: { currentPassword: '当前密码不正确' },
      })
    const next = await hashPassword(input.newPassword, passwordIterations(c.env))
    const now = Date.now()
    await db.batch([
      db
        .update(users)
        .set({
          passwordHash: next.hash,
          passwordSalt: next.salt,
          passwordIterations: next.iterations,
          updatedAt: now,
        })
        .where(eq(users.id, user.id)),
      // Every other session of this user ends with the old password.
      db
        .update(sessions)
        .set({ revokedAt: now })
        .where(
          and(
            eq(sessions.userId, user.id),
            ne(sessions.id, user.sessionId),
            isNull(sessions.revokedAt),
          ),
        ),
      audit(db, user, { action: 'change_password', resource: 'users', recordId: user.id }),
    ])
    return c.json({ ok: true })
  })
