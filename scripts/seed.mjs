#!/usr/bin/env node
// `npm run db:seed`: seeds the demo town into the LOCAL D1, idempotently (fixed ids, INSERT OR
// IGNORE). Refuses --remote: demo users and passwords must never reach a real database.
//
//   node scripts/seed.mjs                       # .wrangler/state (what `npm start` serves)
//   node scripts/seed.mjs --persist-to DIR      # another local state dir
//   node scripts/seed.mjs --migrate             # apply migrations first
//   node scripts/seed.mjs --scale-topics 10000 --scale-neighborhoods 20   # bench-sized data
//   node scripts/seed.mjs --print               # write the SQL to stdout, touch no database
import { parseArgs } from 'node:util'
import { seedLocal, seedStatements } from './lib/seed-runner.mjs'
import { applyMigrations } from './lib/wrangler.mjs'

if (process.argv.some((a) => a === '--remote' || a.startsWith('--remote=') || a === '--preview')) {
  console.error(
    'seed: refusing --remote. The demo seed (with its demo passwords) is for the local D1 only.\n' +
      'Create the first real admin with: node scripts/create-admin.mjs --remote --username NAME',
  )
  process.exit(2)
}

const { values } = parseArgs({
  options: {
    'persist-to': { type: 'string' },
    migrate: { type: 'boolean', default: false },
    'scale-topics': { type: 'string' },
    'scale-neighborhoods': { type: 'string' },
    print: { type: 'boolean', default: false },
  },
})
const scale =
  values['scale-topics'] || values['scale-neighborhoods']
    ? {
        topics: Number(values['scale-topics'] ?? 10_000),
        neighborhoods: Number(values['scale-neighborhoods'] ?? 20),
      }
    : null

if (values.print) {
  for await (const statement of seedStatements({ scale })) process.stdout.write(`${statement}\n`)
} else {
  const persistTo = values['persist-to']
  if (values.migrate) await applyMigrations({ persistTo })
  const started = Date.now()
  await seedLocal({ persistTo, scale, log: console.log })
  console.log(`seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s (existing rows kept)`)
}
