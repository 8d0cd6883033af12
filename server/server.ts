// The Node home: the same Hono app as on Workers (worker/app.ts), with bindings that behave like
// the Workers ones: DB a D1 over a SQLite file (server/d1.ts), ASSETS the static files
// (server/assets.ts), the [vars] of wrangler.toml overridden by the environment
// (server/config.ts), the cron job in-process (server/cron.ts), and the client's address from the
// TCP peer or a trusted proxy (server/proxy.ts).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { getRequestListener } from '@hono/node-server'
import type Database from 'better-sqlite3'
import { app } from '../worker/app'
import { scheduled } from '../worker/scheduled'
import { queue } from '../worker/queue'
import { type AssetServer, assetServer } from './assets'
import type { NodeConfig } from './config'
import { type Pending, executionContext } from './context'
import { connectionWriter, startCheckpointer } from './checkpoint'
import { runScheduled, scheduleCrons } from './cron'
import { SqliteD1Database } from './d1'
import { bundledThreadScript, readsHereWritesThere, startDatabaseThread } from './d1-thread'
import { openDatabase } from './database'
import { applyMigrations } from './migrations'
import { prepareIncoming, trustedProxies } from './proxy'
import { inProcessQueue } from './queue'
import { installFastDigest } from './webcrypto'
import { nodeConnect } from './smtp-socket'

type Log = (line: string) => void

/**
 * The app's bindings. `wrangler types` types each var as its wrangler.toml value; on Node (as
 * with a var changed in Cloudflare's dashboard) a var holds whatever string it was given.
 */
const bindings = (
  vars: Record<string, string>,
  DB: D1Database,
  ASSETS: Fetcher,
  NOTIFY_QUEUE: Queue,
): Env => ({
  ...(vars as Vars),
  DB,
  ASSETS,
  SMTP_CONNECT: nodeConnect,
  NOTIFY_QUEUE,
})

/** The string-valued part of Env: the vars. A binding added to Env must be mapped above. */
type Vars = { [K in keyof Env as Env[K] extends string ? K : never]: Env[K] }

/** The ASSETS binding: the files' own answer, 404 when there is none. */
const assetsBinding = (assets: AssetServer | null): Fetcher => ({
  fetch: async (input, init) =>
    assets ? assets.fetch(new Request(input, init)) : new Response(null, { status: 404 }),
  connect: () => {
    throw new Error('ASSETS.connect() is not supported')
  },
})

// ── compression, as Cloudflare compresses for the browser ──

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/
const MIN_COMPRESS_BYTES = 1024
const compressedAssets = new Map<string, Uint8Array>()

/**
 * The body a response was made with, when @hono/node-server's Response holds it as a string or
 * bytes (c.json, c.html, c.text): reading it through arrayBuffer() would first build a web
 * Response and a stream around it, a good part of a short request's CPU.
 */
const heldBody = (response: Response): string | Uint8Array | null | undefined => {
  for (const key of Object.getOwnPropertySymbols(response)) {
    if (key.description !== 'cache') continue
    const body = (response as unknown as Record<symbol, unknown[] | undefined>)[key]?.[1]
    if (body === null || typeof body === 'string' || body instanceof Uint8Array) return body
  }
  return undefined
}

const byteLength = (body: string | Uint8Array) =>
  typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength

const compress = async (request: Request, response: Response) => {
  const type = response.headers.get('content-type') ?? ''
  const held = heldBody(response)
  if (
    held === null ||
    (held === undefined && !response.body) ||
    request.method === 'HEAD' ||
    response.headers.has('content-encoding') ||
    !COMPRESSIBLE.test(type) ||
    !/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')
  )
    return response
  if (held !== undefined && byteLength(held) < MIN_COMPRESS_BYTES) return response
  const body = held ?? new Uint8Array(await response.arrayBuffer())
  const headers = new Headers(response.headers)
  const init = { status: response.status, headers }
  if (byteLength(body) < MIN_COMPRESS_BYTES) return new Response(body, init)
  // A static file (it has an ETag) is compressed once, as well as it can be; a dynamic response
  // at the fastest level (several times cheaper than the default, a few per cent larger).
  const etag = response.headers.get('etag')
  let gzipped = etag ? compressedAssets.get(etag) : undefined
  if (!gzipped) {
    gzipped = gzipSync(body, { level: etag ? 9 : 1 })
    if (etag) compressedAssets.set(etag, gzipped)
  }
  headers.set('Content-Encoding', 'gzip')
  headers.delete('Content-Length')
  headers.append('Vary', 'Accept-Encoding')
  return new Response(gzipped, init)
}

/** The running Node home. */
export type NodeHome = {
  url: string
  env: Env
  sqlite: Database.Database
  /** Runs the cron job now, as its trigger would. */
  runCron(cron?: string): Promise<void>
  /** Stops taking requests, stops the cron timers, waits for pending work, closes the file. */
  close(): Promise<void>
}

/**
 * Opens the database (applying migrations), then serves the app on config.host:config.port
 * (port 0: a free one) and starts the cron timers.
 * @example const home = await startServer(loadConfig()); console.log(home.url)
 */
export const startServer = async (
  config: NodeConfig,
  {
    log = console.log as Log,
    crons = true,
    threadScript = bundledThreadScript,
  }: { log?: Log; crons?: boolean; threadScript?: string | null } = {},
): Promise<NodeHome> => {
  installFastDigest()
  const sqlite = openDatabase(config.database)
  for (const name of applyMigrations(sqlite, config.migrationsDir))
    log(`migrations: applied ${name}`)
  // An in-memory database is one per connection: it stays on this one.
  const thread =
    threadScript && config.database !== ':memory:'
      ? startDatabaseThread(config.database, threadScript, { log })
      : null
  const writers = [connectionWriter(sqlite), ...(thread ? [thread] : [])]
  const checkpoints = startCheckpointer(writers, config.database, { log })
  const assets = config.assets ? assetServer(config.assets) : null
  // The notification queue in-process (server/queue.ts), delivering to worker/queue.ts.
  const notify = inProcessQueue(
    config.queue ?? { name: 'jushou-notify', maxBatchSize: 10, maxRetries: 10 },
    (batch) => queue(batch as MessageBatch<{ id: number }>, env, ctx),
  )
  const env = bindings(
    config.vars,
    new SqliteD1Database(thread ? readsHereWritesThere(sqlite, thread) : sqlite),
    assetsBinding(assets),
    notify.binding,
  )
  const proxies = trustedProxies(config.trustedProxies)

  const pending: Pending = new Set()
  const toApp = async (request: Request): Promise<Response> => app.fetch(request, env, ctx)
  const ctx = executionContext(pending, toApp)
  const respond = async (request: Request) =>
    compress(request, (await assets?.handle(request)) ?? (await toApp(request)))
  const listener = getRequestListener(respond)
  const server = http.createServer((incoming, outgoing) => {
    prepareIncoming(incoming, proxies)
    listener(incoming, outgoing)
  })
  // Behind a proxy that keeps connections open, close idle ones before it does.
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  const runCron = (cron = config.crons[0] ?? '', scheduledTime = Date.now()) => {
    const run = runScheduled(scheduled, env, cron, { scheduledTime, self: toApp })
    pending.add(run)
    return run.finally(() => pending.delete(run))
  }
  const stopCrons = crons ? scheduleCrons(config.crons, runCron) : () => {}

  return {
    url,
    env,
    sqlite,
    runCron,
    async close() {
      stopCrons()
      notify.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      await Promise.allSettled([...pending])
      await checkpoints.stop()
      await thread?.close()
      sqlite.close()
    },
  }
}
