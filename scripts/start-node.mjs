#!/usr/bin/env node
// `npm run start:node`: the Node home (server/) as `npm start` is the Workers one — migrations
// to ./data/jushou.sqlite, the demo seed (idempotent), the admin build, the server on :8787,
// then where to go and how to sign in. Same app, same migrations, same demo logins.
//
//   npm run start:node
//   npm run start:node -- --port 8788 --no-build --no-seed
//   npm run start:node -- --database /tmp/other.sqlite
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { ROOT } from './lib/wrangler.mjs'
import { portInUse } from './lib/dev-server.mjs'
import { importBundle } from './node/server.mjs'
import { seedSqlite } from './node/seed.mjs'
import { CHANNELS, DEMO_PASSWORD, DEMO_USERS, NEIGHBORHOODS } from './seed/core.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT || '8787' },
    database: { type: 'string', default: process.env.JUSHOU_DATABASE || 'data/jushou.sqlite' },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    seed: { type: 'boolean', default: true },
    'no-seed': { type: 'boolean', default: false },
  },
})
const port = Number(values.port)
const database = path.resolve(ROOT, values.database)
const step = (text) => console.log(`\n▶ ${text}`)

if (await portInUse(port)) {
  console.error(
    `Port ${port} is already in use (\`npm start\` or another \`npm run start:node\`?). Stop it, or: npm run start:node -- --port 8788`,
  )
  process.exit(1)
}

let adminNote = ''
if (values.build && !values['no-build']) {
  step('Building the admin (npm run build:admin)')
  const build = spawnSync('npm', ['run', '--silent', 'build:admin'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (build.status !== 0) {
    adminNote = '⚠ The admin build FAILED (see above); /admin/ serves the previous build, if any.'
    console.error(`  ${adminNote}`)
  }
}

step('Building the Node server (npm run build:node → dist-node/server.mjs)')
const bundle = await importBundle({ build: true })

step(`Applying migrations to ${path.relative(ROOT, database) || database}`)
const dataDir = path.dirname(database)
if (!fs.existsSync(dataDir) && dataDir.startsWith(ROOT)) {
  fs.mkdirSync(dataDir, { recursive: true })
  // The database is local data, never committed.
  fs.writeFileSync(path.join(dataDir, '.gitignore'), '*\n')
}
const config = bundle.loadConfig({ ...process.env, PORT: String(port), JUSHOU_DATABASE: database })
const sqlite = bundle.openDatabase(database)
const applied = bundle.applyMigrations(sqlite, config.migrationsDir)
console.log(applied.length ? `  applied ${applied.length}: ${applied.join(', ')}` : '  up to date')
if (values.seed && !values['no-seed']) {
  step('Seeding the demo town 大场镇 (idempotent: existing rows are kept)')
  await seedSqlite(sqlite, { log: (line) => console.log(`  ${line}`) })
}
sqlite.close()

step(`Starting the Node server on http://localhost:${port}`)
const home = await bundle.startServer(config)
// As `npm start` does with /__scheduled: topics from before the look-alike index get their tokens.
await home.runCron()

const base = `http://localhost:${port}`
const hood = NEIGHBORHOODS[0]
const qr = CHANNELS.find((c) => c.neighborhoodId === hood.id && c.kind === 'qr')
const logins = DEMO_USERS.map((u) => {
  const scope = u.role === 'admin' ? '全部' : u.role === 'town' ? '大场镇' : hood.name
  return `    ${u.username.padEnd(8)} ${DEMO_PASSWORD}   ${u.role.padEnd(7)} ${scope}`
})
console.log(`
┌─ jushou 举手 is running (Node + SQLite) ─────────────────────────────
│  Admin (staff)      ${base}/admin/
│  Resident board     ${base}/b/${hood.slug}        (${hood.name})
│  QR needs form      ${base}/q/${qr.code}            (${qr.label})
│  Web needs form     ${base}/n/${hood.slug}/new
│  Health             ${base}/healthz
│  API                ${base}/api/auth/me
│
│  Demo logins (local only):
│    user     password      role    scope
${logins.map((l) => `│${l}`).join('\n')}
${adminNote ? `│\n│  ${adminNote}\n` : ''}└─ Ctrl-C stops it. Data lives in ${path.relative(ROOT, database) || database} (delete it to start over).
`)

let stopping = false
const shutdown = async () => {
  if (stopping) return
  stopping = true
  await home.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
