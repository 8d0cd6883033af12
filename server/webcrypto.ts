// Node's crypto.subtle.digest runs each hash as a job on the thread pool and costs about a tenth
// of a millisecond of overhead per call, more than the hash itself; the app hashes a session
// token on every staff request. On the Node home, digest() of SHA-1/256/384/512 is answered by
// node:crypto's synchronous hash instead: the same bytes, the same Promise<ArrayBuffer>.
import { createHash } from 'node:crypto'

const NAMES: Record<string, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
}

const bytesOf = (data: BufferSource) =>
  data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

/**
 * Replaces globalThis.crypto.subtle.digest (once) for the hashes node:crypto has; anything else
 * goes to the original.
 * @example installFastDigest(); await crypto.subtle.digest('SHA-256', bytes)
 */
export const installFastDigest = () => {
  const subtle = crypto.subtle
  const original = subtle.digest.bind(subtle)
  if ((original as { fast?: boolean }).fast) return
  const digest = (
    algorithm: string | { name: string },
    data: BufferSource,
  ): Promise<ArrayBuffer> => {
    const name = NAMES[(typeof algorithm === 'string' ? algorithm : algorithm.name).toUpperCase()]
    if (!name) return original(algorithm, data)
    try {
      const hash = createHash(name).update(bytesOf(data)).digest()
      return Promise.resolve(hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength))
    } catch (err) {
      return Promise.reject(err)
    }
  }
  subtle.digest = Object.assign(digest, { fast: true })
}
