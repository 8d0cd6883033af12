// Hex digests and random hex strings with WebCrypto alone, so they run the same on Workers and
// in the Node home. Here, in the lowest layer, so the db layer (which stores hashes), lib (sessions,
// request signing) and the pages share one.

const encoder = new TextEncoder()

/** Lower-case hex of bytes. */
export const toHex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/**
 * Lower-case hex SHA-256 of a UTF-8 text.
 * @example await sha256Hex('') // 'e3b0c442…b855'
 */
export const sha256Hex = async (text: string) =>
  toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)))

/** A random hex string of `bytes` bytes (nonces, salts, tokens). */
export const randomHex = (bytes = 16) => toHex(crypto.getRandomValues(new Uint8Array(bytes)))
