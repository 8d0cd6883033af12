import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { residentBytes } from '../../scripts/node/server.mjs'
import { CHANNELS, DEMO_PASSWORD } from '../../scripts/node/seed.mjs'
import { applyMigrations } from '../../server/migrations'
import { app } from '../../worker/app'
import { type Homes, startHomes } from './homes'

// Runs on both homes: every request goes to the Node server and to `wrangler dev` (same
// migrations, same seed from the same instant), one after the other, and their answers are
// compared: status first, then what both must share (content type, headers, the JSON's shape,
// lists and counts). Covers signing in, every API route of the app (lists and records with real
// ids; every write with an empty body, which must be refused alike and never with a 5xx), a need
// filed through the resident page and seen in the list, workflow moves, exports, a
// registration, the static files, and the database both homes end up with.

type Home = 'node' | 'workers'
type Answer = {
  status: number
  headers: Headers
  bytes: Uint8Array
  text: string
  json: unknown
}
type Init = {
  method?: string
  body?: unknown
  form?: Record<string, string>
  as?: 'admin' | 'staff' | 'viewer'
  headers?: Record<string, string>
}

let homes: Homes
const cookies: Record<string, Record<Home, string>> = {}

const call = async (home: Home, url: string, init: Init = {}): Promise<Answer> => {
  const headers: Record<string, string> = { ...init.headers }
  if (init.as) headers.cookie = cookies[init.as][home]
  let body: string | undefined
  if (init.form) {
    body = new URLSearchParams(init.form).toString()
    headers['content-type'] = 'application/x-www-form-urlencoded'
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body)
    headers['content-type'] ??= 'application/json'
  }
  const base = home === 'node' ? homes.node.url : homes.workers.url
  const res = await fetch(base + url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
  })
  const bytes = new Uint8Array(await res.arrayBuffer())
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, bytes, text, json }
}

/** The same request on both homes, Node first. */
const both = async (url: string, init: Init = {}) => ({
  node: await call('node', url, init),
  workers: await call('workers', url, init),
})

/** A JSON value's structure: keys and value types, arrays by their first element. */
const shape = (value: unknown): unknown => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : []
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
    )
  return typeof value
}

const baseType = (a: Answer) => (a.headers.get('content-type') ?? '').split(';')[0]
const describeAnswer = (label: string, a: Answer) => `${label} ${a.status} ${a.text.slice(0, 300)}`

/** Both answered alike: same status and content type; JSON of the same shape and Content-Range. */
const expectSame = (r: { node: Answer; workers: Answer }, what: string) => {
  const context = `${what}\n${describeAnswer('node', r.node)}\n${describeAnswer('workers', r.workers)}`
  expect(r.node.status, context).toBe(r.workers.status)
  expect(baseType(r.node), context).toBe(baseType(r.workers))
  expect(r.node.headers.get('content-range'), context).toBe(r.workers.headers.get('content-range'))
  if (r.workers.json !== undefined) {
    expect(shape(r.node.json), context).toEqual(shape(r.workers.json))
    const code = (j: unknown) =>
      j && typeof j === 'object' ? (j as { code?: unknown }).code : null
    expect(code(r.node.json), context).toBe(code(r.workers.json))
  }
}

const QR = CHANNELS.find((c) => c.neighborhoodId === 1 && c.kind === 'qr')!
let addressCount = 0
/** A client address of its own for a request (rate limits count per address), sent as each
 * home's trusted source names it: cf-connecting-ip for wrangler dev, X-Forwarded-For for Node
 * (which trusts it from loopback, where the test runs). */
const fromNewAddress = () => {
  const n = ++addressCount
  const address = `198.51.${100 + (n >> 8)}.${n & 255}`
  return { 'cf-connecting-ip': address, 'x-forwarded-for': address }
}

beforeAll(async () => {
  homes = await startHomes()
  for (const role of ['admin', 'staff', 'viewer'] as const) {
    cookies[role] = { node: '', workers: '' }
    for (const home of ['node', 'workers'] as const) {
      const res = await call(home, '/api/auth/login', {
        body: { username: role, password: DEMO_PASSWORD },
        headers: fromNewAddress(),
      })
      expect(res.status, describeAnswer(home, res)).toBe(200)
      cookies[role][home] = res.headers.get('set-cookie')!.split(';')[0]
    }
  }
}, 300_000)

afterAll(async () => {
  await homes?.stop()
})

describe('both homes: the Node server', () => {
  // Idle: its database thread ends 10 s after the last write (the sign-ins wrote sessions), and
  // V8 hands back start-up garbage after about as long.
  it('uses less than 100 MiB of memory when idle', async () => {
    const mib = () => residentBytes(homes.node.pid) / 1024 / 1024
    const busy = mib()
    const deadline = Date.now() + 30_000
    while (mib() >= 100 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 500))
    console.log(
      `node server resident memory after start and sign-ins: ${busy.toFixed(1)} MiB, idle: ${mib().toFixed(1)} MiB`,
    )
    expect(mib()).toBeLessThan(100)
  }, 40_000)
})

describe('both homes: auth', () => {
  it('GET /api/auth/me answers the same user', async () => {
    const r = await both('/api/auth/me', { as: 'staff' })
    expectSame(r, 'me')
    expect(r.node.json).toEqual(r.workers.json)
  })

  it('a wrong password is 401 on both', async () => {
    const r = await both('/api/auth/login', {
      body: { username: 'viewer', password: 'wrong-password' },
      headers: fromNewAddress(),
    })
    expectSame(r, 'wrong password')
    expect(r.node.status).toBe(401)
  })

  it('without a session the API is 401 on both', async () => {
    const r = await both('/api/topics')
    expectSame(r, 'no session')
    expect(r.node.status).toBe(401)
  })

  it('a viewer cannot write: 403 on both', async () => {
    const r = await both('/api/topics', {
      as: 'viewer',
      body: { neighborhoodId: 1, title: '只读用户不能写', channelKind: 'phone' },
    })
    expectSame(r, 'viewer write')
    expect(r.node.status).toBe(403)
  })
})

// ── every API route of the app ──

type Route = { method: string; path: string }
const apiRoutes = (): Route[] => {
  const seen = new Set<string>()
  const routes: Route[] = []
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path.includes('*')) continue
    const key = `${r.method} ${r.path}`
    if (seen.has(key)) continue
    seen.add(key)
    routes.push({ method: r.method, path: r.path })
  }
  return routes
}
/** Routes the sweep leaves to their own tests (they end the session or change its password). */
const OWN_TESTS = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/login',
])

describe('both homes: every API route', () => {
  const routes = apiRoutes()
  const lists = routes.filter((r) => r.method === 'GET' && !r.path.includes(':'))
  const firstIds = new Map<string, number>()

  it(`lists (${lists.length} GET routes without parameters) answer alike for admin`, async () => {
    for (const route of lists) {
      const r = await both(route.path, { as: 'admin' })
      expectSame(r, `GET ${route.path}`)
      expect(r.workers.status, `GET ${route.path}`).toBeLessThan(500)
      if (Array.isArray(r.workers.json)) {
        expect((r.node.json as { id?: unknown }[]).map((x) => x.id)).toEqual(
          (r.workers.json as { id?: unknown }[]).map((x) => x.id),
        )
        const first = (r.workers.json as { id?: unknown }[])[0]
        if (typeof first?.id === 'number') firstIds.set(route.path, first.id)
      }
    }
    expect(firstIds.size).toBeGreaterThan(10)
  })

  it('records (GET routes with an id) answer alike, with a real id where a list has one', async () => {
    for (const route of routes.filter((r) => r.method === 'GET' && r.path.includes(':'))) {
      const list = route.path.split('/:')[0]
      const id = firstIds.get(list) ?? 999_999
      const url = route.path.replace(/:\w+/g, String(id))
      const r = await both(url, { as: 'admin' })
      expectSame(r, `GET ${route.path} (${url})`)
      expect(r.workers.status, `GET ${url}`).toBeLessThan(500)
    }
  })

  it('every write refuses an empty body or an unknown id alike, never with a 5xx', async () => {
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      if (OWN_TESTS.has(`${route.method} ${route.path}`)) continue
      const url = route.path.replace(/:\w+/g, '999999')
      const r = await both(url, { as: 'admin', method: route.method, body: {} })
      expectSame(r, `${route.method} ${route.path}`)
      expect(r.workers.status, `${route.method} ${url}`).toBeLessThan(500)
    }
  })
})

// ── the resident flow, the workflow, exports, a registration ──

describe('both homes: a need filed through the resident page', () => {
  const title = `两地测试：${Date.now().toString(36)}号楼楼顶漏水`
  const ids: Record<Home, number> = { node: 0, workers: 0 }

  it('shows the needs form of a QR point', async () => {
    const r = await both(`/q/${QR.code}`)
    expectSame(r, 'needs form')
    expect(r.node.status).toBe(200)
    expect(r.node.text).toContain('name="key"')
  })

  it('files it and answers the receipt with a tracking code', async () => {
    const form = {
      key: `both-homes-${Date.now()}`,
      title,
      details: '下雨天楼顶往下渗水，墙面发霉。',
      categoryId: '2',
      where: '7号楼',
    }
    const headers = fromNewAddress()
    const node = await call('node', `/q/${QR.code}`, { form, headers })
    const workers = await call('workers', `/q/${QR.code}`, { form, headers })
    expectSame({ node, workers }, 'receipt redirect')
    expect(node.status).toBe(303)
    // The receipt has its own address; its code comes from the cookie the filing set.
    for (const [home, a] of [
      ['node', node],
      ['workers', workers],
    ] as const) {
      const cookie = a.headers.get('set-cookie')!.split(';')[0]
      const receipt = await call(home, a.headers.get('location')!, {
        headers: { ...headers, cookie },
      })
      expect(receipt.status).toBe(200)
      expect(receipt.text).toMatch(/[A-Z0-9]{3}-[A-Z0-9]{3}/)
    }
  })

  it('is in the staff list (filter q), the same on both', async () => {
    const filter = encodeURIComponent(JSON.stringify({ q: title }))
    const r = await both(`/api/topics?filter=${filter}`, { as: 'staff' })
    expectSame(r, 'topics q')
    for (const home of ['node', 'workers'] as const) {
      const list = r[home].json as { id: number; title: string; status: string }[]
      expect(list.map((t) => [t.title, t.status])).toEqual([[title, 'submitted']])
      ids[home] = list[0].id
    }
    expect(ids.node).toBe(ids.workers)
  })

  it('moves: accepted with a public reply, then an illegal move is 409 on both', async () => {
    const accept = await both(`/api/topics/${ids.node}/transition`, {
      as: 'staff',
      body: { to: 'accepted', note: '已受理，物业本周上门查看。' },
    })
    expectSame(accept, 'accept')
    expect(accept.node.status).toBe(200)
    const illegal = await both(`/api/topics/${ids.node}/transition`, {
      as: 'staff',
      body: { to: 'done' },
    })
    expectSame(illegal, 'illegal move')
    expect(illegal.node.status).toBe(409)
    const events = await both(
      `/api/topic-events?filter=${encodeURIComponent(JSON.stringify({ topicId: ids.node }))}`,
      { as: 'staff' },
    )
    expectSame(events, 'events')
  })

  it('is adopted into a project with a checklist item', async () => {
    const project = await both('/api/projects', {
      as: 'staff',
      body: {
        neighborhoodId: 1,
        title: `${title}：修缮`,
        owningBody: '慧华苑居民区党总支',
        topicIds: [ids.node],
      },
    })
    expectSame(project, 'adopt')
    expect(project.node.status).toBe(201)
    const projectId = (project.node.json as { id: number }).id
    expect((project.workers.json as { id: number }).id).toBe(projectId)
    const item = await both('/api/checklist-items', {
      as: 'staff',
      body: { projectId, title: '请物业上门查看楼顶' },
    })
    expectSame(item, 'checklist item')
    expect(item.node.status).toBe(201)
    const record = await both(`/api/projects/${projectId}`, { as: 'staff' })
    expectSame(record, 'project record')
  })

  it('exports: CSV with a BOM and the same header row, XLSX a zip, on both', async () => {
    const filter = encodeURIComponent(JSON.stringify({ q: title }))
    const csv = await both(`/api/topics/export?format=csv&filter=${filter}`, { as: 'staff' })
    expectSame(csv, 'csv')
    expect(csv.node.status).toBe(200)
    expect([...csv.node.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.node.text.split('\n')[0]).toBe(csv.workers.text.split('\n')[0])
    expect(csv.node.text).toContain(title)
    const xlsx = await both(`/api/topics/export?format=xlsx&filter=${filter}`, { as: 'staff' })
    expectSame(xlsx, 'xlsx')
    expect(xlsx.node.status).toBe(200)
    expect(xlsx.node.text.slice(0, 2)).toBe('PK')
  })
})

describe('both homes: a registration', () => {
  it('registers through the activity page (JSON) and shows in the staff list', async () => {
    const key = `both-homes-reg-${Date.now()}`
    const body = { name: '两地测试家长', phone: '13912345678', partySize: 1, key }
    const r = await both('/a/qinzi-shougong/s/2', {
      body,
      headers: { ...fromNewAddress(), 'idempotency-key': key },
    })
    expectSame(r, 'register')
    expect(r.node.status).toBe(201)
    const status = (a: Answer) => (a.json as { status: string }).status
    expect(status(r.node)).toBe(status(r.workers))
    const list = await both(
      `/api/registrations?filter=${encodeURIComponent(JSON.stringify({ sessionId: 2 }))}&range=${encodeURIComponent('[0,99]')}`,
      { as: 'staff' },
    )
    expectSame(list, 'registrations')
    expect((list.node.json as { name: string }[]).some((x) => x.name === '两地测试家长')).toBe(true)
  })
})

// ── static files and resident pages ──

describe('both homes: static files (dist/) as Workers assets serve them', () => {
  const asset = fs.existsSync('dist/admin/assets') ? fs.readdirSync('dist/admin/assets')[0] : null
  const cases: [string, Init][] = [
    ['/admin/', {}],
    ['/admin', {}],
    ['/admin/index.html', {}],
    ['/admin/index', {}],
    ['/admin/topics/1', { headers: { 'sec-fetch-mode': 'navigate' } }],
    ['/admin/assets/missing-file.js', {}],
    ['/admin/', { method: 'POST' }],
    ['/admin/', { method: 'HEAD' }],
    ['/_headers', {}],
    ['/favicon.ico', {}],
    ...(asset ? [[`/admin/assets/${asset}`, {}] as [string, Init]] : []),
  ]
  for (const [url, init] of cases)
    it(`${init.method ?? 'GET'} ${url}${init.headers ? ' (navigation)' : ''}`, async () => {
      const r = await both(url, init)
      expectSame(r, url)
      // A page's CSP nonce is new on every answer.
      const header = (a: Answer, name: string) =>
        a.headers.get(name)?.replace(/'nonce-[^']+'/g, "'nonce-…'") ?? null
      for (const name of [
        'cache-control',
        'location',
        'content-security-policy',
        'x-frame-options',
      ])
        expect(header(r.node, name), `${url} ${name}`).toBe(header(r.workers, name))
      expect(r.node.headers.has('etag')).toBe(r.workers.headers.has('etag'))
      expect(r.node.text.length).toBe(r.workers.text.length)
    })

  it('answers 304 to a matching If-None-Match on both', async () => {
    for (const home of ['node', 'workers'] as const) {
      const first = await call(home, '/admin/')
      const etag = first.headers.get('etag')
      if (!etag) continue
      const again = await call(home, '/admin/', { headers: { 'if-none-match': etag } })
      expect(again.status, home).toBe(304)
    }
  })

  it('resident pages without parameters answer alike', async () => {
    for (const r of app.routes) {
      if (r.method !== 'GET' || r.path.startsWith('/api') || /[:*]/.test(r.path)) continue
      const res = await both(r.path)
      expectSame(res, `GET ${r.path}`)
    }
  })
})

// ── the database each home ends up with ──

describe('both homes: the same schema and migration records', () => {
  const SCHEMA = `SELECT type, name, tbl_name, sql FROM sqlite_schema
    WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY type, name`
  const wranglerFile = () => {
    const dir = path.join(homes.workers.persistTo, 'v3/d1/miniflare-D1DatabaseObject')
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.sqlite'))
    return path.join(dir, file!)
  }

  it('has identical tables, indexes, triggers and d1_migrations rows', () => {
    const read = (file: string) => {
      const db = new Database(file, { readonly: true, fileMustExist: true })
      try {
        return {
          schema: db.prepare(SCHEMA).all(),
          migrations: db.prepare('SELECT id, name FROM d1_migrations ORDER BY id').all(),
        }
      } finally {
        db.close()
      }
    }
    const node = read(homes.node.database)
    const workers = read(wranglerFile())
    expect(node.migrations.length).toBeGreaterThan(5)
    expect(node.migrations).toEqual(workers.migrations)
    expect(node.schema).toEqual(workers.schema)
  })

  it('takes a database migrated by wrangler as up to date', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-copy-'))
    try {
      const copy = path.join(dir, 'from-wrangler.sqlite')
      const source = new Database(wranglerFile(), { readonly: true, fileMustExist: true })
      await source.backup(copy)
      source.close()
      const db = new Database(copy)
      expect(applyMigrations(db, path.resolve('migrations'))).toEqual([])
      db.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
