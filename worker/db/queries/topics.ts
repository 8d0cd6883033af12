import { count, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../env'
import { channels, topicEvents, topics } from '../schema'
import { newTrackingCode } from '../../domain/tracking-code'
import { chunks } from './topic-moves'

export type TopicRow = typeof topics.$inferSelect

export type NewTopic = {
  neighborhoodId: number
  title: string
  description?: string
  location?: string
  categoryId?: number | null
  /** A channel id, or a subquery naming a channel created in the same batch. */
  channelId?: number | SQL | null
  gridId?: number | null
  submitterName?: string | null
  submitterPhone?: string | null
  /** Set when the resident ticked consent for their name/phone. */
  consentAt?: number | null
  /** The staff member entering it on a resident's behalf, if any. */
  createdBy?: number | null
}

/**
 * The statements that file a topic: the row, its first timeline event and the channel's
 * submission count. Put them in one `db.batch` (with an audit row for staff entry).
 * @example const { insert, event, count } = createTopicStatements(db, input); await db.batch([insert, event])
 */
export const createTopicStatements = (db: Db, input: NewTopic, now = Date.now()) => {
  const trackingCode = newTrackingCode()
  const insert = db
    .insert(topics)
    .values({
      neighborhoodId: input.neighborhoodId,
      title: input.title,
      description: input.description ?? '',
      location: input.location ?? '',
      categoryId: input.categoryId ?? null,
      channelId: input.channelId ?? null,
      gridId: input.gridId ?? null,
      submitterName: input.submitterName ?? null,
      submitterPhone: input.submitterPhone ?? null,
      consentAt: input.consentAt ?? null,
      createdBy: input.createdBy ?? null,
      trackingCode,
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
    })
    .returning()
  const event = db.insert(topicEvents).values({
    topicId: sql`(SELECT id FROM topics WHERE tracking_code = ${trackingCode})`,
    at: now,
    actorUserId: input.createdBy ?? null,
    kind: 'submitted',
    toStatus: 'submitted',
  })
  const count = input.channelId
    ? db
        .update(channels)
        .set({ submissions: sql`${channels.submissions} + 1` })
        .where(eq(channels.id, input.channelId))
    : null
  return { trackingCode, insert, event, count }
}

/**
 * Files a topic atomically and returns the new row.
 * @example const topic = await createTopic(db, { neighborhoodId: 1, title: '楼道堆物' })
 */
export const createTopic = async (db: Db, input: NewTopic) => {
  const { insert, event, count } = createTopicStatements(db, input)
  const [rows] = count ? await db.batch([insert, event, count]) : await db.batch([insert, event])
  return rows[0]
}

type Order = SQL | SQLiteColumn

/**
 * One page of topics, newest first by default. Exported so tests can EXPLAIN it.
 * @example topicPage(db, where, [desc(topics.createdAt), desc(topics.id)], 25, 0)
 */
export const topicPage = (db: Db, where: SQL | undefined, order: Order[], limit: number, offset: number) =>
  db.select().from(topics).where(where).orderBy(...order).limit(limit).offset(offset)

/**
 * The statements of a list: one page and the total, for one `db.batch` (one D1 round trip).
 * @example const [rows, [{ n }]] = await db.batch(listTopicsStatements(db, where, order, 25, 0))
 */
export const listTopicsStatements = (db: Db, where: SQL | undefined, order: Order[], limit: number, offset: number) =>
  [topicPage(db, where, order, limit, offset), db.select({ n: count() }).from(topics).where(where)] as const

/**
 * Topics by id (any order; missing ids are simply absent), in chunks under the parameter limit.
 * @example const byId = new Map((await loadTopics(db, [1, 2])).map((t) => [t.id, t]))
 */
export const loadTopics = async (db: Db, ids: number[]): Promise<TopicRow[]> => {
  const parts = chunks([...new Set(ids)])
  if (!parts.length) return []
  const queries = parts.map((part) => db.select().from(topics).where(inArray(topics.id, part)))
  const results = await db.batch(queries as [(typeof queries)[0], ...typeof queries])
  return results.flat()
}

/** One topic by id, or undefined. */
export const loadTopic = async (db: Db, id: number): Promise<TopicRow | undefined> => {
  const [row] = await db.select().from(topics).where(eq(topics.id, id))
  return row
}
