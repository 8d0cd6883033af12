// PBKDF2-SHA256 through WebCrypto. Workers in production cap PBKDF2 at 100,000 iterations.
const encoder = new TextEncoder()

export const DEFAULT_ITERATIONS = 100_000

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))

const derive = async (password: string, salt: Uint8Array, iterations: number) => {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  )
  return new Uint8Array(bits)
}

export type PasswordHash = { hash: string; salt: string; iterations: number }

/**
 * Hashes a password with a fresh 16-byte salt.
 * @example const { hash, salt, iterations } = await hashPassword('s3cret')
 */
export const hashPassword = async (
  password: string,
  iterations = DEFAULT_ITERATIONS,
): Promise<PasswordHash> => {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const hash = await derive(password, salt, iterations)
  return { hash: toBase64(hash), salt: toBase64(salt), iterations }
}

/** Constant-time check of a password against a stored hash. */
export const verifyPassword = async (password: string, stored: PasswordHash) => {
  const actual = await derive(password, fromBase64(stored.salt), stored.iterations)
  const expected = fromBase64(stored.hash)
  if (actual.length !== expected.length) return false
  let diff = 0
  for (let i = 0; i < actual.length; i++) diff |= actual[i] ^ expected[i]
  return diff === 0
}

/** A random URL-safe token with `bytes` bytes of entropy. */
export const randomToken = (bytes = 32) =>
  toBase64(crypto.getRandomValues(new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
