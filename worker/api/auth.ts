import { Hono } from 'hono'
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { sessions, users } from '../db/schema'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { endSession, requireUser, startSession } from '../lib/auth'
import { ApiError } from '../lib/errors'
import { hashPassword, verifyPassword } from '../lib/password'
import { clientAddress } from '../lib/client-address'
import { hit, peek, retryAfterSeconds } from '../lib/rate-limit'
import { readJson } from '../lib/validate'
import { audit } from '../lib/audit'

/** Failed logins allowed per username and per client address in one window. */
export const LOGIN_LIMITS = { perUser: 5, perClient: 20, windowMs: 15 * 60_000 }

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

export const auth = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const { username, password } = await readJson(c, loginSchema)
    const db = c.var.db
    const window = { limit: 0, windowMs: LOGIN_LIMITS.windowMs }
    const userKey = `login:user:${username.toLowerCase()}`
    const clientKey = `login:client:${clientAddress(c)}`
    const [userFails, clientFails] = await Promise.all([
      peek(db, userKey, window),
      peek(db, clientKey, window),
    ])
    if (userFails >= LOGIN_LIMITS.perUser || clientFails >= LOGIN_LIMITS.perClient)
      throw new ApiError('rate_limited', '登录失败次数过多，请稍后再试', {
        headers: { 'Retry-After': String(retryAfterSeconds(LOGIN_LIMITS.windowMs)) },
      })
    const user = await db.get<UserRow | undefined>(sql`
      SELECT id, password_hash, password_salt, password_iterations, disabled
      FROM users WHERE username = ${username}`)
    const ok =
      user &&
      !user.disabled &&
      (await verifyPassword(password, {
        hash: user.password_hash,
        salt: user.password_salt,
        iterations: user.password_iterations,
      }))
    if (!ok) {
      await Promise.all([hit(db, userKey, window), hit(db, clientKey, window)])
      throw new ApiError('unauthorized', '用户名或密码错误')
    }
    // Rotate: a login always gets a fresh session; an old cookie is revoked.
    await endSession(c, { clearCookie: false })
    await startSession(c, user.id)
    return c.json({ ok: true })
  })
  .post('/logout', async (c) => {
    await endSession(c)
    return c.json({ ok: true })
  })
  .get('/me', requireUser, (c) => {
    const { sessionId: _, ...me } = c.var.user
    return c.json(me)
  })
  .post('/password', requireUser, async (c) => {
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
    const next = await hashPassword(
      input.newPassword,
      Number(c.env.PASSWORD_ITERATIONS) || undefined,
    )
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
