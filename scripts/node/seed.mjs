// The demo seed (scripts/seed/*.mjs, composed by scripts/lib/seed-runner.mjs) applied to the Node
// home's SQLite file instead of the local D1: the same statements, run as they are made and
// committed every few hundred (a district-sized scale is never held whole).
import { describeCounts, seedStatements } from '../lib/seed-runner.mjs'

const PER_COMMIT = 200

/**
 * Seeds an open better-sqlite3 connection (migrations applied); idempotent like the D1 seed.
 * @example await seedSqlite(sqlite, { scale: { topics: 10_000, neighborhoods: 20 } })
 */
export const seedSqlite = async (sqlite, { scale = null, now, log = () => {} } = {}) => {
  const counts = {}
  let pending = 0
  sqlite.exec('BEGIN IMMEDIATE')
  try {
    for await (const statement of seedStatements({ now, scale }, counts)) {
      sqlite.exec(statement)
      if (++pending >= PER_COMMIT) {
        sqlite.exec('COMMIT; BEGIN IMMEDIATE')
        pending = 0
      }
    }
    sqlite.exec('COMMIT')
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    throw err
  }
  log(`seed: ${describeCounts(counts)}`)
  return { counts }
}

// The demo's password and channels, for tests of the Node home (typed in seed.d.mts).
export { CHANNELS, DEMO_PASSWORD } from '../seed/core.mjs'
