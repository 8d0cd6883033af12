// Reading topics: one page of a staff list with its total, and topics by id.
import { count, eq, inArray, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../env'
import { topics } from '../../schema'
import { batch, chunks } from '../../batch'

export type TopicRow = typeof topics.$inferSelect

type Order = SQL | SQLiteColumn

/**
 * One page of topics, newest first by default. Exported so tests can EXPLAIN it.
 * @example topicPage(db, where, [desc(topics.createdAt), desc(topics.id)], 25, 0)
 */
export const topicPage = (
  db: Db,
  where: SQL | undefined,
  order: Order[],
  limit: number,
  offset: number,
) =>
  db
    .select()
    .from(topics)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)

/**
 * The statements of a list: one page and the total, for one `batch` (one D1 round trip).
 * @example const [rows, [{ n }]] = await batch(db, listTopicsStatements(db, where, order, 25, 0))
 */
export const listTopicsStatements = (
  db: Db,
  where: SQL | undefined,
  order: Order[],
  limit: number,
  offset: number,
) =>
  [
    topicPage(db, where, order, limit, offset),
    db.select({ n: count() }).from(topics).where(where),
  ] as const

/**
 * Topics by id (any order; missing ids are simply absent), in chunks under the parameter limit.
 * @example const byId = new Map((await loadTopics(db, [1, 2])).map((t) => [t.id, t]))
 */
export const loadTopics = async (db: Db, ids: number[]): Promise<TopicRow[]> => {
  const parts = chunks([...new Set(ids)])
  if (!parts.length) return []
  const results = await batch(
    db,
    parts.map((part) => db.select().from(topics).where(inArray(topics.id, part))),
  )
  return results.flat()
}

/** One topic by id, or undefined. */
export const loadTopic = async (db: Db, id: number): Promise<TopicRow | undefined> => {
  const [row] = await db.select().from(topics).where(eq(topics.id, id))
  return row
}
