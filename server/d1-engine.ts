// The database side of the Node home's D1 binding (server/d1.ts): statements run on one
// better-sqlite3 connection, each answering with D1's result shape and meta. The connection lives
// in the server's database thread (server/d1-thread.ts) or, for scripts and tests, on the caller's
// own thread (`localEngine`); both answer the same.
import Database from 'better-sqlite3'
import { SqliteFunctionError } from './like'
import { type Placeholders, parameterLimitError, parsePlaceholders } from './sql-placeholders'

export type Bound = number | string | null | Buffer | Uint8Array
type Meta = D1Meta & Record<string, unknown>

/** What `meta.served_by` says, so a log shows which home answered. */
export const SERVED_BY = 'better-sqlite3'

/** An error from SQLite (or better-sqlite3) worded as D1 words it. */
export const d1Message = (err: unknown): string => {
  if (err instanceof Database.SqliteError) {
    const primary = /^SQLITE_[A-Z]+/.exec(err.code)?.[0] ?? err.code
    return `${err.message}: ${primary}${primary === err.code ? '' : ` (extended: ${err.code})`}`
  }
  if (err instanceof SqliteFunctionError) return `${err.message}: ${err.code}`
  const message = err instanceof Error ? err.message : String(err)
  if (/parameter values were provided|Missing named parameter/.test(message))
    return 'Wrong number of parameter bindings for SQL query.'
  if (message.includes('contains no statements')) return 'SQL code did not contain a statement.'
  return message
}

/** A value read back as D1 hands it over (through JSON). */
const toResult = (value: unknown) => {
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null
  if (Buffer.isBuffer(value)) return Array.from(value)
  return value
}

type Prepared = { stmt: Database.Statement<Bound[]>; placeholders: Placeholders }

/** What one statement produced. */
export type Outcome = { columns: string[]; rows: unknown[][]; meta: Meta }

/** A statement with its values, as a batch carries it. */
export type Statement = { sql: string; values: Bound[] }

/** The database side: runs statements on one connection, as D1's server does. */
export class Engine {
  readonly sqlite: Database.Database
  #cache = new Map<string, Prepared>()
  #counters: Database.Statement<[], [number, number]>
  #sizeQuery: Database.Statement<[], [number]>
  /**
   * The file's size as last read, kept while only read-only statements run (reading it costs
   * more than a short SELECT); forgotten before anything that may write, and after a failure.
   * A write by another connection is not seen until then: D1 has no other writer, and the
   * server's reading connection forgets it whenever its database thread has written
   * (d1-thread.ts, readsHereWritesThere).
   */
  #size: number | null = null
  #transaction: Database.Transaction<(work: () => void) => void>
  /** Commits that changed the database: the Sessions API's bookmarks count them. */
  commits = 0

  constructor(sqlite: Database.Database) {
    this.sqlite = sqlite
    this.#counters = sqlite
      .prepare<[], [number, number]>('SELECT total_changes(), last_insert_rowid()')
      .raw(true)
    this.#sizeQuery = sqlite
      .prepare<[], [number]>(
        'SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size())',
      )
      .raw(true)
    this.#transaction = sqlite.transaction((work: () => void) => work())
  }

  /**
   * Runs `work` in one transaction: all of it or nothing. IMMEDIATE takes the write lock first;
   * DEFERRED (for reads only) holds one snapshot without it.
   */
  atomically<T>(work: () => T, mode: 'immediate' | 'deferred' = 'immediate'): T {
    let out: T | undefined
    let done = false
    try {
      this.#transaction[mode](() => {
        out = work()
        done = true
      })
    } catch (err) {
      this.#size = null
      throw err
    }
    if (!done) throw new Error('transaction did not run')
    return out as T
  }

  #prepare(sql: string): Prepared {
    let prepared = this.#cache.get(sql)
    if (!prepared) {
      // D1's parameter limit first: better-sqlite3's SQLite allows 32,766.
      const placeholders = parsePlaceholders(sql)
      const limit = parameterLimitError(placeholders)
      if (limit) throw new SqliteFunctionError(limit)
      prepared = { stmt: this.sqlite.prepare<Bound[]>(sql), placeholders }
      if (this.#cache.size >= 1000) this.#cache.clear()
      this.#cache.set(sql, prepared)
    }
    return prepared
  }

  /** better-sqlite3's arguments: positional values for `?`, an object for the named ones. */
  #arguments({ list, count }: Placeholders, values: Bound[]): unknown[] {
    if (values.length !== count)
      throw new Error('Wrong number of parameter bindings for SQL query.')
    if (list.every((p) => p.name === null)) return values
    // SQLite names `?NNN` and `:x`; every other number up to the count (a plain `?`, or a gap
    // such as 2 in `? ?3`) is anonymous and bound in order.
    const named: Record<string, Bound> = {}
    for (const p of list) if (p.name !== null) named[p.name] = values[p.index - 1]
    const namedIndexes = new Set(list.filter((p) => p.name !== null).map((p) => p.index))
    const anonymous = values.filter((_, i) => !namedIndexes.has(i + 1))
    return [...anonymous, named]
  }

  /** The file's size in bytes (page count × page size). */
  #sizeNow(): number {
    this.#size ??= this.#sizeQuery.get()![0]
    return this.#size
  }

  /** Forgets the size read before: something may have written. */
  forgetSize() {
    this.#size = null
  }

  /** One statement: its columns, rows and D1's meta. */
  run(sql: string, values: Bound[]): Outcome {
    const [changesBefore, lastBefore] = this.#counters.get()!
    const sizeBefore = this.#sizeNow()
    const started = performance.now()
    const { stmt, placeholders } = this.#prepare(sql)
    const args = this.#arguments(placeholders, values) as Bound[]
    if (!stmt.readonly) this.#size = null
    let columns: string[] = []
    let rows: unknown[][] = []
    if (stmt.reader) {
      rows = stmt.raw(true).all(...args) as unknown[][]
      columns = stmt.columns().map((c) => c.name)
      for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = toResult(row[i])
    } else stmt.run(...args)
    const duration = performance.now() - started
    const [changesAfter, lastAfter] = this.#counters.get()!
    const sizeAfter = this.#sizeNow()
    const changes = changesAfter - changesBefore
    const changedDb = changes !== 0 || lastAfter !== lastBefore || sizeAfter !== sizeBefore
    if (changedDb) this.commits++
    return {
      columns,
      rows,
      meta: {
        served_by: SERVED_BY,
        duration,
        changes,
        last_row_id: lastAfter,
        changed_db: changedDb,
        size_after: sizeAfter,
        rows_read: rows.length,
        rows_written: changes,
      },
    }
  }

  /** Whether `sql` only reads, as SQLite tells (preparing it if new). */
  readsOnly(sql: string): boolean {
    return this.#prepare(sql).stmt.readonly
  }

  /**
   * A D1 batch: the statements in one transaction, every outcome or the first failure. `reads`:
   * they only read, and share a snapshot without taking the write lock.
   */
  batch(list: Statement[], { reads = false } = {}): Outcome[] {
    return this.atomically(
      () => list.map((s) => this.run(s.sql, s.values)),
      reads ? 'deferred' : 'immediate',
    )
  }

  /** D1's exec(): one statement per line, all in one transaction. */
  exec(lines: string[]) {
    this.forgetSize()
    this.atomically(() => {
      for (const line of lines) this.sqlite.exec(line)
    })
    this.commits++
  }

  /** The whole database file. */
  dump(): Uint8Array {
    return this.sqlite.serialize()
  }
}

/** The engine as the D1 binding sees it: asynchronous, wherever its connection lives. */
export interface D1Engine {
  run(sql: string, values: Bound[]): Promise<Outcome>
  batch(list: Statement[]): Promise<Outcome[]>
  exec(lines: string[]): Promise<void>
  dump(): Promise<Uint8Array>
  /** Commits that changed the database so far (the Sessions API's bookmarks count them). */
  readonly commits: number
}

/**
 * An engine on the caller's thread, over `sqlite` (scripts, tests, and the server when it has
 * no database thread). Its failures are SQLite's own errors; the binding words them as D1 does.
 * @example const DB = new SqliteD1Database(localEngine(openDatabase(':memory:')))
 */
export const localEngine = (sqlite: Database.Database): D1Engine => {
  const engine = new Engine(sqlite)
  return {
    run: async (sql, values) => engine.run(sql, values),
    batch: async (list) => engine.batch(list),
    exec: async (lines) => engine.exec(lines),
    dump: async () => engine.dump(),
    get commits() {
      return engine.commits
    },
  }
}
