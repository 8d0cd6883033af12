import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createDb } from '../worker/db/client'
import { once, STALE_CLAIM_MS } from '../worker/lib/idempotency'

const db = () => createDb(env.DB)

describe('once (idempotency keys)', () => {
  it('runs the work once and replays the stored result, also concurrently', async () => {
    let runs = 0
    const work = async () => {
      runs++
      await new Promise((r) => setTimeout(r, 100))
      return { status: 201, body: { n: runs } }
    }
    const results = await Promise.all(
      Array.from({ length: 5 }, () => once(db(), 'key-concurrent-1', 'test', {}, work)),
    )
    expect(runs).toBe(1)
    expect(results.map((r) => r.body)).toEqual(Array(5).fill({ n: 1 }))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
  })

  it('releases the claim when the work fails, so a corrected resend goes through', async () => {
    await expect(
      once(db(), 'key-fails-1', 'test', {}, async () => {
        throw new Error('bad input')
      }),
    ).rejects.toThrow('bad input')
    const r = await once(db(), 'key-fails-1', 'test', {}, async () => ({ status: 201, body: 'ok' }))
    expect(r).toMatchObject({ status: 201, body: 'ok', replayed: false })
  })

  it('takes over a claim left pending by a request that died', async () => {
    await env.DB.prepare(
      `INSERT INTO idempotency_keys (key, scope, status, body, created_at) VALUES (?, 'test', 0, '', ?)`,
    )
      .bind('test:key-stale-1', Date.now() - STALE_CLAIM_MS - 1000)
      .run()
    const r = await once(db(), 'key-stale-1', 'test', {}, async () => ({
      status: 201,
      body: 'filed',
    }))
    expect(r).toMatchObject({ status: 201, body: 'filed', replayed: false })
    const again = await once(db(), 'key-stale-1', 'test', {}, async () => ({
      status: 201,
      body: 'twice',
    }))
    expect(again).toMatchObject({ body: 'filed', replayed: true })
  })

  it('does not take over a fresh pending claim', async () => {
    await env.DB.prepare(
      `INSERT INTO idempotency_keys (key, scope, status, body, created_at) VALUES (?, 'test', 0, '', ?)`,
    )
      .bind('test:key-fresh-1', Date.now())
      .run()
    let ran = false
    await expect(
      once(db(), 'key-fresh-1', 'test', {}, async () => {
        ran = true
        return { status: 201, body: 'x' }
      }),
    ).rejects.toThrow()
    expect(ran).toBe(false)
  }, 20_000)
})
