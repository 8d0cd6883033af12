import { Column, is, SQL, sql } from 'drizzle-orm'
import type { RunnableQuery } from 'drizzle-orm/runnable-query'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import type { Db } from '../env'
import { errorText } from './errors'

// Batches: the one place D1 batches are run, typed, guarded and kept under the parameter limit.
// One D1 batch is one call and atomic; D1 has no interactive transactions, so a write that must
// not happen when something changed since it was checked starts its batch with guards.
//
// Raw SQL inside a batch: drizzle-orm 0.45's D1 batch binds a raw query (`db.run(sql`…`)`,
// `db.all(sql`…`)`) through a prepared statement it never creates when the SQL has parameters,
// and crashes; `rawStatement` and `rawAll` give the query its statement.

/** A statement for `batch`: a drizzle query, or raw SQL from `rawStatement` / `rawAll`. */
export type Statement<T = unknown> = RunnableQuery<T, 'sqlite'>

/** What each statement of a batch returns, position by position. */
export type Results<T extends readonly Statement[]> = {
  -readonly [K in keyof T]: T[K]['_']['result']
}

/**
 * Runs statements as one D1 batch (one call, atomic). The result is typed per position from
 * the statements, also past a spread of a list (`[insert, ...extra]` gives `[Row[], ...unknown[]]`);
 * an empty list runs nothing.
 * @example const [rows, [{ n }]] = await batch(db, [select(db).limit(25), db.select({ n: count() }).from(topics)])
 */
export const batch = async <const T extends readonly Statement[]>(
  db: Db,
  statements: T,
): Promise<Results<T>> => {
  for (const s of statements) refuseRepeatedColumns(s)
  const [first, ...rest] = statements
  const results: unknown[] = first ? await db.batch([first, ...rest]) : []
  return results as Results<T>
}

/** The SQL result names of a selection: a column's name, an alias; unnamed expressions skipped. */
const resultNames = (fields: unknown, out: string[] = []): string[] => {
  for (const field of Object.values(fields as Record<string, unknown>)) {
    if (is(field, Column)) out.push(field.name)
    else if (is(field, SQL.Aliased)) out.push(field.fieldAlias)
    else if (field && typeof field === 'object' && !is(field, SQL)) resultNames(field, out)
  }
  return out
}

/**
 * D1 returns a batch's rows as objects keyed by column name and drizzle reads them back by
 * position, so two selected columns with one name (`categories.name`, `grids.name`) collapse
 * into one key and every later value lands one field early. Refused here, loudly: alias one
 * (`sql`${grids.name}`.as('grid_name')`).
 */
const refuseRepeatedColumns = (statement: Statement) => {
  const fields = (statement as { _?: { selectedFields?: unknown } })._?.selectedFields
  if (!fields || typeof fields !== 'object') return
  const seen = new Set<string>()
  for (const name of resultNames(fields)) {
    if (seen.has(name))
      throw new Error(`batch: two selected columns are both named "${name}"; alias one`)
    seen.add(name)
  }
}

const d1Of = (db: Db) => (db as Db & { $client: D1Database }).$client

/**
 * A raw write for `batch`.
 * @example await batch(db, [rawStatement(db, sql`UPDATE topics SET status = ${s} WHERE id = ${id}`)])
 */
export const rawStatement = (db: Db, query: SQL): Statement => {
  const item = db.run(query)
  return Object.assign(item, { stmt: d1Of(db).prepare(item.getQuery().sql) })
}

/**
 * A raw query for `batch` whose rows come back (e.g. `UPDATE … RETURNING id`).
 * @example const [rows] = await batch(db, [rawAll<{ id: number }>(db, sql`UPDATE … RETURNING id`)])
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

/** A rate limit to count in a read batch: the key (e.g. 'track:<ip>') and its window. */
export type BatchHit = { key: string; windowMs: number }

/** The count a rate-limit hit statement returned in a `batchRows` batch (0 without one). */
export const hitsOf = (rows: unknown[] | undefined) =>
  (rows?.[0] as { count: number } | undefined)?.count ?? 0

// ── guards ──

const GUARD_FAILED = 'NOT NULL constraint failed: topic_events.topic_id'

/**
 * A statement that aborts its batch when `condition` holds (it inserts a row that breaks a
 * NOT NULL constraint). SQLite has no RAISE outside triggers; this is the same effect.
 * @example guard(db, sql`EXISTS (SELECT 1 FROM topics WHERE id = 1 AND status <> 'submitted')`)
 */
export const guard = (db: Db, condition: SQL): Statement =>
  rawStatement(
    db,
    sql`INSERT INTO topic_events (topic_id, at, kind) SELECT NULL, 0, 'guard' WHERE ${condition}`,
  )

/**
 * Runs a batch that starts with guards: its results, or `null` when a guard failed (the records
 * changed between the checks and the write), in which case nothing was written.
 * @example if (!(await guardedBatch(db, [guard(db, cond), update]))) return 'changed meanwhile'
 */
export const guardedBatch = async <const T extends readonly Statement[]>(
  db: Db,
  statements: T,
): Promise<Results<T> | null> => {
  try {
    return await batch(db, statements)
  } catch (err) {
    if (errorText(err).includes(GUARD_FAILED)) return null
    throw err
  }
}

// ── the parameter limit ──

/** At most this many ids per IN-list, leaving room under D1's 100 bound parameters. */
export const CHUNK = 80

/**
 * A list cut into pieces of at most `size`.
 * @example chunks([1, 2, 3], 2) // [[1, 2], [3]]
 */
export const chunks = <T>(list: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}
