import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteD1Database } from '../../server/d1'
import { openDatabase } from '../../server/database'
import { STEPS } from './d1-fixtures'

// The D1 shim against real D1: every step of d1-fixtures.ts runs on D1 inside workerd (miniflare,
// the same local D1 as `wrangler dev`) and on the shim over better-sqlite3, in the same order from
// empty databases, and must answer the same: results, errors (message and cause), and meta
// (changes, last_row_id, changed_db exactly; duration, size_after, rows_read, rows_written, which
// measure each engine, by type). D1 names a syntax error's byte offset (" at offset N"), which
// better-sqlite3 cannot tell: that part of a message is not compared.

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

beforeAll(async () => {
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
})

describe('the D1 shim answers as D1 (statement fixtures, in order)', () => {
  for (const step of STEPS)
    it(step.name, async () => {
      const real = await outcome(() => step.run(d1))
      const ours = await outcome(() => step.run(shim))
      expect('error' in real ? 'error' : 'ok', JSON.stringify(real)).toBe(step.expect)
      expect(ours).toEqual(real)
    })
})
