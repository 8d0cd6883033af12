import type { Context } from 'hono'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import type { Db } from '../env'
import { guard, guardedBatch, type Results, type Statement } from '../db/batch'
import type { CurrentUser } from './auth'
import { audit } from './audit'
import { ApiError } from './errors'
import { conflictsAs } from './resource'

// No lost updates. Every record staff edit carries a `version` (migrations/0014): an update names
// the version it read, as `version` in the JSON body or as `If-Match: "3"`, and
//   1. a stale version answers 409 `conflict` with the current record (`{ code, message,
//      current }`), before anything is written;
//   2. the write is one batch that starts with a guard "still at the version read" and updates
//      `… SET …, version = version + 1 WHERE id = ? AND version = ?`, so an edit that lands in
//      between also answers 409 and writes nothing, audit row included;
//   3. an update naming no version is taken as last writer wins (API clients from before
//      versions; the admin always names one), still guarded against the moment between its own
//      read and write, and still moves the version on;
//   4. writes that never name one (bulk moves, a project carrying its topics, …) move it on too:
//      explicitly, or by the table's trigger (migrations/0014).
// Forms call theirs `revision`: a form's `version` is the version of its fields.

/** The body field an update names the version it read with, to spread into an update schema. */
export const versionInput = {
  version: z.number({ message: '版本号应为整数' }).int('版本号应为整数').positive().optional(),
}

/** The same, for forms. */
export const revisionInput = {
  revision: z.number({ message: '版本号应为整数' }).int('版本号应为整数').positive().optional(),
}

const IF_MATCH = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/

/**
 * The version the client read: `version` from the body, else `If-Match` (`"3"`, `W/"3"` or `3`);
 * undefined when it named none (rule 3). A malformed If-Match, or one that disagrees with the
 * body, is a 400.
 * @example const expected = readVersion(c, input.version)
 */
export const readVersion = (c: Context, fromBody: number | undefined): number | undefined => {
  const header = c.req.header('if-match')
  if (header === undefined) return fromBody
  const match = IF_MATCH.exec(header)
  if (!match)
    throw new ApiError('bad_request', 'If-Match 应为记录的版本号，例如 "3"', {
      errors: { version: '版本号无效' },
    })
  const version = Number(match[1])
  if (fromBody !== undefined && fromBody !== version)
    throw new ApiError('bad_request', 'If-Match 与请求中的版本号不一致', {
      errors: { version: '版本号不一致' },
    })
  return version
}

export const STALE_MESSAGE =
  '这条记录在您编辑期间已被其他人修改，您的修改没有保存。请对照最新内容，确认后再提交。'

/**
 * The 409 of a stale version: `{ code: 'conflict', message, current }`.
 * @example throw staleVersion(toTopicRecord(now, user))
 */
export const staleVersion = (current: unknown) =>
  new ApiError('conflict', STALE_MESSAGE, { extra: { current } })

/**
 * Refuses a stale version before any write (rule 1); `current` is the record as the API answers
 * it (default: the loaded row).
 * @example assertVersion(before, expected, toTopicRecord(before, user))
 */
export const assertVersion = (
  loaded: { version: number },
  expected: number | undefined,
  current: unknown = loaded,
) => {
  if (expected !== undefined && loaded.version !== expected) throw staleVersion(current)
}

type Versioned = { id: SQLiteColumn; version: SQLiteColumn }

/**
 * The pieces of a versioned update of one record found at `version` (rule 2): the guard that
 * starts the batch, the WHERE and the SET of the version.
 * @example const v = versioned(db, topics, before.id, before.version)
 * await runVersioned(db, [v.guard, db.update(topics).set({ ...changes, ...v.set }).where(v.where), audit(…)], reload)
 */
export const versioned = (db: Db, table: Versioned, id: number, version: number) => ({
  guard: guard(
    db,
    sql`NOT EXISTS (SELECT 1 FROM ${table.id.table} WHERE ${table.id} = ${id} AND ${table.version} = ${version})`,
  ),
  where: and(eq(table.id, id), eq(table.version, version)) as SQL,
  set: { version: sql`${table.version} + 1` },
})

/**
 * Runs a batch that starts with version guards and returns its typed results; when a guard
 * failed (an edit landed between the read and this write) nothing was written, and this
 * answers 409 with the record as it is now (`current()`).
 * @example const [, [row]] = await runVersioned(db, [v.guard, update.returning(), audit], () => load(id))
 */
export const runVersioned = async <const T extends readonly Statement[]>(
  db: Db,
  statements: T,
  current: () => Promise<unknown>,
): Promise<Results<T>> => {
  const results = await guardedBatch(db, statements)
  if (!results) throw staleVersion(await current())
  return results
}

/**
 * One record's versioned update with its audit row, the counterpart of lib/resource
 * `updateAudited`: `update` is `UPDATE … SET …, ...v.set WHERE v.where RETURNING …`; unique
 * clashes and missing references answer 409 per `messages`, a stale version 409 with `current()`.
 * The audit row's `before` leaves the version out. Returns the updated row.
 * @example const row = await updateVersioned(db, user, v, db.update(towns).set({ ...input, ...v.set }).where(v.where).returning(fields),
 *   { resource: 'towns', before, after: input }, messages, () => load(c.var, id))
 */
export const updateVersioned = async <R>(
  db: Db,
  user: CurrentUser,
  v: ReturnType<typeof versioned>,
  update: Statement<R[]>,
  entry: { resource: string; before: { id: number }; after: unknown },
  messages: { unique?: Record<string, string>; inUse?: string },
  current: () => Promise<unknown>,
): Promise<R> => {
  // The audit row keeps what staff changed; the version is bookkeeping.
  const { version: _, ...before } = entry.before as { id: number; version?: number }
  const row = { action: 'update' as const, resource: entry.resource, recordId: before.id, before }
  const [, rows] = await conflictsAs(
    () =>
      runVersioned(db, [v.guard, update, audit(db, user, { ...row, after: entry.after })], current),
    messages,
  )
  return rows[0]
}
