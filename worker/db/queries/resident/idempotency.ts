import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'

// The result a public POST stored under its idempotency key (supports, evaluations, the needs
// form), read back so that a resend gets the first answer.

/**
 * The stored result of a finished public POST, if this key was used in this scope; read before
 * rate limiting so that a resend of a request that went through is never refused. With the hash
 * of the request it was stored for (lib/idempotency `sameRequest`).
 */
export const storedResult = async <T>(db: Db, scope: string, key: string) => {
  const row = await db.get<
    { status: number; body: string; request_hash: string | null } | undefined
  >(
    sql`SELECT status, body, request_hash FROM idempotency_keys WHERE key = ${`${scope}:${key}`} AND status <> 0`,
  )
  return row
    ? { status: row.status, body: JSON.parse(row.body) as T, requestHash: row.request_hash }
    : null
}
