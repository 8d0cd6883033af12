// Tracking codes residents keep to follow a topic: `K7Q-4MX`. No look-alikes (0/O, 1/I/L).
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const LENGTH = 6 // 31^6 ≈ 887 million; lookups are rate limited, so guessing is not practical

/**
 * A fresh random tracking code.
 * @example newTrackingCode() // 'K7Q-4MX'
 */
export const newTrackingCode = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH))
  // 256 % 31 leaves a tiny bias; acceptable for codes that are also rate limited.
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length])
  return `${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}`
}

/** Normalises what a resident typed: case, spaces and a missing dash. */
export const normalizeTrackingCode = (input: string) => {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '')
  return cleaned.length === LENGTH ? `${cleaned.slice(0, 3)}-${cleaned.slice(3)}` : cleaned
}

export const TRACKING_CODE = /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/
