// The Node home's database thread. better-sqlite3 runs each statement synchronously, so on the
// event loop a filed need's batch (~2 ms of SQLite, most of it the commit) held up every other
// request's parsing, routing and rendering. Here the connection lives in a worker thread of its
// own (server/d1-thread-main.ts) and the D1 binding sends it statements: SQLite and JavaScript
// run on two cores, and the thread still runs one batch at a time, as D1 does.
//
// The thread's script is the bundle of d1-thread-main.ts that scripts/node/bundle.mjs builds into
// the server's bundle (`bundledThreadScript`); run from source (tests, scripts) the server keeps
// its connection on the event loop unless given a script.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import { type Bound, type D1Engine, Engine, type Outcome, type Statement } from './d1-engine'

declare const __JUSHOU_DB_THREAD__: string | undefined

/** The database thread's script when this is the built server (scripts/node/bundle.mjs). */
export const bundledThreadScript: string | null =
  typeof __JUSHOU_DB_THREAD__ === 'string' ? __JUSHOU_DB_THREAD__ : null

/** What the thread is asked: a D1 call, a PRAGMA on its connection, or to close. */
type Ask =
  | { op: 'run'; sql: string; values: Bound[] }
  | { op: 'batch'; list: Statement[] }
  | { op: 'exec'; lines: string[] }
  | { op: 'dump' }
  | { op: 'pragma'; source: string }
  | { op: 'close' }
export type ThreadRequest = { id: number } & Ask

/** Its answer; a failure carries SQLite's error already worded as D1 words it. */
export type ThreadReply = { id: number; commits: number } & (
  | { ok: true; result: unknown }
  | { ok: false; message: string }
)

export type DatabaseThread = D1Engine & {
  /** A PRAGMA on the thread's connection, its rows. */
  pragma(source: string): Promise<unknown>
  /** SQLite's automatic checkpoint of the thread's connection, now and in threads to come. */
  autocheckpoint(pages: number): void
  /** Closes the connection and ends the thread. */
  close(): Promise<void>
  /** The thread now running, if one is (tests end it to see what follows). */
  readonly running: Worker | null
}

type Waiting = { worker: Worker; resolve: (value: never) => void; reject: (err: Error) => void }

/** How long the thread stays after its last call: idle, the server holds ~7 MiB less. */
const IDLE_MS = 10_000

/**
 * Answers D1 calls from a thread running `script` with its own connection to `file` (opened with
 * server/database.ts's settings), one call at a time, in order. The thread starts with the first
 * call and ends after `idleMs` without one. If it dies, what was waiting fails and the next call
 * starts another.
 * @example const DB = new SqliteD1Database(startDatabaseThread('data/jushou.sqlite', script))
 */
export const startDatabaseThread = (
  file: string,
  script: string,
  { log = console.error as (line: string) => void, idleMs = IDLE_MS } = {},
): DatabaseThread => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const waiting = new Map<number, Waiting>()
  let next = 0
  let commits = 0
  let autocheckpoint: number | null = null
  let current: Worker | null = null
  let idle: ReturnType<typeof setTimeout> | undefined
  const retiring = new WeakSet<Worker>()

  const retire = (worker: Worker) => {
    if (current === worker) current = null
    retiring.add(worker)
    worker.postMessage({ id: -1, op: 'close' } satisfies ThreadRequest)
  }

  const spawn = () => {
    // Each thread counts its own commits from 0; the bookmarks count on from the last one's.
    const base = commits
    const worker = new Worker(script, { eval: true, workerData: { file, driver, autocheckpoint } })
    // Held only while a call waits: an idle thread does not keep the process alive.
    worker.unref()
    worker.on('message', (reply: ThreadReply) => {
      commits = Math.max(commits, base + reply.commits)
      const call = waiting.get(reply.id)
      if (!call) return
      waiting.delete(reply.id)
      if (reply.ok) call.resolve(reply.result as never)
      else call.reject(new Error(reply.message))
      if (waiting.size > 0) return
      worker.unref()
      clearTimeout(idle)
      idle = setTimeout(() => waiting.size === 0 && retire(worker), idleMs)
      idle.unref()
    })
    worker.on('error', (err) => log(`jushou: database thread: ${err.stack ?? err}`))
    worker.on('exit', () => {
      if (current === worker) current = null
      if (!retiring.has(worker))
        log('jushou: the database thread stopped; the next call starts another')
      for (const [id, call] of waiting)
        if (call.worker === worker) {
          waiting.delete(id)
          call.reject(new Error('the database thread stopped'))
        }
    })
    return worker
  }

  const call = <T>(request: Ask): Promise<T> => {
    clearTimeout(idle)
    current ??= spawn()
    const worker = current
    const id = next++
    return new Promise<T>((resolve, reject) => {
      worker.ref()
      waiting.set(id, { worker, resolve, reject } as Waiting)
      worker.postMessage({ ...request, id } as ThreadRequest)
    })
  }

  return {
    run: (sql, values) => call<Outcome>({ op: 'run', sql, values }),
    batch: (list) => call<Outcome[]>({ op: 'batch', list }),
    exec: (lines) => call<void>({ op: 'exec', lines }),
    dump: () => call<Uint8Array>({ op: 'dump' }),
    pragma: (source) => call<unknown>({ op: 'pragma', source }),
    autocheckpoint(pages) {
      autocheckpoint = pages
      current?.postMessage({ id: -1, op: 'pragma', source: `wal_autocheckpoint = ${pages}` })
    },
    get commits() {
      return commits
    },
    get running() {
      return current
    },
    close: async () => {
      clearTimeout(idle)
      const worker = current
      if (!worker) return
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      retire(worker)
      await exited
    },
  }
}

/**
 * The server's engine: what only reads runs at once on `sqlite`, the server's own connection to
 * the same file (WAL: it sees every commit the thread has made, without waiting for its lock);
 * what writes goes to the thread. A page read needs no hop between threads, and a read never
 * queues behind a commit.
 * @example const DB = new SqliteD1Database(readsHereWritesThere(sqlite, startDatabaseThread(file, script)))
 */
export const readsHereWritesThere = (
  sqlite: Database.Database,
  thread: DatabaseThread,
): D1Engine => {
  const here = new Engine(sqlite)
  // D1 answers a read with its connection's last insert rowid: here, the thread's.
  let lastRowId = 0
  const remember = <T extends Outcome | Outcome[]>(outcome: T) => {
    const last = Array.isArray(outcome) ? outcome.at(-1) : (outcome as Outcome)
    if (last) lastRowId = last.meta.last_row_id
    return outcome
  }
  // The file's size as `here` last read it is stale once the thread has written.
  const written = <T>(work: Promise<T>) => work.finally(() => here.forgetSize())
  const read = (outcome: Outcome): Outcome => ({
    ...outcome,
    meta: { ...outcome.meta, last_row_id: lastRowId },
  })
  return {
    run: async (sql, values) =>
      here.readsOnly(sql)
        ? read(here.run(sql, values))
        : written(thread.run(sql, values)).then(remember),
    batch: async (list) =>
      list.every((s) => here.readsOnly(s.sql))
        ? here.batch(list, { reads: true }).map(read)
        : written(thread.batch(list)).then(remember),
    exec: (lines) => written(thread.exec(lines)),
    dump: () => thread.dump(),
    get commits() {
      return thread.commits
    },
  }
}
