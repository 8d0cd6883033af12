// The browser side of a /me session: a cookie holding a random token (its hash is stored,
// db/queries/verification/sessions.ts), scoped to /me, gone after SESSION_TTL_MS or on sign-out.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../../env'
import { SESSION_TTL_MS } from '../../domain/verification/otp'
import { endSession, openSession, sessionPhone } from '../../db/queries/verification/sessions'

const COOKIE = 'jushou_me'
const TOKEN = /^[0-9a-f]{48}$/

/**
 * The phone this browser proved within the session, or null. Pages under /me use it to show
 * (or act on) that phone's records.
 * @example const phone = await verifiedPhoneOf(c); if (!phone) return c.redirect('/me', 303)
 */
export const verifiedPhoneOf = async (c: Context<AppEnv>) => {
  const token = getCookie(c, COOKIE)
  return token && TOKEN.test(token) ? sessionPhone(c.var.db, token) : null
}

/** Opens a session for a phone just verified, and sets its cookie. */
export const startPhoneSession = async (c: Context<AppEnv>, phone: string) => {
  const token = await openSession(c.var.db, phone)
  setCookie(c, COOKIE, token, {
    path: '/me',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: SESSION_TTL_MS / 1000,
  })
}

/** Ends this browser's session (the row and the cookie). */
export const endPhoneSession = async (c: Context<AppEnv>) => {
  const token = getCookie(c, COOKIE)
  if (token && TOKEN.test(token)) await endSession(c.var.db, token)
  deleteCookie(c, COOKIE, { path: '/me' })
}
