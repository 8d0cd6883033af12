// WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the commit
// that crosses 1,000 WAL pages: that request copies the pages into the file and syncs it, on
// the event loop every request waits on. Filing a need writes about 100 pages (the look-alike
// index puts its ~70 tokens on as many pages), so every tenth submit paid for one: 1.5 ms of a
// 3 ms commit, measured. Here a worker thread with a connection of its own checkpoints (PASSIVE:
// it never blocks the writer or readers) every `intervalMs`, and each page is copied once per
// interval however often it changed. Should the thread die, the main connection checkpoints
// itself again.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** SQLite's default: the main connection checkpoints at this many WAL pages when on its own. */
const AUTOCHECKPOINT_PAGES = 1000

// A CommonJS script (eval: true): better-sqlite3 by the path the server itself loads.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { timeout: 5000 })
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (err) { parentPort.postMessage(String(err)) }
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
 * `sqlite` (the server's connection to the same file) off while it runs.
 * @example const checkpoints = startCheckpointer(sqlite, config.database); … await checkpoints.stop()
 */
export const startCheckpointer = (
  sqlite: Database.Database,
  file: string,
  { intervalMs = 1000, log = console.error as (line: string) => void } = {},
): Checkpointer => {
  if (file === ':memory:') return { stop: async () => {} }
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver, intervalMs },
    // It only checkpoints: a small heap (the thread adds ~7 MiB to the server at start).
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  })
  worker.unref()
  sqlite.pragma('wal_autocheckpoint = 0')
  let stopping = false
  const exited = new Promise<void>((resolve) =>
    worker.on('exit', () => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
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
