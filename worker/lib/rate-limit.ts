import type { Db } from '../env'
import { sql } from 'drizzle-orm'

export type RateLimitOptions = { limit: number; windowMs: number }

const windowOf = (now: number, windowMs: number) => now - (now % windowMs)

/**
 * Counts one hit on `key` in a fixed window, in one atomic statement; returns the count so far.
 * @example if ((await hit(db, `support:${ip}`, { limit: 30, windowMs: 60_000 })) > 30) ...
 */
export const hit = async (db: Db, key: string, { windowMs }: RateLimitOptions, now = Date.now()) => {
  const start = windowOf(now, windowMs)
  const row = await db.get<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${start}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
      window_start = excluded.window_start
    RETURNING count`)
  return row.count
}

/** The hits counted on `key` in the current window, without counting one. */
export const peek = async (db: Db, key: string, { windowMs }: RateLimitOptions, now = Date.now()) => {
  const row = await db.get<{ count: number } | undefined>(
    sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start = ${windowOf(now, windowMs)}`,
  )
  return row?.count ?? 0
}

/** Seconds until the current window of `windowMs` ends: the `Retry-After` to send. */
export const retryAfterSeconds = (windowMs: number, now = Date.now()) =>
  Math.ceil((windowOf(now, windowMs) + windowMs - now) / 1000)

/** The client's address as Cloudflare reports it ('local' under tests and wrangler dev). */
export const clientIp = (headers: Headers) => headers.get('cf-connecting-ip') ?? 'local'
