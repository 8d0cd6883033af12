#!/usr/bin/env node
// `npm start`: migrations → demo seed (idempotent) → admin build → wrangler dev on :8787,
// then prints where to go and how to sign in. Everything is local (.wrangler/state).
//
//   npm start                      # the usual
//   npm start -- --port 8788       # another port
//   npm start -- --no-build        # skip the admin build (serve whatever dist/admin holds)
//   npm start -- --no-seed         # migrations only
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { ROOT, applyMigrations } from './lib/wrangler.mjs'
import { seedLocal } from './lib/seed-runner.mjs'
import { portInUse, startDev } from './lib/dev-server.mjs'
import { CHANNELS, DEMO_PASSWORD, DEMO_USERS, NEIGHBORHOODS, TOWN } from './seed/core.mjs'
import { PARTNER_LOGIN } from './seed/partners.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    seed: { type: 'boolean', default: true },
    'no-seed': { type: 'boolean', default: false },
  },
})
const port = Number(values.port)
const step = (text) => console.log(`\n▶ ${text}`)

if (await portInUse(port)) {
  console.error(
    `Port ${port} is already in use (another \`npm start\`?). Stop it, or: npm start -- --port 8788`,
  )
  process.exit(1)
}

step('Applying migrations to the local D1 (.wrangler/state)')
await applyMigrations({ echo: false }).then(({ stdout }) =>
  console.log(stdout.includes('No migrations to apply') ? '  up to date' : '  applied'),
)

if (values.seed && !values['no-seed']) {
  step('Seeding the demo town 大场镇 (idempotent: existing rows are kept)')
  await seedLocal({ log: (line) => console.log(`  ${line}`) })
}

let adminNote = ''
if (values.build && !values['no-build']) {
  if (fs.existsSync(path.join(ROOT, 'admin/vite.config.ts'))) {
    step('Building the admin (npm run build:admin)')
    const build = spawnSync('npm', ['run', '--silent', 'build:admin'], {
      cwd: ROOT,
      stdio: 'inherit',
    })
    if (build.status !== 0) {
      adminNote = '⚠ The admin build FAILED (see above); /admin/ serves the previous build, if any.'
      console.error(`  ${adminNote}`)
    }
  } else adminNote = '⚠ admin/ is not there yet; /admin/ has nothing to serve.'
}

step(`Starting wrangler dev on http://localhost:${port}`)
// --test-scheduled: the cron job (worker/scheduled.ts) can be run by hand at /__scheduled.
const dev = await startDev({
  port,
  ip: 'localhost',
  host: 'localhost',
  log: 'inherit',
  logLevel: 'info',
  extraArgs: ['--test-scheduled'],
})
// Local data from before the look-alike index (migration 0004) gets its tokens now, as the cron
// job would do in production every 10 minutes.
await fetch(
  `http://localhost:${port}/__scheduled?cron=${encodeURIComponent('*/10 * * * *')}`,
).catch((err) =>
  console.error(
    `  ⚠ the upkeep job did not run (${err.message}); similar-topic hints may miss old local topics`,
  ),
)

const base = `http://localhost:${port}`
const hood = NEIGHBORHOODS[0]
const qr = CHANNELS.find((c) => c.neighborhoodId === hood.id && c.kind === 'qr')
const logins = DEMO_USERS.map((u) => {
  const scope = u.role === 'admin' ? '全部' : u.role === 'town' ? '大场镇' : hood.name
  return `    ${u.username.padEnd(8)} ${DEMO_PASSWORD}   ${u.role.padEnd(7)} ${scope}`
})
logins.push(
  `    ${PARTNER_LOGIN.username.padEnd(8)} ${DEMO_PASSWORD}   partner ${PARTNER_LOGIN.displayName}（共建单位）`,
)
console.log(`
┌─ jushou 举手 is running ─────────────────────────────────────────────
│  Admin (staff)      ${base}/admin/
│  Resident board     ${base}/b/${hood.slug}        (${hood.name})
│  QR needs form      ${base}/q/${qr.code}            (${qr.label})
│  Web needs form     ${base}/n/${hood.slug}/new
│  Needs list (认领)  ${base}/h/${TOWN.id}            (${TOWN.name}需求清单)
│  Health             ${base}/healthz
│  API                ${base}/api/auth/me
│
│  Demo logins (local only):
│    user     password      role    scope
${logins.map((l) => `│${l}`).join('\n')}
${adminNote ? `│\n│  ${adminNote}\n` : ''}└─ Ctrl-C stops it. Data lives in .wrangler/state (delete it to start over).
`)

let stopping = false
const shutdown = async () => {
  stopping = true
  await dev.stop()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
const code = await dev.exited
if (stopping) await new Promise(() => {}) // shutdown() exits
console.error(`wrangler dev exited (${code})`)
process.exit(typeof code === 'number' ? code : 1)
