// Online backups of the Node home's database: SQLite's backup API copies the file while the
// server keeps serving (WAL: the copy is one consistent snapshot, writers are not held up), and
// the copy is checked before it is kept. Restoring writes a checked backup back through the same
// API, so the WAL of the target is handled by SQLite, not by copying files around.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** `2026-12-05T031502Z`: sortable, and a legal file name everywhere. */
export const backupStamp = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace(/^(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')

/** Throws unless `file` is a sound SQLite database. */
export const checkDatabase = (file: string) => {
  const copy = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const result = copy.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new Error(`${file} failed the integrity check: ${result}`)
  } finally {
    copy.close()
  }
}

/**
 * Copies `source` into `dir` as jushou-<UTC date and time>.sqlite (a single self-contained file)
 * and checks the copy. Safe while the server runs.
 * @example const { file } = await backupDatabase('data/jushou.sqlite', 'backups')
 */
export const backupDatabase = async (source: string, dir: string, { now = new Date() } = {}) => {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `jushou-${backupStamp(now)}.sqlite`)
  if (fs.existsSync(file)) throw new Error(`${file} exists already`)
  const sqlite = new Database(source, { fileMustExist: true, timeout: 5_000 })
  try {
    // All pages in one step: one read transaction, so the copy is one snapshot and a busy
    // server cannot make the copy start over.
    await sqlite.backup(file, { progress: () => 1_000_000_000 })
  } finally {
    sqlite.close()
  }
  // The copy takes the source's WAL mode; as a file to keep it should stand alone.
  const copy = new Database(file)
  copy.pragma('journal_mode = DELETE')
  copy.close()
  checkDatabase(file)
  return { file, bytes: fs.statSync(file).size }
}

/**
 * Replaces the database at `target` with the backup `file` (checked first). Stop the server
 * before restoring: it would go on from what it had in memory.
 * @example await restoreDatabase('backups/jushou-2026-12-05T031502Z.sqlite', 'data/jushou.sqlite')
 */
export const restoreDatabase = async (file: string, target: string) => {
  checkDatabase(file)
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
  const backup = new Database(file, { readonly: true, fileMustExist: true })
  try {
    await backup.backup(target, { progress: () => 1_000_000_000 })
  } finally {
    backup.close()
  }
  checkDatabase(target)
}
