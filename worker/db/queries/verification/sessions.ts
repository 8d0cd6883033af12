import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { randomHex, sha256Hex } from '../../../domain/digest'
import { SESSION_TTL_MS } from '../../../domain/verification/otp'

// The short sessions of 查找我的记录: a random token in the browser's cookie, its SHA-256 here.

const tokenHash = (token: string) => sha256Hex(`phone-session|${token}`)

/** Opens a session for a verified phone; returns the token for the cookie. */
export const openSession = async (db: Db, phone: string, now = Date.now()) => {
  const token = randomHex(24)
  await db.run(sql`INSERT INTO phone_sessions (token_hash, phone, created_at, expires_at)
    VALUES (${await tokenHash(token)}, ${phone}, ${now}, ${now + SESSION_TTL_MS})`)
  return token
}

/** The phone of a live session, or null. */
export const sessionPhone = async (db: Db, token: string, now = Date.now()) =>
  (
    await db.get<{ phone: string } | undefined>(
      sql`SELECT phone FROM phone_sessions WHERE token_hash = ${await tokenHash(token)} AND expires_at > ${now}`,
    )
  )?.phone ?? null

/** Ends a session (signing out); also clears sessions long expired. */
export const endSession = async (db: Db, token: string, now = Date.now()) =>
  db.run(
    sql`DELETE FROM phone_sessions WHERE token_hash = ${await tokenHash(token)} OR expires_at < ${now - SESSION_TTL_MS}`,
  )
