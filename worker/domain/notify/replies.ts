// What an SMS reply means: 回T退订 is the convention (providers also accept TD, 退订, N); a reply
// is read case-insensitively, trimmed, with full-width letters folded.

const STOP_WORDS = new Set(['T', 'TD', 'N', '退订', '退', 'STOP', 'UNSUBSCRIBE'])

/**
 * Whether an SMS reply asks to stop messages.
 * @example isStopReply(' ｔ ') // true
 */
export const isStopReply = (text: string) =>
  STOP_WORDS.has(text.normalize('NFKC').trim().toUpperCase())
