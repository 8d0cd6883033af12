// Deterministic randomness for seeds: the same seed name gives the same data on every run,
// which keeps fixed ids, tracking codes and channel codes stable across re-seeding.

/** Tracking-code letters and digits without look-alikes: worker/domain/tracking-code.ts. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** Channel (QR point) code alphabet and length: worker/domain/channel-code.ts. */
export const CHANNEL_CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679'
export const CHANNEL_CODE_LENGTH = 8

/** A stable channel code for a seed channel id, valid for `normalizeChannelCode`. */
export const seedChannelCode = (channelId) =>
  rng(`channel:${channelId}`).code(CHANNEL_CODE_LENGTH, CHANNEL_CODE_ALPHABET)

const hashSeed = (text) => {
  let h = 2166136261
  for (const ch of String(text)) h = Math.imul(h ^ ch.codePointAt(0), 16777619)
  return h >>> 0
}

/**
 * A seeded PRNG (mulberry32) with small helpers.
 * @example const r = rng('topics'); r.int(1, 6); r.pick(['a', 'b']); r.chance(0.3)
 */
export const rng = (seed) => {
  let a = hashSeed(seed)
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min, max) => min + Math.floor(next() * (max - min + 1))
  const pick = (list) => list[Math.floor(next() * list.length)]
  const chance = (p) => next() < p
  /** Weighted pick from [[value, weight], ...]. */
  const weighted = (pairs) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0)
    let x = next() * total
    for (const [value, w] of pairs) {
      x -= w
      if (x < 0) return value
    }
    return pairs[pairs.length - 1][0]
  }
  const code = (length, alphabet = CODE_ALPHABET) =>
    Array.from({ length }, () => pick(alphabet)).join('')
  return { next, int, pick, chance, weighted, code }
}

/**
 * Unique tracking codes like `K7Q-4MX` from a seeded PRNG; never repeats within one generator.
 * @example const codes = trackingCodes('demo'); codes() // 'K7Q-4MX'
 */
export const trackingCodes = (seed, taken = new Set()) => {
  const r = rng(`tracking:${seed}`)
  return () => {
    for (;;) {
      const code = `${r.code(3)}-${r.code(3)}`
      if (!taken.has(code)) {
        taken.add(code)
        return code
      }
    }
  }
}
