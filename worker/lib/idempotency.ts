import { sql } from 'drizzle-orm'
import type { Db } from '../env'
import { ApiError } from './errors'
import { sha256Hex } from '../domain/digest'

export type StoredResult<T> = { status: number; body: T }

const PENDING = 0
const POLL_MS = 50
const WAIT_MS = 5_000
/** A claim still pending after this long belongs to a request that died: the next replay takes it over. */
export const STALE_CLAIM_MS = 30_000

/** Idempotency keys from clients: 8–100 URL-safe characters. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/

/** JSON with object keys sorted at every level, so that key order does not make a new request. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'null'

/**
 * What a key is stored with to say which request it was for: the SHA-256 of the request's
 * canonical JSON (its input as the endpoint reads it, not the raw bytes).
 * @example const hash = await requestHash({ title, categoryId })
 */
export const requestHash = (request: unknown) => sha256Hex(canonicalJson(request))

/**
 * Whether a key's stored hash is this request's. Keys stored before hashes were kept have none
 * and count as the same request (their result is replayed, as it was then).
 */
export const sameRequest = (stored: string | null | undefined, hash: string) =>
  stored == null || stored === hash

/** A key reused with a different request: 422, and nothing is replayed or done. */
export const idempotencyMismatch = () =>
  new ApiError(
    'idempotency_mismatch',
    '这个幂等键已用于另一份内容，不会重复处理；请刷新后重新提交',
    {
      errors: { 'idempotency-key': '已用于另一份内容' },
    },
  )

/**
 * Runs `work` once per `key`: the first call claims the key in one atomic insert, with the hash
 * of `request`, and stores its result; a replay of the same request (even a concurrent one) gets
 * that stored result and creates nothing, while the key reused with a different request is a
 * 422 (`idempotency_mismatch`). If `work` throws, the claim is released so a corrected
 * resubmission with the same key can go through.
 * @example const { status, body } = await once(db, key, 'topic:create', input, () => createTopic(...))
 */
export const once = async <T>(
  db: Db,
  key: string,
  scope: string,
  request: unknown,
  work: () => Promise<StoredResult<T>>,
): Promise<StoredResult<T> & { replayed: boolean }> => {
  if (!IDEMPOTENCY_KEY.test(key)) throw new ApiError('bad_request', '幂等键无效，请刷新页面后重试')
  return claim(db, `${scope}:${key}`, scope, await requestHash(request), work)
}

const claim = async <T>(
  db: Db,
  fullKey: string,
  scope: string,
  hash: string,
  work: () => Promise<StoredResult<T>>,
): Promise<StoredResult<T> & { replayed: boolean }> => {
  const now = Date.now()
  // Claim the key, or take over a claim whose request died before storing a result.
  const claimed = await db.get<{ key: string } | undefined>(sql`
    INSERT INTO idempotency_keys (key, scope, status, body, created_at, request_hash)
    VALUES (${fullKey}, ${scope}, ${PENDING}, '', ${now}, ${hash})
    ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at, request_hash = excluded.request_hash
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
    const row = await db.get<
      { status: number; body: string; request_hash: string | null } | undefined
    >(sql`SELECT status, body, request_hash FROM idempotency_keys WHERE key = ${fullKey}`)
    if (!row) return claim(db, fullKey, scope, hash, work) // the first attempt failed and let go
    if (!sameRequest(row.request_hash, hash)) throw idempotencyMismatch()
    if (row.status !== PENDING)
      return { status: row.status, body: JSON.parse(row.body), replayed: true }
    if (Date.now() > deadline) throw new ApiError('conflict', '同一请求正在处理中，请稍候刷新')
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}
