import { sql } from 'drizzle-orm'
import type { Db } from '../env'
import { ApiError } from './errors'

export type StoredResult<T> = { status: number; body: T }

const PENDING = 0
const POLL_MS = 50
const WAIT_MS = 5_000
/** A claim still pending after this long belongs to a request that died: the next replay takes it over. */
export const STALE_CLAIM_MS = 30_000

/** Idempotency keys from clients: 8–100 URL-safe characters. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/

/**
 * Runs `work` once per `key`: the first call claims the key in one atomic insert and stores its
 * result; a replay (even a concurrent one) gets that stored result and creates nothing. If `work`
 * throws, the claim is released so a corrected resubmission with the same key can go through.
 * @example const { status, body } = await once(db, key, 'topic:create', () => createTopic(...))
 */
export const once = async <T>(
  db: Db,
  key: string,
  scope: string,
  work: () => Promise<StoredResult<T>>,
): Promise<StoredResult<T> & { replayed: boolean }> => {
  if (!IDEMPOTENCY_KEY.test(key)) throw new ApiError('bad_request', '幂等键无效，请刷新页面后重试')
  const fullKey = `${scope}:${key}`
  const now = Date.now()
  // Claim the key, or take over a claim whose request died before storing a result.
  const claimed = await db.get<{ key: string } | undefined>(sql`
    INSERT INTO idempotency_keys (key, scope, status, body, created_at)
    VALUES (${fullKey}, ${scope}, ${PENDING}, '', ${now})
    ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at
      WHERE idempotency_keys.status = ${PENDING} AND idempotency_keys.created_at < ${now - STALE_CLAIM_MS}
    RETURNING key`)
  if (claimed) {
    let result: StoredResult<T>
    try {
      result = await work()
    } catch (err) {
      await db.run(sql`DELETE FROM idempotency_keys WHERE key = ${fullKey} AND status = ${PENDING}`)
      throw err
    }
    await db.run(sql`UPDATE idempotency_keys SET status = ${result.status},
      body = ${JSON.stringify(result.body)} WHERE key = ${fullKey}`)
    return { ...result, replayed: false }
  }
  // Someone else holds the key: wait for their result.
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const row = await db.get<{ status: number; body: string } | undefined>(
      sql`SELECT status, body FROM idempotency_keys WHERE key = ${fullKey}`,
    )
    if (!row) return once(db, key, scope, work) // the first attempt failed and let go
    if (row.status !== PENDING)
      return { status: row.status, body: JSON.parse(row.body), replayed: true }
    if (Date.now() > deadline) throw new ApiError('conflict', '同一请求正在处理中，请稍候刷新')
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}
