// A D1 binding over a SQLite file (better-sqlite3), for the Node home. It answers as D1 does in
// workerd, which tests/node/d1-shim.test.ts checks statement by statement against real D1:
//   results   all()/run() `{ success, meta, results }` (rows as objects, a later duplicate column
//             wins), first() a row or null (first(col) throws D1_COLUMN_NOTFOUND for a missing
//             column), raw() arrays (`columnNames: true` puts the names first, even with no row);
//             BLOBs come back as arrays of bytes, NaN/±Infinity as null, -0 as 0 (D1's JSON).
//   binding   numbers bind as REAL (as D1: `typeof(?)` of 1 is 'real', `? / 2` of 5 is 2.5),
//             booleans as 1/0, ArrayBuffers, views and byte arrays as BLOBs, NaN/±Infinity as
//             NULL; undefined, bigint and other objects throw D1_TYPE_ERROR in bind(). Values go
//             to placeholders by position, whatever their style (`?`, `?NNN`, `:name`).
//   limits    at most 100 parameters (SQLITE_LIMIT_VARIABLE_NUMBER), a LIKE/GLOB pattern of at
//             most 50 bytes (server/like.ts), exactly as many values as parameters.
//   errors    `D1_ERROR: <SQLite message>: <code>[ (extended: <code>)]` with the message alone as
//             `cause`; D1 also names the byte offset of a syntax error (` at offset N`), which
//             better-sqlite3 does not tell, so that part is missing here.
//   meta      served_by, duration, changes (trigger changes included), last_row_id, changed_db,
//             size_after as D1 computes them; rows_read / rows_written are estimates (the rows
//             returned / changed): SQLite does not expose D1's counters.
//   batch     one IMMEDIATE transaction: all or nothing; empty statements are dropped, as D1
//             drops them. exec() runs one statement per line in one transaction, as D1 does.
// Not copied: D1 refuses PRAGMAs and sqlite_* functions (SQLITE_AUTH), runs every statement of a
// multi-statement prepare(), limits expression depth to 100 and takes a "double-quoted" word that
// names no column as a string; here these work or fail as better-sqlite3's SQLite does (its
// build refuses double-quoted strings: write string literals in single quotes).
import type Database from 'better-sqlite3'
import { type Bound, type D1Engine, type Outcome, d1Message, localEngine } from './d1-engine'

type Row = Record<string, unknown>

/** D1's error: `<prefix>: <message>`, with the bare message as `cause`. */
const d1Error = (prefix: string, message: string) =>
  new Error(`${prefix}: ${message}`, { cause: new Error(message) })

/** D1 drops statements that are blank once indented `--` comments are removed. */
const isBlank = (sql: string) => sql.replace(/^\s+--.*/gm, '').trim().length === 0

const bytesOf = (values: ArrayLike<number>) => Buffer.from(Uint8Array.from(values))

/** One value as D1's bind() takes it (then JSON carries it to the database). */
const toBound = (value: unknown): Bound => {
  const type = typeof value
  if (type === 'number') {
    const n = value as number
    return Number.isFinite(n) ? n + 0 : null
  }
  if (type === 'string') return value as string
  if (type === 'boolean') return value ? 1 : 0
  if (value === null) return null
  if (type === 'object') {
    if (Array.isArray(value) && value.every((b) => typeof b === 'number' && b >= 0 && b < 256))
      return bytesOf(value)
    if (value instanceof ArrayBuffer) return Buffer.from(new Uint8Array(value))
    if (ArrayBuffer.isView(value)) return bytesOf(Array.from(value as unknown as ArrayLike<number>))
  }
  const message = `Type '${type}' not supported for value '${String(value)}'`
  throw new Error(`D1_TYPE_ERROR: ${message}`, { cause: new Error(message) })
}

const objects = ({ columns, rows }: Outcome) =>
  rows.map((row) => {
    const object: Row = {}
    for (let i = 0; i < columns.length; i++) object[columns[i]] = row[i]
    return object
  })

/** A prepared statement, as D1's: immutable, bind() gives a new one. */
export class SqliteD1PreparedStatement implements D1PreparedStatement {
  readonly #engine: D1Engine
  readonly #session: SqliteD1DatabaseSession | null
  readonly statement: string
  readonly params: Bound[]

  constructor(
    engine: D1Engine,
    session: SqliteD1DatabaseSession | null,
    statement: string,
    params: Bound[] = [],
  ) {
    this.#engine = engine
    this.#session = session
    this.statement = statement
    this.params = params
  }

  bind(...values: unknown[]): SqliteD1PreparedStatement {
    return new SqliteD1PreparedStatement(
      this.#engine,
      this.#session,
      this.statement,
      values.map(toBound),
    )
  }

  /** Runs it alone (SQLite's autocommit: its own transaction), or fails as D1 fails. */
  async #outcome(): Promise<Outcome> {
    if (isBlank(this.statement)) throw d1Error('D1_ERROR', 'No SQL statements detected.')
    try {
      const outcome = await this.#engine.run(this.statement, this.params)
      this.#session?.saw(this.#engine)
      return outcome
    } catch (err) {
      throw d1Error('D1_ERROR', d1Message(err))
    }
  }

  /** @internal what a batch of `engine` runs */
  forBatch(engine: D1Engine) {
    if (engine !== this.#engine) throw new Error('D1_ERROR: statement from another database')
    return { sql: this.statement, values: this.params }
  }

  async first<T = Row>(colName?: string): Promise<T | null> {
    const [row] = objects(await this.#outcome())
    if (!row) return null
    if (colName === undefined) return row as T
    if (row[colName] === undefined)
      throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${colName})`, {
        cause: new Error('Column not found'),
      })
    return row[colName] as T
  }

  async run<T = Row>(): Promise<D1Result<T>> {
    const outcome = await this.#outcome()
    return { success: true, meta: outcome.meta, results: objects(outcome) as T[] }
  }

  async all<T = Row>(): Promise<D1Result<T>> {
    const outcome = await this.#outcome()
    return { success: true, meta: outcome.meta, results: objects(outcome) as T[] }
  }

  raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>
  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<[string[], ...T[]] | T[]> {
    const { columns, rows } = await this.#outcome()
    return options?.columnNames ? [columns, ...(rows as T[])] : (rows as T[])
  }
}

const runBatch = async <T>(engine: D1Engine, statements: D1PreparedStatement[]) => {
  const list = statements.map((s) => {
    if (!(s instanceof SqliteD1PreparedStatement))
      throw new TypeError('D1_ERROR: batch() takes statements made by this database')
    return s
  })
  const live = list.filter((s) => !isBlank(s.statement)).map((s) => s.forBatch(engine))
  if (live.length === 0) throw d1Error('D1_ERROR', 'No SQL statements detected.')
  try {
    const outcomes = await engine.batch(live)
    return outcomes.map(
      (outcome): D1Result<T> => ({
        success: true,
        meta: outcome.meta,
        results: objects(outcome) as T[],
      }),
    )
  } catch (err) {
    throw d1Error('D1_ERROR', d1Message(err))
  }
}

const bookmarkOf = (commits: number) =>
  `00000000-${commits.toString(16).padStart(8, '0')}-00000000-${'0'.repeat(32)}`

/** A session (D1's read-replication API): one SQLite file has one copy, so it is always fresh. */
export class SqliteD1DatabaseSession implements D1DatabaseSession {
  readonly #engine: D1Engine
  #bookmark: string | null

  constructor(engine: D1Engine, constraintOrBookmark: string) {
    this.#engine = engine
    this.#bookmark =
      constraintOrBookmark === 'first-primary' || constraintOrBookmark === 'first-unconstrained'
        ? null
        : constraintOrBookmark
  }

  /** @internal a statement of this session ran: the bookmark moves on, never back */
  saw(engine: D1Engine) {
    const next = bookmarkOf(engine.commits)
    if (this.#bookmark === null || this.#bookmark.localeCompare(next) < 0) this.#bookmark = next
  }

  prepare(query: string): SqliteD1PreparedStatement {
    return new SqliteD1PreparedStatement(this.#engine, this, query)
  }

  async batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    const results = await runBatch<T>(this.#engine, statements)
    this.saw(this.#engine)
    return results
  }

  getBookmark(): string | null {
    return this.#bookmark
  }
}

/**
 * The D1 binding over an open better-sqlite3 connection (see server/database.ts for opening it
 * with D1's settings), or over the server's database thread (server/d1-thread.ts).
 * @example const DB = new SqliteD1Database(openDatabase('data/jushou.sqlite'))
 */
export class SqliteD1Database implements D1Database {
  readonly #engine: D1Engine

  constructor(connection: Database.Database | D1Engine) {
    this.#engine =
      'batch' in connection && 'commits' in connection ? connection : localEngine(connection)
  }

  prepare(query: string): SqliteD1PreparedStatement {
    return new SqliteD1PreparedStatement(this.#engine, null, query)
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return runBatch<T>(this.#engine, statements)
  }

  /** Statements one per line (as D1 splits them), all in one transaction. */
  async exec(query: string): Promise<D1ExecResult> {
    const lines = query.trim().split('\n')
    const live = lines.filter((line) => !isBlank(line))
    const fail = (message: string) => {
      const text = `Error in line 1: ${lines[0]}: ${message}`
      return new Error(`D1_EXEC_ERROR: ${text}`, { cause: new Error(text) })
    }
    if (live.length === 0) throw fail('No SQL statements detected.')
    const started = performance.now()
    try {
      await this.#engine.exec(live)
    } catch (err) {
      throw fail(d1Message(err))
    }
    return { count: live.length, duration: performance.now() - started }
  }

  withSession(constraintOrBookmark?: string): SqliteD1DatabaseSession {
    const value = constraintOrBookmark?.trim() || 'first-unconstrained'
    return new SqliteD1DatabaseSession(this.#engine, value)
  }

  /** The whole database file, as the deprecated D1 dump() gave it. */
  async dump(): Promise<ArrayBuffer> {
    const file = await this.#engine.dump()
    return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer
  }
}
