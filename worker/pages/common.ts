// Small helpers shared by the resident pages: form bodies, the language of form actions, the
// anonymous client cookie, idempotency keys and rate limits.
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../env'
import { clientAddress, UNKNOWN_ADDRESS } from '../lib/client-address'
import { sha256Hex } from '../domain/digest'
import { hit, retryAfterSeconds, type RateLimitOptions } from '../db/queries/rate-limit'
import { TRACKING_CODE } from '../domain/tracking-code'

export type PageContext = Context<AppEnv>

/** How often a client may do things on resident pages (per window). */
export const LIMITS = {
  /** Filing topics, per client address and neighborhood: a busy community room shares one. */
  needs: { limit: 20, windowMs: 10 * 60_000 },
  /** Tracking-code lookups per client address: codes cannot be walked through. */
  track: { limit: 120, windowMs: 10 * 60_000 },
  /** "Me too" ticks per client address. */
  support: { limit: 30, windowMs: 10 * 60_000 },
  /** Ratings per client address. */
  evaluate: { limit: 20, windowMs: 10 * 60_000 },
  /** QR scans: one counted per client address and QR point in this window, however many opens. */
  scan: { limit: 1, windowMs: 30 * 60_000 },
} satisfies Record<string, RateLimitOptions & { limit: number }>

/**
 * Counts one hit for this client on `what`; returns the seconds to wait when over the limit,
 * else 0.
 * @example const wait = await overLimit(c, 'track'); if (wait) return tooManyPage(c, lang, wait)
 */
export const overLimit = async (c: PageContext, what: keyof typeof LIMITS, extra = '') => {
  const opts = LIMITS[what]
  const n = await hit(c.var.db, `${what}:${clientAddress(c)}${extra}`, opts)
  return n > opts.limit ? retryAfterSeconds(opts.windowMs) : 0
}

/**
 * A hit to count inside a page's own D1 batch (see `needsFormData`, `trackingLookup`); check the
 * returned count with `waitAfter`.
 * @example const { view, hits } = await trackingLookup(db, code, { hit: batchHit(c, 'track') })
 */
export const batchHit = (c: PageContext, what: keyof typeof LIMITS) => ({
  key: `${what}:${clientAddress(c)}`,
  windowMs: LIMITS[what].windowMs,
})

/** Seconds to wait when `hits` is over the limit of `what`, else 0. */
export const waitAfter = (what: keyof typeof LIMITS, hits: number) =>
  hits > LIMITS[what].limit ? retryAfterSeconds(LIMITS[what].windowMs) : 0

/** Minutes to show for a Retry-After in seconds (at least 1). */
export const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))

/**
 * A fresh idempotency key for a form: 128 random bits, URL-safe, rendered as a hidden field so
 * that a double tap or a resend carries the same key.
 */
export const newFormKey = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** A posted form as plain strings (files and repeated fields ignored; missing → ''). */
export const readForm = async (c: PageContext): Promise<Record<string, string>> => {
  const body = await c.req.parseBody()
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  return out
}

/**
 * `path` with this request's explicit `?lang=` carried along, so a form posts back in the
 * language it was shown in.
 * @example withLang(c, '/q/K7QM4XRT') // '/q/K7QM4XRT?lang=en'
 */
export const withLang = (c: Context, path: string) => {
  const lang = c.req.query('lang')
  if (lang !== 'en' && lang !== 'zh') return path
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
}

/** `withLang` bound to a request, for views that take a `link` function. */
export const linkFor = (c: Context) => (path: string) => withLang(c, path)

/** The site's origin as this request reached it, for absolute links (QR codes, posters, .ics). */
export const originOf = (c: Context) => new URL(c.req.url).origin

const CLIENT_COOKIE = 'jushou_client'
const CLIENT_ID = /^[A-Za-z0-9_-]{16,64}$/

/** The anonymous client id cookie ("one me-too per person"), if this browser has one. */
export const clientId = (c: Context) => {
  const id = getCookie(c, CLIENT_COOKIE)
  return id && CLIENT_ID.test(id) ? id : null
}

/**
 * The client id, set as a long-lived cookie when missing. It holds nothing but a random id.
 * @example const key = ensureClientId(c)
 */
export const ensureClientId = (c: Context) => {
  const existing = clientId(c)
  if (existing) return existing
  const id = newFormKey()
  setCookie(c, CLIENT_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 400 * 24 * 3600, // the longest browsers keep a cookie
  })
  return id
}

/**
 * This client's address as a tick stores it (domain/voice.ts, rule 4): a hash, since the address
 * itself is personal data; null when no trusted source names the client (it would group everyone).
 * @example await supportTopic(db, id, { clientKey: ensureClientId(c), addressKey: await addressKeyOf(c) }, key)
 */
export const addressKeyOf = async (c: Context) => {
  const address = clientAddress(c)
  return address === UNKNOWN_ADDRESS ? null : sha256Hex(`address|${address}`)
}

/** Counts characters as residents do (a Chinese character is one, not three). */
export const charCount = (s: string) => [...s].length

/** A project past its deadline and neither done nor cancelled stands out. */
export const isOverdue = (p: { deadlineAt: number | null; status: string }, now = Date.now()) =>
  p.deadlineAt !== null && p.deadlineAt < now && p.status !== 'done' && p.status !== 'cancelled'

/** How many entries a browser's "what I sent" cookie keeps (newest first). */
const KEPT = 10

/** A cookie holding a short list of this browser's own records (newest first), HttpOnly. */
const ownList = (name: string, valid: RegExp) => ({
  read: (c: Context) =>
    (getCookie(c, name) ?? '')
      .split('.')
      .filter((v) => valid.test(v))
      .slice(0, KEPT),
  add(c: Context, value: string) {
    const values = [value, ...this.read(c).filter((kept) => kept !== value)].slice(0, KEPT)
    setCookie(c, name, values.join('.'), {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 400 * 24 * 3600, // the longest browsers keep a cookie
    })
  },
})

/**
 * The tracking codes filed from this browser, newest first: what its needs receipt shows. The
 * receipt's address holds no code (it may be shared, bookmarked, sent in a WeChat chat); the codes
 * live in an HttpOnly cookie, sent to this site only. `rememberFiled` adds one.
 * @example rememberFiled(c, 'K7Q-4MX'); return c.redirect(receiptPath, 303)
 */
const filed = ownList('jushou_filed', TRACKING_CODE)
export const filedCodes = (c: Context) => filed.read(c)
export const rememberFiled = (c: Context, code: string) => filed.add(c, code)

/**
 * The registration links (/r/<token>) made from this browser, newest first: a second registration
 * with the same phone then leads straight back to the first. Tokens are the links' own secrets.
 */
const registered = ownList('jushou_regs', /^[A-Za-z0-9_-]{16,64}$/)
export const registeredTokens = (c: Context) => registered.read(c)
export const rememberRegistration = (c: Context, token: string) => registered.add(c, token)
