// WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the commit
// that crosses 1,000 WAL pages: that request copies the pages into the file and syncs it, on
// the event loop every request waits on. Filing a need writes about 100 pages (the look-alike
// index puts its ~70 tokens on as many pages), so every tenth submit paid for one: 1.5 ms of a
// 3 ms commit, measured. Here a worker thread with a connection of its own checkpoints (PASSIVE:
// it never blocks the writer or readers) every `intervalMs`, and each page is copied once per
// interval however often it changed. Should the thread die, the server's connections checkpoint
// on commit again.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** What writes to the file: the server's own connection, and its database thread. */
export type Writer = { autocheckpoint(pages: number): void }

/** A better-sqlite3 connection as a Writer (a closed one has nothing left to set). */
export const connectionWriter = (sqlite: Database.Database): Writer => ({
  autocheckpoint: (pages) => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${pages}`)
  },
})

/** SQLite's default: the main connection checkpoints at this many WAL pages when on its own. */
const AUTOCHECKPOINT_PAGES = 1000
/** The WAL size past which a checkpoint makes writers wait so the file can start over. */
const WAL_CAP_BYTES = 512 * 2 ** 20

// A CommonJS script (eval: true): better-sqlite3 by the path the server itself loads.
//
// A PASSIVE checkpoint copies what it finds while writers go on adding to the WAL. Under a steady
// write load it never catches up, so SQLite never starts the WAL over and the file grows by every
// commit: 1.29 GB over 3,000 filed needs, measured. Past WAL_CAP_BYTES the thread checkpoints
// with RESTART instead, which holds writers off until it is done, and the next commit starts the
// file over (journal_size_limit then trims it). Between bursts the WAL starts over by itself.
const WORKER = `
const fs = require('node:fs')
const { workerData, parentPort } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { timeout: 5000 })
const walSize = () => { try { return fs.statSync(workerData.file + '-wal').size } catch { return 0 } }
const checkpoint = () => {
  const mode = walSize() > workerData.capBytes ? 'RESTART' : 'PASSIVE'
  try { db.pragma('wal_checkpoint(' + mode + ')') } catch (err) { parentPort.postMessage(String(err)) }
}
setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', (m) => { if (m === 'stop') { checkpoint(); db.close(); process.exit(0) } })
`

export type Checkpointer = {
  stop(): Promise<void>
  /** The thread itself (tests end it to see the fallback). */
  thread?: Worker
}

/**
 * Starts checkpointing `file` from a worker thread, and turns the automatic checkpoint of
 * `writers` (the server's connections to the same file) off while it runs.
 * @example const checkpoints = startCheckpointer([connectionWriter(sqlite)], config.database)
 */
export const startCheckpointer = (
  writers: Writer[],
  file: string,
  {
    intervalMs = 1000,
    capBytes = WAL_CAP_BYTES,
    log = console.error as (line: string) => void,
  }: { intervalMs?: number; capBytes?: number; log?: (line: string) => void } = {},
): Checkpointer => {
  if (file === ':memory:') return { stop: async () => {} }
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver, intervalMs, capBytes },
    // It only checkpoints: a small heap (the thread adds ~7 MiB to the server at start).
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  })
  worker.unref()
  const setAutocheckpoint = (pages: number) => {
    for (const writer of writers) writer.autocheckpoint(pages)
  }
  setAutocheckpoint(0)
  let stopping = false
  const exited = new Promise<void>((resolve) =>
    worker.on('exit', () => {
      setAutocheckpoint(AUTOCHECKPOINT_PAGES)
      if (!stopping) log('jushou: the checkpoint thread stopped; checkpointing on commit again')
      resolve()
    }),
  )
  worker.on('message', (m) => log(`jushou: checkpoint: ${m}`))
  worker.on('error', (err) => log(`jushou: checkpoint thread: ${err}`))
  return {
    thread: worker,
    stop: async () => {
      stopping = true
      worker.postMessage('stop')
      await exited
    },
  }
}
