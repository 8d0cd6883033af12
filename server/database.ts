// Opening the SQLite file of the Node home with the settings D1 runs with: foreign keys
// enforced, LIKE/GLOB held to D1's pattern limit; plus WAL, so readers never wait for the writer
// and a backup can copy the file while the server runs.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { registerPatternFunctions } from './like'

/** How long a statement waits for another process's write lock before failing (SQLITE_BUSY). */
const BUSY_TIMEOUT_MS = 5_000

/**
 * Opens (creating it and its folder if needed) the database file.
 * @example const sqlite = openDatabase('data/jushou.sqlite')
 */
export const openDatabase = (file: string, { readonly = false } = {}) => {
  if (file !== ':memory:' && !readonly)
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS, readonly, fileMustExist: readonly })
  if (!readonly) {
    sqlite.pragma('journal_mode = WAL')
    // WAL + NORMAL: a crash of the process loses nothing; a power cut may lose the last commits,
    // never consistency.
    sqlite.pragma('synchronous = NORMAL')
    // WAL checkpoints run from a thread (server/checkpoint.ts); after a burst of writes, the next
    // write that starts the WAL over trims the file back to this size.
    sqlite.pragma(`journal_size_limit = ${64 * 2 ** 20}`)
  }
  sqlite.pragma('foreign_keys = ON')
  // A write inside a batch keeps the pages it changes in a statement journal, so that it alone
  // can be undone; past 64 KiB SQLite spills that journal to a temporary file, one write() per
  // page. A filed need's look-alike tokens always spilled: 14% of the server's CPU under a submit
  // load went to those calls. In memory they cost a copy; sorts and temporary tables live there too.
  sqlite.pragma('temp_store = MEMORY')
  registerPatternFunctions(sqlite)
  return sqlite
}
