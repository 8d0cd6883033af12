import type { Db } from '../env'
import { sql, type SQL } from 'drizzle-orm'

export type RateLimitOptions = { limit: number; windowMs: number }

const windowOf = (now: number, windowMs: number) => now - (now % windowMs)

/**
 * The statement that counts one hit on `key` (text or an SQL expression) in a fixed window and
 * returns the count so far; an atomic upsert, so it can also ride in a page's read batch.
 * @example const [[{ count }]] = await batchRows(db, [hitStatement(`track:${ip}`, 60_000), ...])
 */
export const hitStatement = (key: SQL | string, windowMs: number, now = Date.now()) => sql`
  INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowOf(now, windowMs)}, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
    window_start = excluded.window_start
  RETURNING count`

/**
 * Counts one hit on `key` in a fixed window, in one atomic statement; returns the count so far.
 * @example if ((await hit(db, `support:${ip}`, { limit: 30, windowMs: 60_000 })) > 30) ...
 */
export const hit = async (db: Db, key: string, { windowMs }: RateLimitOptions, now = Date.now()) =>
  (await db.get<{ count: number }>(hitStatement(key, windowMs, now))).count

/** The hits counted on `key` in the current window, without counting one. */
export const peek = async (
  db: Db,
  key: string,
  { windowMs }: RateLimitOptions,
  now = Date.now(),
) => {
  const row = await db.get<{ count: number } | undefined>(
    sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start = ${windowOf(now, windowMs)}`,
  )
  return row?.count ?? 0
}

/** Seconds until the current window of `windowMs` ends: the `Retry-After` to send. */
export const retryAfterSeconds = (windowMs: number, now = Date.now()) =>
  Math.ceil((windowOf(now, windowMs) + windowMs - now) / 1000)
