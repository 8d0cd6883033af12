// Filing a topic: the row, its first timeline event, its channel's count and its similar-topic
// tokens, as statements for one batch (staff entry and the resident's needs form both file this way).
import { getTableColumns, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { topics } from '../../schema'
import { batch, rawAll, rawStatement } from '../../batch'
import { storedTokens } from '../../../domain/similar-topics'
import { newTrackingCode } from '../../../domain/tracking-code'
import { retryOnClash } from '../../errors'
import type { TopicRow } from './read'

export type NewTopic = {
  /** An id, or a subquery (the resident's form takes it from its channel). */
  neighborhoodId: number | SQL
  title: string
  description?: string
  location?: string
  categoryId?: number | null
  /** A channel id, or a subquery naming a channel created in the same batch. */
  channelId?: number | SQL | null
  gridId?: number | SQL | null
  submitterName?: string | null
  submitterPhone?: string | null
  /** Set when the resident ticked consent for their name/phone. */
  consentAt?: number | null
  /** The staff member entering it on a resident's behalf, if any. */
  createdBy?: number | null
  /** Its similar-topic tokens (`storedTokens`), when the caller has them already. */
  tokens?: string
}

/**
 * The statements that file a topic, as SQL for one D1 batch: the row, its first timeline event,
 * the channel's submission count and its similar-topic tokens. The insert happens only `when`
 * the condition holds (default: always); the others find the row by its new tracking code, so
 * they do nothing when it was not inserted. A tracking code that is taken fails the batch on the
 * unique index (`TRACKING_CODE_CLASH`): the caller draws again.
 * The insert returns the new row (`toTopicRow` shapes it).
 * @example const { insert, event, count, tokens } = createTopicStatements(input, now); await batchRows(db, [insert, event, count, tokens])
 */
export const createTopicStatements = (
  input: NewTopic,
  now = Date.now(),
  when: SQL = sql`1`,
  trackingCode = newTrackingCode(),
) => {
  const insert = sql`INSERT INTO topics (neighborhood_id, grid_id, category_id, channel_id, title,
      description, location, status, tracking_code, submitter_name, submitter_phone, consent_at,
      created_by, created_at, updated_at)
    SELECT ${input.neighborhoodId}, ${input.gridId ?? null}, ${input.categoryId ?? null},
      ${input.channelId ?? null}, ${input.title}, ${input.description ?? ''}, ${input.location ?? ''},
      'submitted', ${trackingCode}, ${input.submitterName ?? null}, ${input.submitterPhone ?? null},
      ${input.consentAt ?? null}, ${input.createdBy ?? null}, ${now}, ${now}
    WHERE ${when}
    RETURNING *`
  const event = sql`INSERT INTO topic_events (topic_id, at, actor_user_id, kind, to_status)
    SELECT id, ${now}, ${input.createdBy ?? null}, 'submitted', 'submitted' FROM topics
    WHERE tracking_code = ${trackingCode}`
  const count = sql`UPDATE channels SET submissions = submissions + 1
    WHERE id = (SELECT channel_id FROM topics WHERE tracking_code = ${trackingCode})`
  const tokens = sql`INSERT INTO topic_token_sets (topic_id, tokens)
    SELECT id, ${input.tokens ?? storedTokens({ title: input.title, description: input.description })} FROM topics
    WHERE tracking_code = ${trackingCode}`
  return { trackingCode, insert, event, count, tokens }
}

/** The unique index a new topic's random code can clash with (1 in 887 million per topic). */
export const TRACKING_CODE_CLASH = ['topics.tracking_code']

const TOPIC_COLUMNS = Object.entries(getTableColumns(topics))

/**
 * The row an insert's `RETURNING *` gave (D1's column names), in drizzle's shape.
 * @example const [[raw]] = await batch(db, [rawAll(db, insert)]); const topic = toTopicRow(raw)
 */
export const toTopicRow = (raw: Record<string, unknown>) =>
  Object.fromEntries(TOPIC_COLUMNS.map(([key, column]) => [key, raw[column.name]])) as TopicRow

/**
 * Files a topic atomically and returns the new row.
 * @example const topic = await createTopic(db, { neighborhoodId: 1, title: '楼道堆物' })
 */
export const createTopic = (db: Db, input: NewTopic) =>
  retryOnClash(TRACKING_CODE_CLASH, async () => {
    const { insert, event, count, tokens } = createTopicStatements(input)
    const [[row]] = await batch(db, [
      rawAll<Record<string, unknown>>(db, insert),
      rawStatement(db, event),
      rawStatement(db, count),
      rawStatement(db, tokens),
    ])
    return toTopicRow(row)
  })
