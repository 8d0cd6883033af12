// Short codes residents read aloud or type: no look-alike characters (0/O, 1/I/L).
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const LOWER = 'abcdefghjkmnpqrstuvwxyz23456789'

const pick = (alphabet: string, n: number) => {
  // 248 is the largest multiple of 31 below 256: rejecting above it keeps the choice uniform.
  const out: string[] = []
  while (out.length < n)
    for (const b of crypto.getRandomValues(new Uint8Array(n * 2)))
      if (b < 248 && out.length < n) out.push(alphabet[b % alphabet.length])
  return out.join('')
}

/**
 * A response's receipt number, e.g. `K7QM-4XD2` (40 bits; unique index in the database).
 * @example newReceipt() // 'K7QM-4XD2'
 */
export const newReceipt = () => {
  const code = pick(ALPHABET, 8)
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** A random public slug for a form that was not given one, e.g. `s-k7qm4x`. */
export const newSlug = () => `s-${pick(LOWER, 6)}`
