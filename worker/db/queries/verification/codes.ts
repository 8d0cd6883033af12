import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import {
  codeRequestRefusal,
  type IssueRefusal,
  OTP_LIMITS,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_MS,
  refusedTry,
  triesLeft,
} from '../../../domain/verification/otp'
import { randomHex, sha256Hex } from '../../../domain/digest'
import { batch, batchRows, hitsOf, rawAll, rawStatement } from '../../batch'
import { hitStatement } from '../rate-limit'

// One-time codes and the phones they verify (domain/verification/otp.ts, the rules by number).

/** SHA-256 of salt and code: what phone_codes stores instead of the code. */
const codeHash = (salt: string, code: string) => sha256Hex(`${salt}|${code}`)

/**
 * Counts a code request for the phone and the client address (rule 2) and, within the limits
 * (the domain's `codeRequestRefusal`), stores the new code (hashed) in place of the phone's
 * earlier ones. Returns the row id (the message id for the provider) or which limit refused it.
 * @example const r = await issueCode(db, '13800138000', '04821', 'addr-hash') // { id: 12 }
 */
export const issueCode = async (
  db: Db,
  phone: string,
  code: string,
  address: string,
  now = Date.now(),
): Promise<{ id: number } | { refused: IssueRefusal }> => {
  const [perPhone, perDay, perAddress] = await batchRows(db, [
    hitStatement(`otp-phone:${phone}`, OTP_LIMITS.phone.windowMs, now),
    hitStatement(`otp-phone-day:${phone}`, OTP_LIMITS.phoneDay.windowMs, now),
    hitStatement(`otp-address:${address}`, OTP_LIMITS.address.windowMs, now),
  ])
  const refused = codeRequestRefusal({
    phone: hitsOf(perPhone),
    phoneDay: hitsOf(perDay),
    address: hitsOf(perAddress),
  })
  if (refused) return { refused }
  const salt = randomHex(16)
  const [, rows] = await batch(db, [
    rawStatement(
      db,
      sql`UPDATE phone_codes SET used_at = ${now} WHERE phone = ${phone} AND used_at IS NULL`,
    ),
    rawAll<{ id: number }>(
      db,
      sql`INSERT INTO phone_codes (phone, salt, code_hash, created_at, expires_at)
        VALUES (${phone}, ${salt}, ${await codeHash(salt, code)}, ${now}, ${now + OTP_TTL_MS})
        RETURNING id`,
    ),
  ])
  return { id: rows[0].id }
}

/** The latest code of a phone not yet used (or replaced), for `refusedTry`. */
export const latestCode = (db: Db, phone: string) =>
  db.get<{ id: number; expiresAt: number; attempts: number; usedAt: number | null } | undefined>(
    sql`SELECT id, expires_at AS expiresAt, attempts, used_at AS usedAt FROM phone_codes
      WHERE phone = ${phone} AND used_at IS NULL ORDER BY id DESC LIMIT 1`,
  )

export type TryResult =
  | { ok: true }
  | { ok: false; reason: 'none' | 'expired' | 'used_up' }
  | { ok: false; reason: 'wrong'; left: number }

/**
 * Tries `code` against the phone's latest code (rule 3): the try is counted first, atomically,
 * and only while tries are left and the code is unexpired; a right code is then used up.
 * @example await tryCode(db, '13800138000', '048213') // { ok: false, reason: 'wrong', left: 4 }
 */
export const tryCode = async (
  db: Db,
  phone: string,
  code: string,
  now = Date.now(),
): Promise<TryResult> => {
  const counted = await db.get<
    { id: number; attempts: number; salt: string; hash: string } | undefined
  >(
    sql`UPDATE phone_codes SET attempts = attempts + 1
      WHERE id = (SELECT id FROM phone_codes WHERE phone = ${phone} AND used_at IS NULL ORDER BY id DESC LIMIT 1)
        AND expires_at > ${now} AND attempts < ${OTP_MAX_ATTEMPTS}
      RETURNING id, attempts, salt, code_hash AS hash`,
  )
  if (!counted) return { ok: false, reason: refusedTry(await latestCode(db, phone), now) }
  if ((await codeHash(counted.salt, code)) !== counted.hash)
    return { ok: false, reason: 'wrong', left: triesLeft(counted.attempts) }
  const used = await db.get<{ id: number } | undefined>(
    sql`UPDATE phone_codes SET used_at = ${now} WHERE id = ${counted.id} AND used_at IS NULL RETURNING id`,
  )
  return used ? { ok: true } : { ok: false, reason: 'none' }
}

/**
 * Marks a phone verified (rule 4): the verified_phones row (the first verification stands) and
 * every support left with this phone becomes a voice. `by`: the staff user, for 'staff'.
 * @example await markVerified(db, '13800138000', 'code')
 */
export const markVerified = async (
  db: Db,
  phone: string,
  via: 'code' | 'staff',
  by: number | null = null,
  now = Date.now(),
) => {
  const [, supports] = await batch(db, [
    rawStatement(
      db,
      sql`INSERT INTO verified_phones (phone, verified_at, verified_via, verified_by)
        VALUES (${phone}, ${now}, ${via}, ${by}) ON CONFLICT (phone) DO NOTHING`,
    ),
    rawAll<{ id: number }>(
      db,
      sql`UPDATE supports SET phone_verified_at = ${now}
        WHERE phone = ${phone} AND phone_verified_at IS NULL RETURNING id`,
    ),
  ])
  return { supports: supports.length }
}

/** A phone's verification: when and how, or undefined when not verified. */
export const verification = (db: Db, phone: string) =>
  db.get<{ verifiedAt: number; verifiedVia: 'code' | 'staff' } | undefined>(
    sql`SELECT verified_at AS verifiedAt, verified_via AS verifiedVia FROM verified_phones WHERE phone = ${phone}`,
  )
