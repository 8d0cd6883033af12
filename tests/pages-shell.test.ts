import { Hono } from 'hono'
import { raw } from 'hono/html'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { api, createWorld } from './helpers'
import { notFound, pageError } from '../worker/pages/errors'
import { MAX_FORM_BYTES } from '../worker/pages'

// The shell every resident page shares: one router, one body limit, one error page. Only /api
// answers errors as JSON; surveys (/s) and the staff check-in (/staff/checkin) answer as pages.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

let world: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  world = await createWorld()
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** Asserts an HTML error page (not JSON) with the security headers of a resident page. */
const expectPage = (r: Awaited<ReturnType<typeof api>>, status: number) => {
  expect(r.status, r.text.slice(0, 300)).toBe(status)
  expect(r.res.headers.get('content-type')).toMatch(/^text\/html/)
  expect(r.text.startsWith('<!doctype html>'), r.text.slice(0, 100)).toBe(true)
  expect(r.res.headers.get('content-security-policy')).toContain("default-src 'none'")
}

describe('surveys at /s/*', () => {
  it('answers a missing form with the HTML 404 page, in Chinese by default', async () => {
    const r = await api('/s/no-such-form')
    expectPage(r, 404)
    expect(r.text).toContain('<html lang="zh-CN">')
    expect(r.text).toContain('问卷不存在')
  })

  it('answers in English with ?lang=en or Accept-Language: en', async () => {
    const byQuery = await api('/s/no-such-form?lang=en')
    expectPage(byQuery, 404)
    expect(byQuery.text).toContain('<html lang="en">')
    expect(byQuery.text).toContain('Form not found')
    const byHeader = await api('/s/no-such-form', { headers: { 'accept-language': 'en-US' } })
    expect(byHeader.text).toContain('Form not found')
  })

  it('answers a path no survey route knows with the HTML 404 page, not JSON', async () => {
    const r = await api('/s/no-such-form/x/y')
    expectPage(r, 404)
    expect(r.text).toContain('没有找到这个页面')
  })

  it('refuses a post larger than the one body limit with an HTML 413', async () => {
    const body = `x=${'a'.repeat(MAX_FORM_BYTES + 1)}`
    const r = await api('/s/no-such-form', { body, headers: FORM })
    expectPage(r, 413)
    expect(r.text).toContain('提交的内容太大')
    const en = await api('/s/no-such-form?lang=en', { body, headers: FORM })
    expectPage(en, 413)
    expect(en.text).toContain('What you sent is too large.')
  })
})

describe('staff check-in at /staff/checkin/*', () => {
  it('answers a bad session id with the HTML 404 page', async () => {
    const r = await api('/staff/checkin/not-a-session', { cookie: world.cookies.staff })
    expectPage(r, 404)
    expect(r.text).toContain('没有找到这个页面')
    const en = await api('/staff/checkin/not-a-session?lang=en', { cookie: world.cookies.staff })
    expectPage(en, 404)
    expect(en.text).toContain('Page not found')
  })

  it('answers a path no check-in route knows with the HTML 404 page, not JSON', async () => {
    const r = await api('/staff/checkin/1/nothing-here', { cookie: world.cookies.staff })
    expectPage(r, 404)
  })

  it('refuses a cross-site post with the HTML 403 page', async () => {
    const r = await api('/staff/checkin/1/no-show', {
      body: 'go=1',
      headers: { ...FORM, origin: 'https://evil.example' },
      cookie: world.cookies.staff,
    })
    expectPage(r, 403)
    expect(r.text).toContain('请从本网站的页面提交。')
  })
})

describe('JSON errors', () => {
  it('stay JSON under /api', async () => {
    const r = await api('/api/no-such-thing')
    expect(r.status).toBe(404)
    expect(r.res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(r.body.code).toBe('not_found')
  })

  it('stay JSON for a registration posted as JSON', async () => {
    const r = await api('/a/no-such-activity/s/999999', { body: { name: '王芳' } })
    expect(r.status).toBe(404)
    expect(r.body.code).toBe('not_found')
  })
})

describe('PageNotFound and pageError', () => {
  const app = new Hono()
    .get('/missing', () =>
      notFound({
        title: 'form.not_found_title',
        body: 'form.not_found_body',
        extra: raw('<a href="/t">again</a>'),
      }),
    )
    .get('/plain', () => notFound())
    .get('/broken', () => {
      throw new Error('boom')
    })
    .onError(pageError)

  it('renders a thrown not-found as the 404 page with its words and its way on', async () => {
    const r = await app.request('/missing')
    expect(r.status).toBe(404)
    const html = await r.text()
    expect(html).toContain('<h1>问卷不存在</h1>')
    expect(html).toContain('这个问卷不存在或已删除')
    expect(html).toContain('<a href="/t">again</a>')
    const plain = await app.request('/plain?lang=en')
    expect(plain.status).toBe(404)
    expect(await plain.text()).toContain('<h1>Page not found</h1>')
  })

  it('answers any other error with the 500 page, logged, without its message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const r = await app.request('/broken')
    expect(r.status).toBe(500)
    const html = await r.text()
    expect(html).toContain('出了点问题')
    expect(html).not.toContain('boom')
    expect(log).toHaveBeenCalledOnce()
  })
})
