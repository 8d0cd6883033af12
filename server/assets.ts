// Static files from the assets directory (dist/: the built admin), served as Workers static
// assets serve them (wrangler.toml [assets]), which tests/node/both-homes.test.ts compares:
//   routing   `run_worker_first` decides who answers first: a path the app answers first never
//             reaches the files (as on Workers, where the app does not call ASSETS); a path kept
//             from the app by a `!pattern` is answered by the files alone (404 when there is none);
//             without routing rules the files answer first and the app gets the rest.
//   files     auto-trailing-slash HTML handling: /a/ serves /a/index.html, /a/index.html and
//             /a/index redirect (307) to /a/, /a serves /a.html or redirects to /a/ when
//             /a/index.html exists; `_headers` and `_redirects` are never served.
//   not found `single-page-application` serves /index.html of the directory (200),
//             `404-page` the nearest 404.html (404).
//   answers   GET and HEAD only (405 otherwise); a strong ETag, 304 for a matching If-None-Match;
//             `Cache-Control: public, max-age=0, must-revalidate` unless the request carries
//             Authorization or Range; then the rules of `_headers` (`/path/*` patterns with
//             `:placeholders`, `Name: value` sets, `! Name` removes), on every answer of the files.
// Not copied: `_redirects`, host-specific `_headers` rules (`https://host/…`) and the
// `html_handling` options other than the default.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { AssetsConfig } from './config'

type Asset = { file: string; etag: string; contentType: string | undefined }
type HeaderRule = { pattern: RegExp; set: [string, string][]; unset: string[] }

const CACHE_CONTROL = 'public, max-age=0, must-revalidate'
const HIDDEN = new Set(['/_headers', '/_redirects', '/_routes.json', '/.assetsignore'])

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.pdf': 'application/pdf',
}

/** Content-Type of a file name, with a charset for text as Workers adds it. */
const contentTypeOf = (name: string) => {
  const type = TYPES[path.extname(name).toLowerCase()]
  if (!type) return undefined
  const text = type.startsWith('text/') || type === 'application/json' || type === 'application/xml'
  return text || type === 'image/svg+xml' ? `${type}; charset=utf-8` : type
}

/** Every file under `dir` by its URL path. */
const scan = (dir: string) => {
  const assets = new Map<string, Asset>()
  if (!fs.existsSync(dir)) return assets
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (entry.isFile()) {
        const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`
        if (HIDDEN.has(urlPath)) continue
        const etag = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 32)
        assets.set(urlPath, { file, etag, contentType: contentTypeOf(file) })
      }
    }
  }
  walk(dir)
  return assets
}

const escapeRegex = (text: string) => text.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')

/** A `_headers` / `run_worker_first` pattern: `*` any run, `:name` one path segment. */
export const patternRegExp = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map(escapeRegex)
      .join('(?<splat>.*)')
      .replace(/:([A-Za-z]\w*)/g, '(?<$1>[^/]+)')}$`,
  )

/** The rules of a `_headers` file. */
export const parseHeaders = (text: string): HeaderRule[] => {
  const rules: HeaderRule[] = []
  let rule: HeaderRule | null = null
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue
    if (!/^\s/.test(line)) {
      const pattern = line.trim()
      rule = pattern.startsWith('https://')
        ? null
        : { pattern: patternRegExp(pattern), set: [], unset: [] }
      if (rule) rules.push(rule)
      continue
    }
    if (!rule) continue
    const entry = line.trim()
    if (entry.startsWith('!')) rule.unset.push(entry.slice(1).trim())
    else {
      const colon = entry.indexOf(':')
      if (colon > 0) rule.set.push([entry.slice(0, colon).trim(), entry.slice(colon + 1).trim()])
    }
  }
  return rules
}

const applyHeaderRules = (rules: HeaderRule[], pathname: string, headers: Headers) => {
  const seen = new Set<string>()
  for (const rule of rules) {
    const match = rule.pattern.exec(pathname)
    if (!match) continue
    for (const name of rule.unset) headers.delete(name)
    for (const [name, value] of rule.set) {
      let text = value
      for (const [key, part] of Object.entries(match.groups ?? {}))
        text = text.replaceAll(`:${key}`, part ?? '')
      if (seen.has(name.toLowerCase())) headers.append(name, text)
      else {
        headers.set(name, text)
        seen.add(name.toLowerCase())
      }
    }
  }
}

type Intent = { asset: Asset; status: 200 | 404 } | { redirect: string } | null

/** What the static files do with a request: an answer, or `null` to pass it to the app. */
export type AssetServer = {
  /** `null`: not for the files (the app answers). */
  handle(request: Request): Promise<Response | null>
  /** The files' answer alone, as the ASSETS binding gives it (404 when there is no file). */
  fetch(request: Request): Promise<Response>
}

/**
 * The static file server of `config` (wrangler.toml [assets]).
 * @example const assets = assetServer(config.assets); (await assets.handle(request)) ?? app.fetch(request)
 */
export const assetServer = (config: AssetsConfig): AssetServer => {
  const files = scan(config.directory)
  const headersFile = path.join(config.directory, '_headers')
  const rules = fs.existsSync(headersFile) ? parseHeaders(fs.readFileSync(headersFile, 'utf8')) : []
  const patterns = Array.isArray(config.runWorkerFirst)
    ? config.runWorkerFirst.map((p) => ({
        negative: p.startsWith('!'),
        re: patternRegExp(p.replace(/^!/, '')),
      }))
    : []
  /** 'app' first, 'files' only, or 'files' first then the app. */
  const routeOf = (pathname: string): 'app' | 'files-only' | 'files-first' => {
    if (config.runWorkerFirst === true) return 'app'
    if (!Array.isArray(config.runWorkerFirst)) return 'files-first'
    if (patterns.some((p) => p.negative && p.re.test(pathname))) return 'files-only'
    return patterns.some((p) => !p.negative && p.re.test(pathname)) ? 'app' : 'files-first'
  }

  const notFound = (pathname: string): Intent => {
    if (config.notFoundHandling === 'single-page-application') {
      const asset = files.get('/index.html')
      return asset ? { asset, status: 200 } : null
    }
    if (config.notFoundHandling === '404-page') {
      for (let dir = pathname; dir; ) {
        dir = dir.slice(0, dir.lastIndexOf('/'))
        const asset = files.get(`${dir}/404.html`)
        if (asset) return { asset, status: 404 }
      }
    }
    return null
  }

  const intentOf = (pathname: string): Intent => {
    const exact = files.get(pathname)
    const ok = (asset: Asset | undefined): Intent => (asset ? { asset, status: 200 } : null)
    const redirectIf = (file: string, to: string): Intent =>
      files.has(file) ? { redirect: to } : null
    if (pathname.endsWith('/index')) {
      if (exact) return ok(exact)
      const r =
        redirectIf(`${pathname}.html`, pathname.slice(0, -5)) ??
        redirectIf(`${pathname.slice(0, -6)}.html`, pathname.slice(0, -6))
      if (r) return r
    } else if (pathname.endsWith('/index.html')) {
      const r =
        redirectIf(pathname, pathname.slice(0, -10)) ??
        redirectIf(`${pathname.slice(0, -11)}.html`, pathname.slice(0, -11))
      if (r) return r
    } else if (pathname.endsWith('/')) {
      const index = files.get(`${pathname}index.html`)
      if (index) return ok(index)
      const r = redirectIf(`${pathname.slice(0, -1)}.html`, pathname.slice(0, -1))
      if (r) return r
    } else if (pathname.endsWith('.html')) {
      const r =
        redirectIf(pathname, pathname.slice(0, -5)) ??
        redirectIf(`${pathname.slice(0, -5)}/index.html`, `${pathname.slice(0, -5)}/`)
      if (r) return r
    }
    if (exact) return ok(exact)
    const html = files.get(`${pathname}.html`)
    if (html) return ok(html)
    return redirectIf(`${pathname}/index.html`, `${pathname}/`) ?? notFound(pathname)
  }

  const answer = async (request: Request, intent: Intent, pathname: string) => {
    const method = request.method.toUpperCase()
    let response: Response
    if (!intent) response = new Response(null, { status: 404 })
    else if (method !== 'GET' && method !== 'HEAD') response = new Response(null, { status: 405 })
    else if ('redirect' in intent) {
      const search = new URL(request.url).search
      response = new Response(null, {
        status: 307,
        headers: { Location: encodeURI(intent.redirect) + search },
      })
    } else {
      const { asset, status } = intent
      const headers = new Headers({ ETag: `"${asset.etag}"` })
      if (asset.contentType) headers.set('Content-Type', asset.contentType)
      if (!request.headers.has('Authorization') && !request.headers.has('Range'))
        headers.set('Cache-Control', CACHE_CONTROL)
      const ifNoneMatch = request.headers.get('If-None-Match') ?? ''
      if (ifNoneMatch === `"${asset.etag}"` || ifNoneMatch === `W/"${asset.etag}"`)
        response = new Response(null, { status: 304, headers })
      else {
        const body = method === 'HEAD' ? null : await fs.promises.readFile(asset.file)
        response = new Response(body, { status, headers })
      }
    }
    applyHeaderRules(rules, pathname, response.headers)
    return response
  }

  const decode = (pathname: string) => {
    try {
      return decodeURIComponent(pathname)
    } catch {
      return pathname
    }
  }

  return {
    async handle(request) {
      const { pathname } = new URL(request.url)
      const route = routeOf(pathname)
      if (route === 'app') return null
      const intent = intentOf(decode(pathname))
      if (!intent && route === 'files-first') return null
      return answer(request, intent, pathname)
    },
    async fetch(request) {
      const { pathname } = new URL(request.url)
      return answer(request, intentOf(decode(pathname)), pathname)
    },
  }
}
