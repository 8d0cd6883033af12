// The needs form's "is it one of these?" check in SQL, so that it can run inside the filing
// batch as a guard on the insert (one D1 call per filing). The rule itself (tokens, Jaccard
// scores, threshold, limit) is domain/similar-topics.ts; the tests check that both agree.
// Tokens live in topic_token_sets (one JSON row per topic, written here and in create.ts) and,
// indexed by (neighborhood, category, token), in topic_tokens, which triggers keep in step
// (migrations/0004_topic_tokens.sql).
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { SIMILARITY_THRESHOLD, SIMILAR_LIMIT, storedTokens } from '../../../domain/similar-topics'
import { FINAL_TOPIC_STATUSES, type TopicStatus } from '../../../domain/vocabulary'
import { batch, rawStatement } from '../../batch'
import { sqlList } from '../../sql'

export type SimilarDraft = {
  /** An id, or a subquery (the form's channel gives it). */
  neighborhoodId: number | SQL
  categoryId: number
  /** The draft's tokens as `storedTokens` gives them, or a subquery for a stored topic's. */
  tokens: string | SQL
}

/**
 * The draft's look-alike scores as CTEs ending in `scored` (id, title, supportCount, status,
 * created_at, score) over the open topics of its neighborhood and category. Only topics sharing
 * a token with the draft are touched (an index seek per draft token), and only those sharing
 * enough of them to possibly reach the threshold get a score: Jaccard = s / (|a| + |b| - s)
 * reaches t only if s >= t·|a|. Scores are computed as `jaccard` does, in the same floating
 * point, so a score on the threshold falls the same side in both.
 */
const scored = (draft: SimilarDraft) => sql`
  WITH d (j) AS (SELECT ${draft.tokens}),
  sizes (tn, xn) AS (
    SELECT json_array_length(j, '$[0]'), json_array_length(j, '$[0]') + json_array_length(j, '$[1]') FROM d),
  mine (token, in_title) AS (
    SELECT value, 1 FROM d, json_each(d.j, '$[0]')
    UNION ALL SELECT value, 0 FROM d, json_each(d.j, '$[1]')),
  shared (topic_id, ti, xi) AS (
    SELECT tt.topic_id, sum(tt.in_title * mine.in_title), count(*)
    -- CROSS JOIN keeps the draft's few tokens as the outer loop: one index seek each, rather
    -- than a walk over every token of the category, which the planner may otherwise pick.
    FROM mine CROSS JOIN topic_tokens tt ON tt.neighborhood_id = ${draft.neighborhoodId}
      AND tt.category_id = ${draft.categoryId} AND tt.token = mine.token
    GROUP BY tt.topic_id
    HAVING sum(tt.in_title * mine.in_title) >= ${SIMILARITY_THRESHOLD} * (SELECT tn FROM sizes)
      OR count(*) >= ${SIMILARITY_THRESHOLD} * (SELECT xn FROM sizes)),
  candidates AS (
    SELECT t.id, t.title, t.support_count AS supportCount, t.status, t.created_at, s.ti, s.xi,
      (SELECT count(*) FROM topic_tokens k WHERE k.topic_id = t.id AND k.in_title = 1) AS title_n,
      (SELECT count(*) FROM topic_tokens k WHERE k.topic_id = t.id) AS text_n
    FROM shared s JOIN topics t ON t.id = s.topic_id
    WHERE t.status NOT IN ${sqlList(FINAL_TOPIC_STATUSES)}),
  scored AS (
    SELECT id, title, supportCount, status, created_at,
      max(CASE WHEN ti = 0 THEN 0.0 ELSE ti * 1.0 / (sizes.tn + title_n - ti) END,
          xi * 1.0 / (sizes.xn + text_n - xi)) AS score
    FROM candidates, sizes)`

/**
 * The open topics of the draft's neighborhood and category that look like it, best first:
 * rows of { id, title, supportCount, status, score }, at most `limit`.
 * @example await batchRows(db, [similarTopicsQuery({ neighborhoodId: 1, categoryId: 2, tokens })])
 */
export const similarTopicsQuery = (draft: SimilarDraft, limit = SIMILAR_LIMIT) => sql`
  ${scored(draft)}
  SELECT id, title, supportCount, status, created_at AS createdAt, score FROM scored
  WHERE score >= ${SIMILARITY_THRESHOLD}
  ORDER BY score DESC, created_at DESC, id DESC LIMIT ${limit}`

/**
 * Whether any open topic looks like the draft: a condition for the filing's guard.
 * @example sql`INSERT … WHERE NOT ${anySimilar(draft)}`
 */
export const anySimilar = (draft: SimilarDraft) =>
  sql`EXISTS (${scored(draft)} SELECT 1 FROM scored WHERE score >= ${SIMILARITY_THRESHOLD})`

export type LookAlike = {
  id: number
  title: string
  supportCount: number
  status: TopicStatus
  createdAt: number
  score: number
}

/**
 * The open topics that look like topic `id` (same neighborhood and category), best first, at
 * most `limit`: for staff, to spot duplicates to merge. Empty for a topic without a category
 * or not tokenized yet.
 * @example const alike = await lookAlikesOf(db, { id: 12, neighborhoodId: 1, categoryId: 3 })
 */
export const lookAlikesOf = async (
  db: Db,
  topic: { id: number; neighborhoodId: number; categoryId: number | null },
  limit = 5,
) => {
  if (topic.categoryId === null) return []
  const tokens = sql`(SELECT tokens FROM topic_token_sets WHERE topic_id = ${topic.id})`
  // One more than asked: the topic itself is among them (with a score of 1).
  const rows = await db.all<LookAlike>(
    similarTopicsQuery(
      { neighborhoodId: topic.neighborhoodId, categoryId: topic.categoryId, tokens },
      limit + 1,
    ),
  )
  return rows.filter((r) => r.id !== topic.id).slice(0, limit)
}

/**
 * The statement that stores a topic's tokens after its title or description changed (its
 * topic_tokens rows follow by trigger, as they do a change of category).
 */
export const retokenize = (id: number, text: { title: string; description: string }) =>
  sql`INSERT INTO topic_token_sets (topic_id, tokens) VALUES (${id}, ${storedTokens(text)})
    ON CONFLICT (topic_id) DO UPDATE SET tokens = excluded.tokens`

/** Topics tokenized per batch by `tokenizeTopics`. */
const TOKENIZE_BATCH = 200

/**
 * Tokenizes topics that have no tokens yet (filed before migration 0004), up to `max`, and
 * returns how many it did. The cron job runs it; a topic edited meanwhile (which stored its own
 * tokens) or deleted meanwhile is left alone.
 * @example while ((await tokenizeTopics(db)) > 0);
 */
export const tokenizeTopics = async (db: Db, max = TOKENIZE_BATCH) => {
  const rows = await db.all<{ id: number; title: string; description: string }>(
    sql`SELECT id, title, description FROM topics t
      WHERE NOT EXISTS (SELECT 1 FROM topic_token_sets s WHERE s.topic_id = t.id) ORDER BY id LIMIT ${max}`,
  )
  if (!rows.length) return 0
  const inserts = rows.map((r) =>
    rawStatement(
      db,
      sql`INSERT INTO topic_token_sets (topic_id, tokens)
      SELECT id, ${storedTokens(r)} FROM topics WHERE id = ${r.id}
      ON CONFLICT (topic_id) DO NOTHING`,
    ),
  )
  await batch(db, inserts)
  return rows.length
}
