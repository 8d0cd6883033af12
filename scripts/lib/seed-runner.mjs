// Composes the seed modules in scripts/seed/ into SQL and runs it on the LOCAL D1.
//
// A seed module is any scripts/seed/<name>.mjs (names starting with `_` are skipped) exporting:
//   export const order = 50            // optional, default 100; core is 0, scale is 900
//   export const seed = (ctx) => [...] // SQL statements (strings): an array or an (async)
//                                      // iterable, which may be returned from an async function
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
 * The seed's statements in run order, as each module makes them: a module's seed(ctx) may return
 * an array or an (async) iterable, so a big one (scale.mjs at a million topics) is made chunk by
 * chunk and never held whole. `counts` fills in as modules finish.
 * @example for await (const sql of seedStatements({ scale }, counts)) run(sql)
 */
export async function* seedStatements({ now = Date.now(), scale = null } = {}, counts = {}) {
  const takenCodes = new Set()
  const ctx = {
    now,
    scale,
    takenCodes,
    trackingCodes: (name) => trackingCodes(name, takenCodes),
    state: {},
  }
  yield `-- jushou demo seed, generated ${new Date(now).toISOString()}. Local D1 only.`
  for (const mod of await loadSeedModules()) {
    counts[mod.name] = 0
    let first = true
    for await (const statement of await mod.seed(ctx)) {
      if (first) yield `-- ── ${mod.name} ──`
      first = false
      counts[mod.name]++
      yield statement
    }
  }
}

/** What a seed did, for the log: statements per module. */
export const describeCounts = (counts) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([m, n]) => `${m} ${n} statements`)
    .join(', ')

/** `wrangler d1 execute --file` reads its file whole: a big seed goes in files of about this size. */
const FILE_BYTES = 48 * 1024 * 1024

/**
 * Writes the seed to `<persistTo or .wrangler>/seed/demo.sql` (a big scale: scale-001.sql, …,
 * each at most ~48 MB) and executes the file(s) in order on the local D1.
 * @example await seedLocal({ persistTo: tmpDir })
 */
export const seedLocal = async ({ persistTo, scale = null, now, log = () => {} } = {}) => {
  const dir = path.join(persistTo ?? path.join(ROOT, '.wrangler'), 'seed')
  fs.mkdirSync(dir, { recursive: true })
  const counts = {}
  const files = []
  let fd = null
  let bytes = 0
  const open = () => {
    const file = path.join(
      dir,
      scale ? `scale-${String(files.length + 1).padStart(3, '0')}.sql` : 'demo.sql',
    )
    files.push(file)
    fd = fs.openSync(file, 'w')
    bytes = 0
  }
  for await (const statement of seedStatements({ now, scale }, counts)) {
    if (fd === null || (scale && bytes > FILE_BYTES)) {
      if (fd !== null) fs.closeSync(fd)
      open()
    }
    const text = `${statement}\n`
    fs.writeSync(fd, text)
    bytes += Buffer.byteLength(text)
  }
  fs.closeSync(fd)
  const shown = (f) => (f.startsWith(ROOT) ? path.relative(ROOT, f) : f)
  log(
    `seed: ${describeCounts(counts)} → ${files.length === 1 ? shown(files[0]) : `${files.length} files in ${shown(dir)}`}`,
  )
  for (const file of files) await executeFile(file, { persistTo })
  return { file: files[0], files, counts }
}
