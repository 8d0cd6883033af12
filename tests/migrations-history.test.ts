/// <reference types="vite/client" />
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import lock from '../migrations/lock.json'

// Applied migrations are history: D1 applies a migration once, by name, so an edit never reaches
// a database that applied the file before (0004_topic_tokens.sql was edited twice after it
// landed; 0006 had to converge the three versions). migrations/lock.json holds each file's
// SHA-256 as it landed (scripts/lock-migrations.mjs adds entries for new files).

// The files as they are on disk. env.TEST_MIGRATIONS has them split into statements without
// comments, which would not hash to what landed.
const files = import.meta.glob<string>('../migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const sources = new Map(
  Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
)
const locked: Record<string, string> = lock

const sha256 = async (text: string) =>
  Array.from(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
    (b) => b.toString(16).padStart(2, '0'),
  ).join('')

describe('migrations are history', () => {
  it('sees the migrations the tests apply', () => {
    expect([...sources.keys()].sort()).toEqual(env.TEST_MIGRATIONS.map((m) => m.name).sort())
  })

  it('no migration differs from its entry in migrations/lock.json', async () => {
    const problems: string[] = []
    for (const [name, text] of sources) {
      if (!(name in locked))
        problems.push(
          `${name} has no entry in migrations/lock.json: a new migration? ` +
            'Run npm run migrations:lock',
        )
      else if ((await sha256(text)) !== locked[name])
        problems.push(
          `${name} differs from migrations/lock.json: applied migrations are history, ` +
            'restore it and add a new migration instead',
        )
    }
    expect(problems).toEqual([])
  })

  it('no locked migration is gone', () => {
    const gone = Object.keys(locked).filter((name) => !sources.has(name))
    const problems = gone.map(
      (name) =>
        `${name} is in migrations/lock.json but gone: applied migrations are history, ` +
        'restore it and add a new migration instead',
    )
    expect(problems).toEqual([])
  })
})
