#!/usr/bin/env node
// Locks migrations: migrations/lock.json holds the SHA-256 of every migrations/*.sql as it landed,
// and tests/migrations-history.test.ts fails when a file no longer matches its entry.
//
//   npm run migrations:lock      # after adding a migration: adds its entry
//
// Applied migrations are history: D1 applies a migration once, by name, so an edit never reaches
// a database that already applied the file. This adds entries for new files only; it refuses to
// change or drop an existing entry (and then writes nothing).
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'

const dir = new URL('../migrations/', import.meta.url)
const lockUrl = new URL('lock.json', dir)

const lock = existsSync(lockUrl) ? JSON.parse(readFileSync(lockUrl, 'utf8')) : {}
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.sql'))
  .sort()
const sha256 = (name) =>
  createHash('sha256')
    .update(readFileSync(new URL(name, dir)))
    .digest('hex')

const refusals = []
const added = []
for (const name of files) {
  const hash = sha256(name)
  if (!(name in lock)) added.push([name, hash])
  else if (lock[name] !== hash)
    refusals.push(
      `${name} differs from its entry in migrations/lock.json. Applied migrations are history: ` +
        `restore it (git checkout -- migrations/${name}) and put the change in a new migration.`,
    )
}
for (const name of Object.keys(lock))
  if (!files.includes(name))
    refusals.push(
      `${name} is in migrations/lock.json but not in migrations/. Applied migrations are ` +
        'history: restore it; undo what it did in a new migration instead.',
    )

if (refusals.length) {
  for (const r of refusals) console.error(`migrations:lock: ${r}`)
  console.error('migrations:lock: refusing to change existing entries; lock.json left as it was.')
  process.exit(1)
}
if (!added.length) {
  console.log(`migrations:lock: all ${files.length} migrations already locked.`)
  process.exit(0)
}
for (const [name, hash] of added) lock[name] = hash
const sorted = Object.fromEntries(
  Object.keys(lock)
    .sort()
    .map((name) => [name, lock[name]]),
)
writeFileSync(lockUrl, `${JSON.stringify(sorted, null, 2)}\n`)
for (const [name] of added) console.log(`migrations:lock: locked ${name}`)
