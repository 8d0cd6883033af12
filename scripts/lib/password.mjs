// The same format as worker/lib/password.ts: PBKDF2-SHA256, 16-byte salt, 32-byte key, base64.
import crypto from 'node:crypto'

export const DEFAULT_ITERATIONS = 100_000

/**
 * Hashes a password the way the worker does, so the worker's `verifyPassword` accepts it.
 * @example const { hash, salt, iterations } = hashPassword('jushou-demo')
 */
export const hashPassword = (password, iterations = DEFAULT_ITERATIONS) => {
  const salt = crypto.randomBytes(16)
  const hash = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256')
  return { hash: hash.toString('base64'), salt: salt.toString('base64'), iterations }
}
