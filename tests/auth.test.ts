import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { api, createUser, signIn, PASSWORD } from './helpers'
import { LOGIN_LIMITS } from '../worker/api/auth'

describe('POST /api/auth/login', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and /me answers', async () => {
    const u = await createUser('admin')
    const { res, status, body } = await api('/api/auth/login', {
      body: { username: u.username, password: PASSWORD },
    })
    expect(status, JSON.stringify(body)).toBe(200)
    const setCookie = res.headers.get('set-cookie')!
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const me = await api('/api/auth/me', { cookie: setCookie.split(';')[0] })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ username: u.username, role: 'admin', neighborhoodIds: null })
  })

  it('returns 401 for a wrong password and 400 for missing fields', async () => {
    const u = await createUser('staff')
    const wrong = await api('/api/auth/login', { body: { username: u.username, password: 'nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body.code).toBe('unauthorized')
    const missing = await api('/api/auth/login', { body: { username: '' } })
    expect(missing.status).toBe(400)
    expect(Object.keys(missing.body.errors)).toEqual(
      expect.arrayContaining(['username', 'password']),
    )
  })

  it('throttles a username from one address after too many failures with 429', async () => {
    // More in tests/auth-throttle.test.ts: the owner signing in from elsewhere is never refused.
    const u = await createUser('staff')
    for (let i = 0; i < LOGIN_LIMITS.freeFailures; i++)
      await api('/api/auth/login', {
        body: { username: u.username, password: 'bad' },
        headers: { 'cf-connecting-ip': '10.0.0.1' },
      })
    const blocked = await api('/api/auth/login', {
      body: { username: u.username, password: PASSWORD },
      headers: { 'cf-connecting-ip': '10.0.0.1' },
    })
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(429)
    expect(blocked.res.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('rotates the session at login: the old cookie stops working', async () => {
    const u = await createUser('staff')
    const first = await signIn(u.username)
    const { res } = await api('/api/auth/login', {
      body: { username: u.username, password: PASSWORD },
      cookie: first,
    })
    expect(res.status).toBe(200)
    const second = res.headers.get('set-cookie')!.split(';')[0]
    expect(second).not.toBe(first)
    expect((await api('/api/auth/me', { cookie: first })).status).toBe(401)
    expect((await api('/api/auth/me', { cookie: second })).status).toBe(200)
  })

  it('refuses disabled users', async () => {
    const u = await createUser('staff')
    await env.DB.prepare('UPDATE users SET disabled = 1 WHERE id = ?').bind(u.id).run()
    const res = await api('/api/auth/login', { body: { username: u.username, password: PASSWORD } })
    expect(res.status).toBe(401)
  })
})

describe('sessions', () => {
  it('revokes the session at logout (401 after)', async () => {
    const u = await createUser('staff')
    const cookie = await signIn(u.username)
    expect((await api('/api/auth/logout', { method: 'POST', cookie })).status).toBe(200)
    expect((await api('/api/auth/me', { cookie })).status).toBe(401)
  })

  it('expires a session idle for too long, and one past its absolute expiry', async () => {
    const u = await createUser('staff')
    const idle = await signIn(u.username)
    const idleMs = Number(env.SESSION_IDLE_MINUTES) * 60_000
    await env.DB.prepare(
      'UPDATE sessions SET last_seen_at = ? WHERE user_id = ? AND revoked_at IS NULL',
    )
      .bind(Date.now() - idleMs - 1000, u.id)
      .run()
    const r1 = await api('/api/auth/me', { cookie: idle })
    expect(r1.status).toBe(401)

    const old = await signIn(u.username)
    await env.DB.prepare(
      'UPDATE sessions SET expires_at = ? WHERE user_id = ? AND revoked_at IS NULL',
    )
      .bind(Date.now() - 1, u.id)
      .run()
    expect((await api('/api/auth/me', { cookie: old })).status).toBe(401)
  })

  it('answers 401 without a cookie and with a made-up one', async () => {
    expect((await api('/api/auth/me')).status).toBe(401)
    expect((await api('/api/auth/me', { cookie: 'jushou_session=forged' })).status).toBe(401)
  })
})

describe('POST /api/auth/password', () => {
  it('changes the password with 100,000 PBKDF2 iterations and ends other sessions', async () => {
    const u = await createUser('staff')
    const a = await signIn(u.username)
    const b = await signIn(u.username)
    const bad = await api('/api/auth/password', {
      cookie: a,
      body: { currentPassword: 'wrong', newPassword: 'new-password-123' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.currentPassword).toBeTruthy()
    const ok = await api('/api/auth/password', {
      cookie: a,
      body: { currentPassword: PASSWORD, newPassword: 'new-password-123' },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    const row = await env.DB.prepare('SELECT password_iterations FROM users WHERE id = ?')
      .bind(u.id)
      .first<{ password_iterations: number }>()
    expect(row!.password_iterations).toBe(100_000)
    expect((await api('/api/auth/me', { cookie: a })).status).toBe(200)
    expect((await api('/api/auth/me', { cookie: b })).status).toBe(401)
    await signIn(u.username, 'new-password-123')
  })
})

describe('request hygiene', () => {
  it('answers 400 for malformed JSON, never 500', async () => {
    const r = await api('/api/auth/login', { body: '{"username": ' })
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('bad_request')
  })

  it('refuses a cross-origin unsafe request with 403', async () => {
    const u = await createUser('staff')
    const r = await api('/api/auth/login', {
      body: { username: u.username, password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    })
    expect(r.status).toBe(403)
  })

  it('refuses a body over the limit with 413', async () => {
    const r = await api('/api/auth/login', {
      body: { username: 'x', password: 'y'.repeat(300 * 1024) },
    })
    expect(r.status).toBe(413)
    expect(r.body.code).toBe('payload_too_large')
  })

  it('GET /healthz answers with a DB round trip', async () => {
    const r = await api('/healthz')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ ok: true })
  })
})
