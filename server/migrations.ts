// migrations/*.sql applied to the Node home's SQLite file exactly as `wrangler d1 migrations
// apply` applies them to D1: the same `d1_migrations` table (wrangler's own DDL), the same order
// (by the number before the first `_`), each file cut into statements as wrangler cuts it
// (server/sql-split.ts: the same sqlite_schema text) and run with its row in that table in one
// transaction.
// A file copied between the homes (a D1 export imported here, this file imported into D1) is
// therefore at the same state for both tools.
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { splitSqlQuery } from './sql-split'

/** wrangler's default `migrations_table`. */
export const MIGRATIONS_TABLE = 'd1_migrations'

// Word for word what wrangler runs (src/d1/migrations/helpers.ts, initMigrationsTable).
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE}(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`

/** The migration files of `dir`, in the order wrangler applies them. */
export const migrationFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .sort((a, b) => Number.parseInt(a.split('_')[0], 10) - Number.parseInt(b.split('_')[0], 10))

/** Names of the migrations already applied to `sqlite`, oldest first. */
export const appliedMigrations = (sqlite: Database.Database): string[] => {
  sqlite.exec(CREATE_TABLE)
  return sqlite
    .prepare<[], string>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)
    .pluck()
    .all()
}

/**
 * Applies the migrations of `dir` that `sqlite` has not seen; returns their names. A failing
 * migration leaves nothing of itself behind and stops the run (its error is thrown).
 * @example applyMigrations(sqlite, 'migrations') // ['0001_foundation.sql', …] on a new file
 */
export const applyMigrations = (
  sqlite: Database.Database,
  dir: string,
  { log = (_line: string) => {} } = {},
): string[] => {
  const applied = new Set(appliedMigrations(sqlite))
  const record = sqlite.prepare<[string]>(`INSERT INTO ${MIGRATIONS_TABLE} (name) values (?)`)
  const done: string[] = []
  for (const name of migrationFiles(dir)) {
    if (applied.has(name)) continue
    const text = fs.readFileSync(path.join(dir, name), 'utf8')
    try {
      sqlite
        .transaction(() => {
          for (const statement of splitSqlQuery(text)) sqlite.exec(statement)
          record.run(name)
        })
        .immediate()
    } catch (err) {
      throw new Error(`migration ${name} failed: ${err instanceof Error ? err.message : err}`, {
        cause: err,
      })
    }
    log(`applied ${name}`)
    done.push(name)
  }
  return done
}
