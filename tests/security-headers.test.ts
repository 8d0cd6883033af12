/// <reference types="vite/client" />
import { SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld, PASSWORD, VIA_CLOUDFLARE } from './helpers'
import { adminCsp, adminHeaders, inlineScriptHashes } from '../worker/lib/security-headers'

let world: Awaited<ReturnType<typeof createWorld>>
beforeAll(async () => {
  world = await createWorld()
})

describe('API responses', () => {
  it('are never stored: the login answer, authenticated reads and errors say no-store', async () => {
    const login = await api('/api/auth/login', {
      body: { username: world.users.staff.username, password: PASSWORD },
    })
    expect(login.status).toBe(200)
    const responses = [
      login,
      await api('/api/auth/me', { cookie: world.cookies.staff }),
      await api('/api/topics', { cookie: world.cookies.staff }),
      await api('/api/auth/me'),
      await api('/api/no-such-thing', { cookie: world.cookies.staff }),
    ]
    for (const r of responses) {
      expect(r.res.headers.get('cache-control'), r.res.url).toBe('no-store')
      expect(r.res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(r.res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
  })

  it('send HSTS when served over HTTPS, and not over plain HTTP', async () => {
    const https = await SELF.fetch('https://jushou.example/api/auth/me', VIA_CLOUDFLARE)
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/)
    const http = await SELF.fetch('http://localhost/api/auth/me', VIA_CLOUDFLARE)
    expect(http.headers.get('strict-transport-security')).toBeNull()
  })

  it('leave a resident page its own CSP', async () => {
    const r = await api('/n/no-such-neighborhood/new')
    expect(r.res.headers.get('content-security-policy')).not.toBe(
      "default-src 'none'; frame-ancestors 'none'",
    )
    expect(r.res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('JSON API writes', () => {
  const topic = () =>
    JSON.stringify({ neighborhoodId: world.neighborhoodIds[0], title: '内容类型测试' })

  it('refuse a body that is not JSON with 415, whatever it holds', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
    ]) {
      const r = await api('/api/topics', {
        cookie: world.cookies.staff,
        body: topic(),
        headers: { 'content-type': type },
      })
      expect(r.status, type).toBe(415)
      expect(r.body.code).toBe('unsupported_media_type')
      expect(r.body.message).toContain('application/json')
    }
    const untyped = await SELF.fetch('http://localhost/api/topics', {
      ...VIA_CLOUDFLARE,
      method: 'POST',
      headers: { cookie: world.cookies.staff },
      body: new TextEncoder().encode(topic()),
    })
    expect(untyped.status).toBe(415)
  })

  it('take JSON with a charset, and bodiless writes need no type', async () => {
    const r = await api('/api/topics', {
      cookie: world.cookies.staff,
      body: topic(),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const logout = await api('/api/auth/logout', { method: 'POST' })
    expect(logout.status).toBe(200)
  })
})

describe('the admin (/admin/, static assets)', () => {
  const html = `<!doctype html><html><head><script>window.a = 1</script>
    <script type="module" crossorigin src="/admin/assets/index-abc.js"></script></head>
    <body><div id="root"></div><script>{ preload([]) }</script></body></html>`

  it('allows its own scripts and each inline one by hash, inline styles, data: images, no framing', async () => {
    const hashes = await inlineScriptHashes(html)
    expect(hashes).toHaveLength(2)
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('window.a = 1'))
    expect(hashes[0]).toBe(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
    const csp = adminCsp(hashes)
    expect(csp).toContain(`script-src 'self' ${hashes.join(' ')}`)
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).toMatch(/img-src [^;]*data:/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
    const rules = await adminHeaders(html)
    expect(rules).toContain(`/admin/*\n  Content-Security-Policy: ${csp}\n`)
    expect(rules).toContain('  X-Frame-Options: DENY\n')
    expect(rules).toContain('/admin/assets/*\n  Cache-Control: public, max-age=31536000, immutable')
  })

  // Only when the admin has been built (npm run build:admin): dist/_headers is what the build wrote.
  const built = import.meta.glob<string>(['../dist/_headers', '../dist/admin/index.html'], {
    query: '?raw',
    import: 'default',
    eager: true,
  })
  it.skipIf(!built['../dist/_headers'] || !built['../dist/admin/index.html'])(
    'built: dist/_headers holds the CSP for the built index.html',
    async () => {
      expect(built['../dist/_headers']).toBe(await adminHeaders(built['../dist/admin/index.html']))
    },
  )
})
