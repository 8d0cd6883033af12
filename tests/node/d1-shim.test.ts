import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildThreadScript } from '../../scripts/node/bundle.mjs'
import { SqliteD1Database } from '../../server/d1'
import {
  type DatabaseThread,
  readsHereWritesThere,
  startDatabaseThread,
} from '../../server/d1-thread'
import { openDatabase } from '../../server/database'
import { STEPS } from './d1-fixtures'

// The D1 shim against real D1: every step of d1-fixtures.ts runs on D1 inside workerd (miniflare,
// the same local D1 as `wrangler dev`) and on the shim over better-sqlite3, in the same order from
// empty databases, and must answer the same: results, errors (message and cause), and meta
// (changes, last_row_id, changed_db exactly; duration, size_after, rows_read, rows_written, which
// measure each engine, by type). D1 names a syntax error's byte offset (" at offset N"), which
// better-sqlite3 cannot tell: that part of a message is not compared. The steps run a third time
// on the server's arrangement: reads on this thread's connection, writes in the database thread
// (server/d1-thread.ts, as bundled), over a file.

type Outcome = { value: unknown } | { error: { message: string; cause?: string } }

const MEASURED = ['duration', 'size_after', 'rows_read', 'rows_written', 'served_by']

const normalize = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(normalize)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      if (key === 'meta' && v && typeof v === 'object') {
        const meta: Record<string, unknown> = {}
        for (const [k, m] of Object.entries(v)) meta[k] = MEASURED.includes(k) ? typeof m : m
        out[key] = meta
      } else out[key] = key === 'duration' ? typeof v : normalize(v)
    }
    return out
  }
  return value
}

const withoutOffset = (message: string) => message.replace(/ at offset \d+/g, '')

const outcome = async (run: () => Promise<unknown>): Promise<Outcome> => {
  try {
    return { value: normalize(await run()) }
  } catch (err) {
    const e = err as Error & { cause?: { message?: string } }
    return {
      error: {
        message: withoutOffset(e.message),
        ...(e.cause?.message ? { cause: withoutOffset(e.cause.message) } : {}),
      },
    }
  }
}

let mf: Miniflare
let d1: D1Database
let shim: SqliteD1Database
let threaded: SqliteD1Database
let thread: DatabaseThread
let dir: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-d1-thread-'))
  const file = path.join(dir, 'fixtures.sqlite')
  thread = startDatabaseThread(file, await buildThreadScript())
  threaded = new SqliteD1Database(readsHereWritesThere(openDatabase(file), thread))
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null) }',
    d1Databases: ['DB'],
    compatibilityDate: '2026-04-20',
  })
  d1 = (await mf.getD1Database('DB')) as unknown as D1Database
  shim = new SqliteD1Database(openDatabase(':memory:'))
})
afterAll(async () => {
  await mf?.dispose()
  await thread?.close()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

describe('the D1 shim answers as D1 (statement fixtures, in order)', () => {
  for (const step of STEPS)
    it(step.name, async () => {
      const real = await outcome(() => step.run(d1))
      const ours = await outcome(() => step.run(shim))
      const fromThread = await outcome(() => step.run(threaded))
      expect('error' in real ? 'error' : 'ok', JSON.stringify(real)).toBe(step.expect)
      expect(ours).toEqual(real)
      expect(fromThread).toEqual(real)
    })
})

describe("the shim's size_after", () => {
  // It reads the file's size once and keeps it while only read-only statements run; a write,
  // a failed batch (rolled back) or exec() reads it again. Checked against SQLite's own count.
  it('follows writes, rollbacks and exec, and stays put for reads', async () => {
    const sqlite = openDatabase(':memory:')
    const db = new SqliteD1Database(sqlite)
    const fileSize = () =>
      (sqlite.pragma('page_count', { simple: true }) as number) *
      (sqlite.pragma('page_size', { simple: true }) as number)
    const read = async () => (await db.prepare('SELECT count(*) FROM t').run()).meta.size_after
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)')
    const empty = await read()
    expect(empty).toBe(fileSize())
    const big = 'x'.repeat(200_000)
    const write = await db.prepare('INSERT INTO t (body) VALUES (?)').bind(big).run()
    expect(write.meta.size_after).toBe(fileSize())
    expect(write.meta.size_after).toBeGreaterThan(empty + 190_000)
    expect(await read()).toBe(write.meta.size_after)
    await expect(
      db.batch([
        db.prepare('INSERT INTO t (body) VALUES (?)').bind(big),
        db.prepare('INSERT INTO t (id) VALUES (1)'),
      ]),
    ).rejects.toThrow(/UNIQUE|NOT NULL|constraint/i)
    expect(await read()).toBe(fileSize())
    const before = await read()
    await db.exec('INSERT INTO t (body) VALUES (hex(randomblob(100000)))')
    expect(await read()).toBe(fileSize())
    expect(await read()).toBeGreaterThan(before + 190_000)
  })
})
