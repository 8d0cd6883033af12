// The worker's own tokenizer (domain/similar-topics.ts), for seeds that write topics straight
// into D1: the needs form's look-alike check reads topic_token_sets.tokens, which triggers index
// into topic_tokens (migrations/0004_topic_tokens.sql, 0006_topic_tokens_converge.sql).
import { importTs } from './worker-import.mjs'

let loaded

/**
 * `storedTokens({ title, description })` → the JSON the worker stores in topic_token_sets.tokens.
 * @example const storedTokens = await loadStoredTokens()
 */
export const loadStoredTokens = async () => {
  loaded ??= importTs(`export { storedTokens } from './worker/domain/similar-topics'`)
  return (await loaded).storedTokens
}
