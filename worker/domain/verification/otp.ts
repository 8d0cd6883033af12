// One-time codes that prove a phone (查找我的记录, and the voice of a "me too": domain/voice.ts).
// 1. A code is 6 random digits, valid for OTP_TTL_MS, stored only as a salted hash; a new code
//    for a phone replaces the earlier ones.
// 2. Codes are limited per phone (OTP_LIMITS.phone in 10 minutes, .phoneDay in a day) and per
//    client address (.address in an hour), so nobody can flood a number or walk through numbers.
// 3. A code takes OTP_MAX_ATTEMPTS tries; each try counts before it is checked, so parallel
//    guesses cannot slip past the limit. After that, or once expired, a new code is needed.
// 4. A right code marks the phone verified (verified_phones), makes the supports left with that
//    phone voices (supports.phone_verified_at), and opens a session of SESSION_TTL_MS in which
//    this browser sees the phone's records.
import { MOBILE_PHONE, normalizePhone } from '../masking'

export const OTP_LENGTH = 6
export const OTP_TTL_MS = 10 * 60_000
export const OTP_MAX_ATTEMPTS = 5
export const SESSION_TTL_MS = 30 * 60_000

/** Codes that may be requested (rule 2): per phone and window, per client address and window. */
export const OTP_LIMITS = {
  phone: { limit: 3, windowMs: 10 * 60_000 },
  phoneDay: { limit: 10, windowMs: 24 * 3600_000 },
  address: { limit: 10, windowMs: 3600_000 },
} as const

/** Which limit refuses a code request (rule 2): the client address's, or the phone's. */
export type IssueRefusal = 'phone' | 'address'

/**
 * The limit a code request breaks (rule 2), counted with this request, or null when within all.
 * @example codeRequestRefusal({ phone: 4, phoneDay: 4, address: 4 }) // 'phone'
 */
export const codeRequestRefusal = (hits: {
  phone: number
  phoneDay: number
  address: number
}): IssueRefusal | null => {
  if (hits.address > OTP_LIMITS.address.limit) return 'address'
  if (hits.phone > OTP_LIMITS.phone.limit || hits.phoneDay > OTP_LIMITS.phoneDay.limit)
    return 'phone'
  return null
}

/**
 * Why a try counted nothing (rule 3): no open code, an expired one, or one with no tries left.
 * @example refusedTry({ expiresAt: 10 }, 11) // 'expired'
 */
export const refusedTry = (latest: { expiresAt: number } | undefined, now: number) =>
  !latest ? 'none' : latest.expiresAt <= now ? 'expired' : 'used_up'

/** Tries left on a code after `attempts` counted tries (rule 3). */
export const triesLeft = (attempts: number) => Math.max(0, OTP_MAX_ATTEMPTS - attempts)

/**
 * A fresh code: 6 digits, uniform (bytes above the last whole million are drawn again).
 * @example newOtp() // '048213'
 */
export const newOtp = () => {
  const limit = 2 ** 32 - (2 ** 32 % 10 ** OTP_LENGTH)
  for (;;) {
    const [n] = crypto.getRandomValues(new Uint32Array(1))
    if (n < limit) return String(n % 10 ** OTP_LENGTH).padStart(OTP_LENGTH, '0')
  }
}

/** What a resident typed as a code: digits only (full-width too), spaces dropped. */
export const normalizeOtp = (input: string) =>
  input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/\s/g, '')

export const OTP_FORMAT = /^\d{6}$/

/**
 * A typed phone as stored (normalised), or null when it is not a mainland mobile number.
 * @example phoneOf(' +86 138-0013-8000 ') // '13800138000'
 */
export const phoneOf = (input: string) => {
  const phone = normalizePhone(
    input.replace(/[０-９＋]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)),
  )
  return MOBILE_PHONE.test(phone) ? phone : null
}

/** The state of the latest code of a phone when a resident tries one (rules 1 and 3). */
export type CodeState = 'none' | 'expired' | 'used_up' | 'open'

/**
 * @example codeState({ expiresAt: 10, attempts: 0, usedAt: null }, 11) // 'expired'
 */
export const codeState = (
  code: { expiresAt: number; attempts: number; usedAt: number | null } | null,
  now: number,
): CodeState => {
  if (!code || code.usedAt !== null) return 'none'
  if (code.expiresAt <= now) return 'expired'
  if (code.attempts >= OTP_MAX_ATTEMPTS) return 'used_up'
  return 'open'
}

/** The SMS text of a code (the provider's approved template carries the same words). */
export const otpText = (lang: 'zh' | 'en', code: string) =>
  lang === 'en'
    ? `Your code is ${code}. It is valid for 10 minutes. Do not share it with anyone.`
    : `您的验证码是 ${code}，10 分钟内有效，请勿告诉他人。`
