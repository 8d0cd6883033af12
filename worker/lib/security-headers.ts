// Response headers every answer gets, and the ones of the staff admin (/admin/), which wrangler
// serves as static assets without running the worker: its headers go to dist/_headers, written
// at build time by admin/vite.config.ts from `adminHeaders` below.
import type { MiddlewareHandler } from 'hono'

/** One year: browsers keep to HTTPS for this long once they have seen the header over HTTPS. */
export const HSTS = 'max-age=31536000; includeSubDomains'

const setDefault = (headers: Headers, name: string, value: string) => {
  if (!headers.has(name)) headers.set(name, value)
}

/**
 * Headers for every worker response (pages set their own CSP, which is kept): no MIME sniffing;
 * HSTS over HTTPS; and API answers, which hold personal data and sessions, never stored by a
 * browser or proxy (`no-store`), never framed, never run as a document.
 * @example app.use('*', securityHeaders)
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const headers = c.res.headers
  setDefault(headers, 'X-Content-Type-Options', 'nosniff')
  setDefault(headers, 'Referrer-Policy', 'same-origin')
  if (new URL(c.req.url).protocol === 'https:')
    setDefault(headers, 'Strict-Transport-Security', HSTS)
  if (c.req.path.startsWith('/api/')) {
    headers.set('Cache-Control', 'no-store')
    setDefault(headers, 'Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'")
    setDefault(headers, 'X-Frame-Options', 'DENY')
  }
}

/**
 * The admin's Content-Security-Policy: its own scripts, plus each inline script of its
 * index.html by hash; MUI (emotion) writes inline styles; data: images (the favicon, icons);
 * API calls to its own origin; never framed.
 * @example adminCsp(["'sha256-…'"])
 */
export const adminCsp = (scriptHashes: string[]) =>
  [
    "default-src 'self'",
    `script-src ${["'self'", ...scriptHashes].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

/** `'sha256-…'` of each inline `<script>` (one without `src`) of an HTML page, as CSP wants it. */
export const inlineScriptHashes = async (html: string) => {
  const hashes: string[] = []
  for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\ssrc=/.test(attrs)) continue
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))
    hashes.push(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
  }
  return hashes
}

/**
 * The `_headers` rules for the built admin (Workers static assets read dist/_headers): the CSP
 * allowing exactly the inline scripts of `indexHtml`, no framing, no sniffing, HSTS (browsers
 * ignore it over plain HTTP), and a year of caching for the hashed files under /admin/assets/.
 * @example fs.writeFileSync('dist/_headers', await adminHeaders(fs.readFileSync('dist/admin/index.html', 'utf8')))
 */
export const adminHeaders = async (indexHtml: string) =>
  [
    '/admin/*',
    `  Content-Security-Policy: ${adminCsp(await inlineScriptHashes(indexHtml))}`,
    '  X-Frame-Options: DENY',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: same-origin',
    `  Strict-Transport-Security: ${HSTS}`,
    '/admin/assets/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n')
