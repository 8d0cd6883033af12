#!/usr/bin/env node
// `npm run backup:node`: an online, consistent copy of the Node home's database (SQLite's backup
// API, safe while the server runs), checked, named with the UTC date and time.
//
//   npm run backup:node                                   # data/jushou.sqlite → backups/jushou-2026-12-05T031502Z.sqlite
//   npm run backup:node -- --dir /srv/backups --keep 14   # keep the newest 14 in that folder
//   npm run backup:node -- --restore backups/jushou-2026-12-05T031502Z.sqlite   # server stopped!
// The database is JUSHOU_DATABASE (default data/jushou.sqlite), as for the server.
// In production without npm: `node dist-node/server.mjs backup --dir …` / `… restore FILE`.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './lib/wrangler.mjs'
import { importBundle } from './node/server.mjs'

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: process.env.JUSHOU_BACKUP_DIR || 'backups' },
    keep: { type: 'string' },
    restore: { type: 'string' },
  },
})
const bundle = await importBundle()
const config = bundle.loadConfig()

if (values.restore) {
  await bundle.restoreDatabase(path.resolve(values.restore), config.database)
  console.log(`restore: ${config.database} now holds ${values.restore} (integrity ok)`)
  process.exit(0)
}

const dir = path.resolve(ROOT, values.dir)
if (!fs.existsSync(dir) && dir.startsWith(ROOT)) {
  fs.mkdirSync(dir, { recursive: true })
  // Copies of the database are data, never committed.
  fs.writeFileSync(path.join(dir, '.gitignore'), '*\n')
}
const started = Date.now()
const { file, bytes } = await bundle.backupDatabase(config.database, dir)
console.log(
  `backup: ${path.relative(process.cwd(), file)} (${(bytes / 1024 / 1024).toFixed(1)} MiB, integrity ok) in ${Date.now() - started} ms`,
)
if (values.keep) {
  const keep = Number(values.keep)
  const old = fs
    .readdirSync(dir)
    .filter((f) => /^jushou-.*\.sqlite$/.test(f))
    .sort()
    .slice(0, -keep)
  for (const f of old) fs.rmSync(path.join(dir, f))
  if (old.length) console.log(`backup: removed ${old.length} older (kept ${keep})`)
}
