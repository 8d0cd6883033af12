import type { Db } from '../../env'
import { sql, type SQL } from 'drizzle-orm'

// Rate limits (hits in a fixed window) and failure backoff, all kept in the rate_limits table:
// the statements the pages, the sign-in and the resident queries count with.

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

/**
 * Failures in a row with growing waits: `free` failures go unanswered, then each one makes the
 * next attempt wait `firstWaitMs`, doubled per further failure up to `maxWaitMs`. A key with no
 * failure for `forgetMs` starts afresh. (Stored in rate_limits: `count` failures in a row,
 * `window_start` the time of the last one.)
 */
export type BackoffOptions = {
  free: number
  firstWaitMs: number
  maxWaitMs: number
  forgetMs: number
}

type FailureRow = { count: number; last: number }

/** Milliseconds `key` must still wait before its next attempt; 0 when it may try now. */
export const backoffWait = async (
  db: Db,
  key: string,
  opts: BackoffOptions,
  now = Date.now(),
): Promise<number> => {
  const row = await db.get<FailureRow | undefined>(
    sql`SELECT count, window_start AS last FROM rate_limits WHERE key = ${key}`,
  )
  if (!row || row.count < opts.free || now - row.last >= opts.forgetMs) return 0
  const wait = Math.min(opts.firstWaitMs * 2 ** (row.count - opts.free), opts.maxWaitMs)
  return Math.max(0, row.last + wait - now)
}

/** Records one failure on `key` (see `BackoffOptions`); returns the failures in a row so far. */
export const recordFailure = async (
  db: Db,
  key: string,
  { forgetMs }: Pick<BackoffOptions, 'forgetMs'>,
  now = Date.now(),
) =>
  (
    await db.get<{ count: number }>(sql`
      INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.window_start > ${now - forgetMs} THEN rate_limits.count + 1 ELSE 1 END,
        window_start = excluded.window_start
      RETURNING count`)
  ).count

/** Forgets the failures on `key` (after a success). */
export const clearFailures = (db: Db, key: string) =>
  db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`)
