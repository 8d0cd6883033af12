import { asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../env'
import { batch, type Statement } from '../db/batch'
import { errorText } from '../db/errors'
import { neighborhoods } from '../db/schema'
import { DATE_WINDOW_MESSAGE, inDateWindow } from '../domain/dates'
import type { CurrentUser } from './auth'
import { ApiError, validationError } from './errors'
import { audit } from '../db/queries/audit'
import { filterList, inList, SEARCH_MAX, type ListQuery } from './simple-rest'

// Small helpers shared by the plain CRUD routers (towns, grids, channels, users ...).

/** Moved to db/queries/audit.ts; re-exported for the routers that import it from here. */
export { auditCreate } from '../db/queries/audit'

/**
 * `filter.id` (getMany) and other id filters as numbers; `undefined` when absent.
 * @example const ids = idsFilter(q.filter.id) // [1, 2]
 */
export const idsFilter = (value: unknown): number[] | undefined => {
  const list = filterList(value)
  if (!list) return undefined
  const ids = list.map(Number)
  if (!ids.every(Number.isSafeInteger)) throw new ApiError('bad_request', 'filter 中的编号无效')
  return ids
}

/** `true`/`false` (or 'true'/'false', 1/0) as a boolean; `undefined` when absent. */
export const boolFilter = (value: unknown): boolean | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (value === true || value === 'true' || value === 1 || value === '1') return true
  if (value === false || value === 'false' || value === 0 || value === '0') return false
  throw new ApiError('bad_request', 'filter 中的布尔值无效')
}

/**
 * An epoch-ms filter value in the saved-date window (domain/dates); `undefined` when absent.
 * Anything else is a 400 naming `field`.
 * @example timeFilter(f.createdFrom, 'createdFrom')
 */
export const timeFilter = (value: unknown, field = 'filter'): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  const n = Number(value)
  if (!Number.isFinite(n))
    throw new ApiError('bad_request', 'filter 中的时间无效', { errors: { [field]: '时间无效' } })
  if (!inDateWindow(n))
    throw new ApiError('bad_request', DATE_WINDOW_MESSAGE, {
      errors: { [field]: DATE_WINDOW_MESSAGE },
    })
  return n
}

/** `column IN (...)` for an id (or value) filter, or nothing when the filter is absent. */
export const inIds = (
  column: SQLiteColumn,
  ids: (number | string)[] | undefined,
): SQL | undefined => (ids === undefined ? undefined : inList(column, ids))

/**
 * Substring match over one or more columns (case-insensitive for ASCII, as LIKE was), by
 * `instr()`: any length and any characters, nothing to escape (D1 refuses LIKE patterns over 50
 * bytes). The text is cut at `SEARCH_MAX` characters (lists refuse longer ones first). A search
 * over no columns (all masked for the caller, see `searchable`) matches nothing.
 * @example contains(q.filter.q, grids.name)
 */
export const contains = (value: unknown, ...columns: (SQLiteColumn | SQL)[]): SQL | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = [...String(value).trim()].slice(0, SEARCH_MAX).join('')
  if (!text) return undefined
  if (!columns.length) return sql`0`
  return sql`(${sql.join(
    columns.map((col) => sql`instr(lower(${col}), lower(${text})) > 0`),
    sql` OR `,
  )})`
}

/**
 * The columns of `columns` the caller may search: those of fields it does not see masked
 * (`q.masked`), so `q` silently skips a masked field.
 * @example contains(f.q, ...searchable(q, { name: registrations.name, note: registrations.note }))
 */
export const searchable = <C extends SQLiteColumn | SQL>(
  q: Pick<ListQuery, 'masked'>,
  columns: Record<string, C>,
): C[] =>
  Object.entries(columns)
    .filter(([field]) => !q.masked.includes(field))
    .map(([, column]) => column)

/** ORDER BY for the list's sort (fields already checked by `parseListQuery`), then by id. */
export const orderOf = (
  q: ListQuery,
  columns: Record<string, SQLiteColumn | SQL>,
  id: SQLiteColumn,
) => {
  const column = columns[q.sort.field] ?? id
  const dir = q.sort.order === 'ASC' ? asc : desc
  return column === id ? [dir(id)] : [dir(column), dir(id)]
}

/**
 * The fields of an update that were sent (not undefined) and differ from the record.
 * @example const changes = changedFields(before, input); if (!Object.keys(changes).length) return c.json(before)
 */
export const changedFields = (before: object, next: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(next).filter(
      ([key, value]) => value !== undefined && value !== (before as Record<string, unknown>)[key],
    ),
  )

/**
 * The record's values of the fields an update changes: the audit row's `before`.
 * @example audit(db, user, { action: 'update', …, before: valuesBefore(before, changes), after: changes })
 */
export const valuesBefore = (before: object, changes: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.keys(changes).map((key) => [key, (before as Record<string, unknown>)[key]]),
  )

/** An error's message with those of its causes (drizzle wraps D1's), to look for constraints. */
export { errorText }

/**
 * Runs a write; a UNIQUE violation becomes 409 with `errors[field]`, a FOREIGN KEY violation 409
 * with `inUse` (the record is still referenced, or a referenced record does not exist).
 * @example await conflictsAs(() => batch(db, [...]), { unique: { name: '名称已存在' }, inUse: '仍在使用' })
 */
export const conflictsAs = async <T>(
  write: () => Promise<T>,
  messages: { unique?: Record<string, string>; inUse?: string },
): Promise<T> => {
  try {
    return await write()
  } catch (err) {
    const text = errorText(err)
    if (messages.unique && text.includes('UNIQUE constraint failed')) {
      const [field, message] = Object.entries(messages.unique)[0]
      throw new ApiError('conflict', message, { errors: { [field]: message }, cause: err })
    }
    if (messages.inUse && text.includes('FOREIGN KEY constraint failed'))
      throw new ApiError('conflict', messages.inUse, { cause: err })
    throw err
  }
}

/** For creates naming a neighborhood (after the scope check): it must exist, else 400. */
export const assertNeighborhoodExists = async (db: Db, id: number, field = 'neighborhoodId') => {
  const row = await db.get<{ id: number } | undefined>(
    sql`SELECT id FROM ${neighborhoods} WHERE id = ${id}`,
  )
  if (!row) throw validationError({ [field]: '居民区不存在' })
}

/**
 * Deletes one record with its audit row in one batch; a record still referenced answers 409.
 * @example await deleteAudited(db, user, grids, 'grids', before, { inUse: '该楼组仍在使用' })
 */
export const deleteAudited = async (
  db: Db,
  user: CurrentUser,
  table: SQLiteTable & { id: SQLiteColumn },
  resource: string,
  before: { id: number },
  messages: { inUse?: string },
) => {
  await conflictsAs(
    () =>
      batch(db, [
        db.delete(table).where(eq(table.id, before.id)),
        audit(db, user, { action: 'delete', resource, recordId: before.id, before }),
      ]),
    messages,
  )
}

/**
 * Runs one record's `UPDATE … RETURNING` with its audit row in one batch; unique clashes and
 * missing references answer 409 per `messages`. Returns the updated row.
 * @example const row = await updateAudited(db, user, db.update(towns).set(input).where(...).returning(fields),
 *   { resource: 'towns', before, after: input }, messages)
 */
export const updateAudited = async <R>(
  db: Db,
  user: CurrentUser,
  update: Statement<R[]>,
  entry: { resource: string; before: { id: number }; after: unknown },
  messages: { unique?: Record<string, string>; inUse?: string },
): Promise<R> => {
  const [rows] = await conflictsAs(
    () =>
      batch(db, [
        update,
        audit(db, user, { action: 'update', recordId: entry.before.id, ...entry }),
      ]),
    messages,
  )
  return rows[0]
}
