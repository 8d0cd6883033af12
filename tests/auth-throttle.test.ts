import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, createUser, PASSWORD } from './helpers'
import { LOGIN_LIMITS } from '../worker/api/auth'
import { hashPassword } from '../worker/lib/password'

let n = 0
/** A fresh client address per test, so the per-address limit of one test does not touch another. */
const address = () => `203.0.113.${++n}`

const login = (username: string, password: string, ip: string) =>
  api('/api/auth/login', { body: { username, password }, headers: { 'cf-connecting-ip': ip } })

/** Fails `times` logins for `username` from `ip`, each one a 401. */
const fail = async (username: string, ip: string, times: number) => {
  for (let i = 0; i < times; i++) {
    const r = await login(username, `wrong-${i}`, ip)
    expect(r.status, JSON.stringify(r.body)).toBe(401)
  }
}

/** Moves this (username, address)'s last failure `ms` into the past, as if that time went by. */
const age = (ms: number) =>
  env.DB.prepare(
    `UPDATE rate_limits SET window_start = window_start - ? WHERE key LIKE 'login:fail:%'`,
  )
    .bind(ms)
    .run()

describe('POST /api/auth/login throttling', () => {
  it('never locks the owner out from another address, however many failures elsewhere', async () => {
    const u = await createUser('staff')
    const attacker = address()
    await fail(u.username, attacker, LOGIN_LIMITS.freeFailures)
    const refused = await login(u.username, 'another-guess', attacker)
    expect(refused.status).toBe(429)
    const owner = await login(u.username, PASSWORD, address())
    expect(owner.status, JSON.stringify(owner.body)).toBe(200)
  })

  it('makes one address wait after the free failures, for a window that doubles', async () => {
    const u = await createUser('staff')
    const ip = address()
    await fail(u.username, ip, LOGIN_LIMITS.freeFailures)
    // Even the right password waits: the pair is refused before any password is checked.
    const first = await login(u.username, PASSWORD, ip)
    expect(first.status, JSON.stringify(first.body)).toBe(429)
    expect(first.body.code).toBe('rate_limited')
    const wait1 = Number(first.res.headers.get('retry-after'))
    expect(wait1).toBeGreaterThan(0)
    expect(wait1).toBeLessThanOrEqual(LOGIN_LIMITS.firstWaitMs / 1000)

    await age(LOGIN_LIMITS.firstWaitMs)
    await fail(u.username, ip, 1)
    const second = await login(u.username, PASSWORD, ip)
    expect(second.status).toBe(429)
    const wait2 = Number(second.res.headers.get('retry-after'))
    expect(wait2).toBeGreaterThan(LOGIN_LIMITS.firstWaitMs / 1000)
    expect(wait2).toBeLessThanOrEqual((2 * LOGIN_LIMITS.firstWaitMs) / 1000)

    await age(2 * LOGIN_LIMITS.firstWaitMs)
    const after = await login(u.username, PASSWORD, ip)
    expect(after.status, JSON.stringify(after.body)).toBe(200)
  })

  it('starts afresh after a success', async () => {
    const u = await createUser('staff')
    const ip = address()
    await fail(u.username, ip, LOGIN_LIMITS.freeFailures - 1)
    expect((await login(u.username, PASSWORD, ip)).status).toBe(200)
    await fail(u.username, ip, LOGIN_LIMITS.freeFailures - 1)
    expect((await login(u.username, PASSWORD, ip)).status).toBe(200)
  })

  it('limits failures per address across usernames', async () => {
    const ip = address()
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
      expect((await login(`nobody-${n}-${i}`, 'guess', ip)).status).toBe(401)
    const u = await createUser('staff')
    const refused = await login(u.username, PASSWORD, ip)
    expect(refused.status).toBe(429)
    expect(refused.res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await login(u.username, PASSWORD, address())).status).toBe(200)
  })
})

describe('POST /api/auth/login does not tell which usernames exist', () => {
  afterEach(() => vi.restoreAllMocks())

  /** The PBKDF2 iteration counts a login derived keys with. */
  const pbkdf2Runs = async (username: string, password: string) => {
    const runs: number[] = []
    const derive = crypto.subtle.deriveBits.bind(crypto.subtle)
    vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation((algorithm, key, length) => {
      if (typeof algorithm === 'object' && algorithm.name === 'PBKDF2')
        runs.push((algorithm as { iterations: number }).iterations)
      return derive(algorithm, key, length)
    })
    const r = await login(username, password, address())
    vi.restoreAllMocks()
    return { status: r.status, body: r.body, runs }
  }

  it('hashes the password for an unknown username as for a real one', async () => {
    const iterations = Number(env.PASSWORD_ITERATIONS)
    const { hash, salt } = await hashPassword(PASSWORD, iterations)
    const real = await createUser('staff')
    await env.DB.prepare(
      'UPDATE users SET password_hash = ?, password_salt = ?, password_iterations = ? WHERE id = ?',
    )
      .bind(hash, salt, iterations, real.id)
      .run()

    const known = await pbkdf2Runs(real.username, 'wrong-password')
    const unknown = await pbkdf2Runs(`no-such-user-${n}`, 'wrong-password')
    expect(known.runs).toEqual([iterations])
    expect(unknown.runs).toEqual([iterations])
    expect(unknown.status).toBe(known.status)
    expect(unknown.body).toEqual(known.body)
  })

  it('hashes the password for a disabled user too', async () => {
    const u = await createUser('staff')
    await env.DB.prepare('UPDATE users SET disabled = 1 WHERE id = ?').bind(u.id).run()
    const disabled = await pbkdf2Runs(u.username, PASSWORD)
    expect(disabled.status).toBe(401)
    expect(disabled.runs).toHaveLength(1)
  })
})
