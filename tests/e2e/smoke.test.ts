import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { baseUrl, DEMO_PASSWORD, launchBrowser, newPhonePage, signInAdmin } from './browser'

// Proves the e2e chain: a seeded worker under wrangler dev, the demo logins, and chromium.
describe('e2e smoke', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('answers GET /healthz with a DB round trip', async () => {
    const res = await fetch(`${baseUrl()}/healthz`)
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ ok: true, db: 'd1' })
  })

  it('signs in the demo admin through the API and sees the whole scope', async () => {
    const login = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    })
    expect(login.status, await login.clone().text()).toBe(200)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]
    const me = await fetch(`${baseUrl()}/api/auth/me`, { headers: { cookie } })
    const body = await me.json()
    expect(me.status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ username: 'admin', role: 'admin', neighborhoodIds: null })
  })

  it('refuses a wrong demo password with 401', async () => {
    const res = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: 'wrong-password' }),
    })
    expect(res.status, await res.text()).toBe(401)
  })

  it('opens /healthz in chromium on a phone-sized page', async () => {
    const page = await newPhonePage(browser)
    const res = await page.goto('/healthz')
    expect(res?.status()).toBe(200)
    expect(JSON.parse(await page.locator('body').innerText())).toMatchObject({ ok: true })
    expect(page.viewportSize()).toEqual({ width: 360, height: 740 })
    await page.context().close()
  })

  it('signInAdmin leaves the browser signed in as the staff of 慧华苑 only', async () => {
    const page = await newPhonePage(browser)
    await signInAdmin(page, 'staff')
    const me = await page.request.get('/api/auth/me')
    const body = await me.json()
    expect(me.status(), JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ username: 'staff', role: 'staff', neighborhoodIds: [1] })
    await page.context().close()
  })
})
