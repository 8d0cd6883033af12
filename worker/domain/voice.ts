// One voice per resident (举手, both hands): who has a say when residents rate a project (监督评议)
// or confirm a step (居民打钩), and how their "me too" (附议) counts. One rule for all three:
// 1. A voice is a tracking code of someone who filed a topic (the topic's own code; the code of a
//    merged topic follows it into the target), or the code of a supporter whose phone was
//    verified (`phone_verified_at` on the support). A volunteer proven by their volunteer code is
//    a verified phone too (居民打钩, domain/programmes/confirmation.ts).
// 2. An unverified support code follows its topic and counts on the board, but is no voice: a
//    support costs nothing, so it cannot buy the right to rate. Verification arrives with
//    notifications (an SMS provider); until then supporters cannot rate, and the pages say why.
// 3. A voice answers once per project (rating) and per step (confirmation); the first stands.
// 4. A support counts once per device (the client cookie) and topic, and once per client address
//    and topic within SUPPORT_WINDOW_MS: a later tick from that address gets its own code to
//    follow the topic, but is not counted. A verified supporter always counts. An unknown
//    address (no trusted source, lib/client-address.ts) groups nothing: it would group everyone.
// 5. Staff see the repeats (same device, same address) on the topic; REPEATS_FOR_BURST or more
//    flag it as a burst (supportBurst).
// 6. Staff enter paper: rating sheets (source 'paper') and tick sheets. Paper carries no code.
//    Ratings made by unverified support codes before this rule (source 'support') are kept for
//    the record, but left out of every figure (vocabulary COUNTED_EVALUATION_SOURCES).

/** The voice a code gives: a filer's code, or a verified supporter's. */
export type VoiceSource = 'code' | 'verified'

/** One tick per address and topic counts within this window (rule 4). */
export const SUPPORT_WINDOW_MS = 10 * 60_000

/** Repeats on one topic from which staff see a burst (rule 5). */
export const REPEATS_FOR_BURST = 5

/**
 * The voice of a code (rule 1), or null when it has none.
 * @example voiceOf({ filer: false, phoneVerifiedAt: null }) // null: a support, unverified
 */
export const voiceOf = (holder: {
  /** Whether the code is a topic's own (its filer's). */
  filer: boolean
  /** When the supporter's phone was verified, for a support code. */
  phoneVerifiedAt: number | null
}): VoiceSource | null =>
  holder.filer ? 'code' : holder.phoneVerifiedAt !== null ? 'verified' : null

/** How a topic's supports add up, for staff (rule 5). */
export type SupportTally = {
  /** Ticks that count, as the board shows them (followers of merged topics included). */
  counted: number
  /** Of those, supporters with a verified phone. */
  verified: number
  /** Of those, codes that followed a merged topic. */
  merged: number
  /** Ticks not counted: the same browser again. */
  sameDevice: number
  /** Ticks not counted: the same client address within the window. */
  sameAddress: number
}

/**
 * Whether a topic's supports look like one person ticking many times (rule 5).
 * @example isSupportBurst({ counted: 1, verified: 0, merged: 0, sameDevice: 0, sameAddress: 29 }) // true
 */
export const isSupportBurst = (tally: SupportTally) =>
  tally.sameDevice + tally.sameAddress >= REPEATS_FOR_BURST
