import type { SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import type { Db } from '../env'

// Raw SQL inside `db.batch`. drizzle-orm 0.45's D1 batch binds a raw query (`db.run(sql`…`)`,
// `db.all(sql`…`)`) through a prepared statement it never creates when the SQL has parameters,
// and crashes; these helpers give the query its statement. One D1 batch is one call and atomic.

export type Statement = BatchItem<'sqlite'>

const d1Of = (db: Db) => (db as Db & { $client: D1Database }).$client

/**
 * A raw write for `db.batch`.
 * @example await db.batch([rawStatement(db, sql`UPDATE topics SET status = ${s} WHERE id = ${id}`)])
 */
export const rawStatement = (db: Db, query: SQL): Statement => {
  const item = db.run(query)
  return Object.assign(item, { stmt: d1Of(db).prepare(item.getQuery().sql) })
}

/**
 * A raw query for `db.batch` whose rows come back (e.g. `UPDATE … RETURNING id`).
 * @example const [rows] = await db.batch([rawAll<{ id: number }>(db, sql`UPDATE … RETURNING id`)])
 */
export const rawAll = <T>(db: Db, query: SQL) => {
  const item = db.all<T>(query)
  return Object.assign(item, { stmt: d1Of(db).prepare(item.getQuery().sql) })
}

const dialect = new SQLiteAsyncDialect()

/**
 * Runs `sql` queries as one D1 batch (one call, one snapshot) and returns each one's rows.
 * @example const [channels, categories] = await batchRows(db, [sql`SELECT …`, sql`SELECT …`])
 */
export const batchRows = async (db: Db, queries: SQL[]): Promise<unknown[][]> => {
  const d1 = d1Of(db)
  const statements = queries.map((q) => {
    const { sql: text, params } = dialect.sqlToQuery(q)
    return d1.prepare(text).bind(...params)
  })
  return (await d1.batch(statements)).map((r) => r.results as unknown[])
}
