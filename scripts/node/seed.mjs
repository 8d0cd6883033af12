// The demo seed (scripts/seed/*.mjs, composed by scripts/lib/seed-runner.mjs) applied to the Node
// home's SQLite file instead of the local D1: the same SQL, in one transaction.
import { buildSeedSql } from '../lib/seed-runner.mjs'

/**
 * Seeds an open better-sqlite3 connection (migrations applied); idempotent like the D1 seed.
 * @example await seedSqlite(sqlite, { scale: { topics: 10_000, neighborhoods: 20 } })
 */
export const seedSqlite = async (sqlite, { scale = null, now, log = () => {} } = {}) => {
  const { sql, counts } = await buildSeedSql({ now, scale })
  sqlite.transaction(() => sqlite.exec(sql)).immediate()
  log(
    `seed: ${Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([m, n]) => `${m} ${n} statements`)
      .join(', ')}`,
  )
  return { counts }
}

// The demo's password and channels, for tests of the Node home (typed in seed.d.mts).
export { CHANNELS, DEMO_PASSWORD } from '../seed/core.mjs'
