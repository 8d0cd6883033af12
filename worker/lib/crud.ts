import type { Context } from 'hono'
import { and, count, eq, type SQL } from 'drizzle-orm'
import type {
  SelectedFieldsFlat,
  SQLiteColumn,
  SQLiteInsertValue,
  SQLiteTable,
} from 'drizzle-orm/sqlite-core'
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types'
import type { z } from 'zod'
import type { AppEnv } from '../env'
import { batch } from '../db/batch'
import { auditCreate } from '../db/queries/audit'
import type { CurrentUser } from './auth'
import { ApiError } from './errors'
import { conflictsAs, deleteAudited, orderOf } from './resource'
import { type ListQuery, parseListQuery, sendList } from './simple-rest'
import { idParam, readJson } from './validate'
import { assertVersion, readVersion, updateVersioned, versioned } from './versions'

// The plain versioned records staff edit (towns, neighborhoods, grids, categories, channels; users
// read through it too): one place for their list, read, create, update at a version (lib/versions.ts)
// and delete, each with its audit row. A router names its routes and roles and passes what differs:
// the list's filters, the checks of an update, the record as the API shows it.

type Messages = { unique?: Record<string, string>; inUse?: string }
type Table = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn }
/** What an update sets: columns of the table by field name. */
type Changes = Record<string, unknown>
type Handler = (c: Context<AppEnv>) => Promise<Response>

type VersionedRecords<T extends Table, F extends Record<string, SQLiteColumn | SQL>, Row, Out> = {
  /** The resource's name in the audit log and in `Content-Range`. */
  resource: string
  table: T
  /** The columns read, the same for a list and one record. */
  fields: F
  /** The records the user may see (undefined: all); outside it a record answers 404. */
  scope?: (user: CurrentUser) => SQL | undefined
  /** The 404 message of a record that does not exist (or is out of scope). */
  notFound: string
  /** 409 messages of a write: a unique clash per field, a record still referenced. */
  messages: Messages
  /** The record as the API answers it (default: the row as read). */
  show?: (row: Row) => Out
}

/**
 * Handlers for one versioned record type.
 * @example const crud = versionedRecords({ resource: 'towns', table: towns, fields, notFound: '镇/街道不存在', messages })
 * new Hono<AppEnv>().get('/:id', crud.read).put('/:id', adminOnly, crud.update(updateSchema))
 */
export const versionedRecords = <
  T extends Table,
  F extends Record<string, SQLiteColumn | SQL>,
  Row extends { id: number; version: number } = SelectResultFields<F> & {
    id: number
    version: number
  },
  Out = Row,
>(
  spec: VersionedRecords<T, F, Row, Out>,
) => {
  const { resource, table, fields, messages } = spec
  const show = spec.show ?? ((row: Row) => row as unknown as Out)
  // The rows read are `Row`s: `fields` are the columns `Row` names (drizzle cannot follow a generic
  // table's select to its row type).
  const select = (db: AppEnv['Variables']['db']) =>
    db
      .select(fields as SelectedFieldsFlat)
      .from(table as SQLiteTable)
      .$dynamic()
  const rowsOf = (rows: unknown) => rows as Row[]

  /** One record in the user's scope, or 404. */
  const load = async (v: AppEnv['Variables'], id: number): Promise<Row> => {
    const [row] = rowsOf(await select(v.db).where(and(eq(table.id, id), spec.scope?.(v.user))))
    if (!row) throw new ApiError('not_found', spec.notFound)
    return row
  }

  /** Inserts a record with its audit row (`after`: what the log keeps); errors as they come. */
  const insert = async (c: Context<AppEnv>, values: SQLiteInsertValue<T>, after: unknown) => {
    const db = c.var.db
    const [[row]] = await batch(db, [
      db
        .insert(table)
        .values(values)
        .returning(fields as SelectedFieldsFlat),
      auditCreate(db, c.var.user, resource, after),
    ])
    return rowsOf([row])[0]
  }

  return {
    load,
    insert,

    /** GET /: a page of the records in scope, `where` adding the list's filters. */
    list:
      (options: {
        sortable?: readonly string[]
        /** Sort columns by field (default: `fields`). */
        columns?: Record<string, SQLiteColumn | SQL>
        defaultSort?: ListQuery['sort']
        where: (q: ListQuery) => (SQL | undefined)[]
        /**
         * Sorts SQLite cannot do (a domain rule), by field: the records in scope are all read and
         * sorted here, then by id. For small tables only.
         */
        compare?: Record<string, (a: Row, b: Row) => number>
      }): Handler =>
      async (c) => {
        const { sortable = Object.keys(fields), defaultSort } = options
        const q = parseListQuery(c, { sortable, ...(defaultSort && { defaultSort }) })
        const db = c.var.db
        const where = and(spec.scope?.(c.var.user), ...options.where(q))
        const compare = options.compare?.[q.sort.field]
        if (compare) {
          const all = rowsOf(await select(db).where(where))
          all.sort((a, b) => compare(a, b) || a.id - b.id)
          if (q.sort.order === 'DESC') all.reverse()
          const page = all.slice(q.offset, q.offset + q.limit)
          return sendList(c, resource, q, page.map(show), all.length)
        }
        const columns = options.columns ?? fields
        const [rows, [{ n }]] = await batch(db, [
          select(db)
            .where(where)
            .orderBy(...orderOf(q, columns, table.id))
            .limit(q.limit)
            .offset(q.offset),
          db
            .select({ n: count() })
            .from(table as SQLiteTable)
            .where(where),
        ])
        return sendList(c, resource, q, rowsOf(rows).map(show), n)
      },

    /** GET /:id */
    read: (async (c) => c.json(show(await load(c.var, idParam(c))))) as Handler,

    /** POST /: 201 with the new record; unique clashes and missing references 409. */
    create: async (c: Context<AppEnv>, values: SQLiteInsertValue<T>, after: unknown = values) =>
      c.json(show(await conflictsAs(() => insert(c, values, after), messages)), 201),

    /**
     * PUT /:id at the version the editor read: a stale version 409 with the current record.
     * `changes` checks the input against the record and returns what to set (default: the input);
     * nothing to set answers the record unchanged.
     */
    update:
      <S extends z.ZodType<{ version?: number }>>(
        schema: S,
        options: {
          changes?: (
            c: Context<AppEnv>,
            before: Row,
            input: Omit<z.output<S>, 'version'>,
          ) => Promise<Changes> | Changes
          messages?: Messages
        } = {},
      ): Handler =>
      async (c) => {
        const before = await load(c.var, idParam(c))
        const { version, ...input } = await readJson(c, schema)
        assertVersion(before, readVersion(c, version), show(before))
        const changes = options.changes
          ? await options.changes(c, before, input)
          : (input as Changes)
        if (!Object.keys(changes).length) return c.json(show(before))
        const db = c.var.db
        const v = versioned(db, table, before.id, before.version)
        const row = await updateVersioned(
          db,
          c.var.user,
          v,
          db
            .update(table)
            .set({ ...changes, ...v.set } as Partial<T['$inferInsert']>)
            .where(v.where)
            .returning(fields as SelectedFieldsFlat),
          { resource, before, after: changes },
          options.messages ?? messages,
          async () => show(await load(c.var, before.id)),
        )
        return c.json(show(rowsOf([row])[0]))
      },

    /** DELETE /:id: 200 with the record deleted; one still referenced answers 409. */
    remove: (async (c) => {
      const before = await load(c.var, idParam(c))
      await deleteAudited(c.var.db, c.var.user, table, resource, before, messages)
      return c.json(show(before))
    }) as Handler,
  }
}
