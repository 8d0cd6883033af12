// The worker's own tokenizer (domain/similar-topics.ts), for seeds that write topics straight
// into D1: the needs form's look-alike check reads topics.tokens (migrations/0004_topic_tokens.sql).
import { importTs } from './worker-import.mjs'

let loaded

/**
 * `storedTokens({ title, description })` → the JSON the worker stores in topics.tokens.
 * @example const storedTokens = await loadStoredTokens()
 */
export const loadStoredTokens = async () => {
  loaded ??= importTs(`export { storedTokens } from './worker/domain/similar-topics'`)
  return (await loaded).storedTokens
}
