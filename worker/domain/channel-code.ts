// Codes printed under QR points (`/q/<code>`). No look-alikes: 0/O, 1/I/L, 2/Z, 5/S, 8/B and U/V
// are left out, so a code read aloud or typed from a faded poster still works.
export const CHANNEL_CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679'
export const CHANNEL_CODE_LENGTH = 8

// 23^8 ≈ 7.8e10 codes (≈ 36 bits): too many to walk through, so one point's code does not lead
// to the others.
const LIMIT = 256 - (256 % CHANNEL_CODE_ALPHABET.length)

/**
 * A fresh random channel code, uniform over the alphabet (rejection sampling).
 * @example newChannelCode() // 'K7QM4XRT'
 */
export const newChannelCode = (): string => {
  let code = ''
  while (code.length < CHANNEL_CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte >= LIMIT) continue
      code += CHANNEL_CODE_ALPHABET[byte % CHANNEL_CODE_ALPHABET.length]
      if (code.length === CHANNEL_CODE_LENGTH) break
    }
  }
  return code
}

const VALID = new RegExp(`^[${CHANNEL_CODE_ALPHABET}]{${CHANNEL_CODE_LENGTH}}$`)

/**
 * A code as typed or scanned, upper-cased without spaces or dashes; `null` if it cannot be one.
 * @example normalizeChannelCode('k7qm-4xrt') // 'K7QM4XRT'
 */
export const normalizeChannelCode = (input: string): string | null => {
  const code = input.replace(/[\s-]/g, '').toUpperCase()
  return VALID.test(code) ? code : null
}

/** The public paths of a channel: its form, its printable poster and its QR image. */
export const channelUrls = (code: string) => ({
  url: `/q/${code}`,
  posterUrl: `/q/${code}/poster`,
  qrUrl: `/q/${code}/qr.svg`,
})
