// Composes the seed modules in scripts/seed/ into one SQL file and runs it on the LOCAL D1.
//
// A seed module is any scripts/seed/<name>.mjs (names starting with `_` are skipped) exporting:
//   export const order = 50            // optional, default 100; core is 0, scale is 900
//   export const seed = (ctx) => [...] // SQL statements (strings), may be async
// ctx = { now, scale, takenCodes, trackingCodes(name), state }:
//   now          epoch ms every module should date its rows from
//   scale        null, or { topics, neighborhoods } when a bench asks for a big data set
//   takenCodes   Set of tracking codes handed out so far (shared, so codes stay unique)
//   trackingCodes(name) → () => 'K7Q-4MX', a deterministic generator that respects takenCodes
//   state        an object modules may use to pass data to later modules (core sets state.core)
// Rules that keep re-seeding idempotent: fixed ids (each module keeps to its own id range in
// shared tables), INSERT OR IGNORE (use insertRows from scripts/lib/sql.mjs), deterministic
// values from rng(name) in scripts/lib/random.mjs, and parents inserted before children
// (D1 enforces foreign keys).
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, executeFile } from './wrangler.mjs'
import { trackingCodes } from './random.mjs'

const SEED_DIR = path.join(ROOT, 'scripts/seed')

/** The seed modules, in run order. */
export const loadSeedModules = async () => {
  const files = fs
    .readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
    .sort()
  const modules = []
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(SEED_DIR, file)).href)
    if (typeof mod.seed !== 'function') throw new Error(`scripts/seed/${file} exports no seed(ctx)`)
    modules.push({ name: file.replace(/\.mjs$/, ''), order: mod.order ?? 100, seed: mod.seed })
  }
  return modules.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
}

/**
 * The whole seed as SQL text, with a count of statements per module.
 * @example const { sql } = await buildSeedSql({ scale: { topics: 10_000, neighborhoods: 20 } })
 */
export const buildSeedSql = async ({ now = Date.now(), scale = null } = {}) => {
  const takenCodes = new Set()
  const ctx = {
    now,
    scale,
    takenCodes,
    trackingCodes: (name) => trackingCodes(name, takenCodes),
    state: {},
  }
  const parts = [`-- jushou demo seed, generated ${new Date(now).toISOString()}. Local D1 only.`]
  const counts = {}
  for (const mod of await loadSeedModules()) {
    const statements = await mod.seed(ctx)
    counts[mod.name] = statements.length
    if (statements.length) parts.push(`-- ── ${mod.name} ──`, ...statements)
  }
  return { sql: `${parts.join('\n')}\n`, counts }
}

/**
 * Writes the seed to `<persistTo or .wrangler>/seed/demo.sql` and executes it on the local D1.
 * @example await seedLocal({ persistTo: tmpDir })
 */
export const seedLocal = async ({ persistTo, scale = null, now, log = () => {} } = {}) => {
  const { sql, counts } = await buildSeedSql({ now, scale })
  const dir = path.join(persistTo ?? path.join(ROOT, '.wrangler'), 'seed')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, scale ? 'scale.sql' : 'demo.sql')
  fs.writeFileSync(file, sql)
  log(
    `seed: ${Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([m, n]) => `${m} ${n} statements`)
      .join(', ')} → ${file.startsWith(ROOT) ? path.relative(ROOT, file) : file}`,
  )
  await executeFile(file, { persistTo })
  return { file, counts }
}
