import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'

// Access tokens a provider hands out (WeChat's lasts 2 hours and each fetch counts against a
// daily quota), kept in provider_tokens until shortly before they expire.

/** The cached token named `name`, if it is still good at `now`. */
export const cachedToken = async (db: Db, name: string, now = Date.now()) =>
  (
    await db.get<{ token: string } | undefined>(
      sql`SELECT token FROM provider_tokens WHERE name = ${name} AND expires_at > ${now}`,
    )
  )?.token ?? null

/** Stores `token` under `name` until `expiresAt`. */
export const storeToken = (db: Db, name: string, token: string, expiresAt: number) =>
  db.run(sql`INSERT INTO provider_tokens (name, token, expires_at) VALUES (${name}, ${token}, ${expiresAt})
    ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at`)

/** Forgets the token named `name` (the provider said it is no longer valid). */
export const dropToken = (db: Db, name: string) =>
  db.run(sql`DELETE FROM provider_tokens WHERE name = ${name}`)
