import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'

// The result a public POST stored under its idempotency key (supports, evaluations, the needs
// form), read back so that a resend gets the first answer.

/**
 * The stored result of a finished public POST, if this key was used in this scope; read before
 * rate limiting so that a resend of a request that went through is never refused.
 */
export const storedResult = async <T>(db: Db, scope: string, key: string) => {
  const row = await db.get<{ status: number; body: string } | undefined>(
    sql`SELECT status, body FROM idempotency_keys WHERE key = ${`${scope}:${key}`} AND status <> 0`,
  )
  return row ? { status: row.status, body: JSON.parse(row.body) as T } : null
}
