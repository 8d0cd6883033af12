// The Node home's settings: what wrangler.toml says (the [vars], the cron expressions, the
// assets directory and its routing, the migrations directory), each var overridden by an
// environment variable of the same name, plus the few settings only the Node home has.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, type TomlTable } from 'smol-toml'
import { PROVIDER_SETTINGS } from '../worker/lib/providers'

/**
 * The app's root (wrangler.toml, migrations/, dist/): the folder above this file's, which is the
 * repository for server/*.ts and for the bundle in dist-node/ alike.
 */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The header through which the Node entry tells the app the client's address (see
 * server/proxy.ts). The entry overwrites it on every request, so a client cannot set it.
 */
export const CLIENT_HEADER = 'x-jushou-client-address'

/** `CLIENT_ADDRESS` on Node unless the environment names another source. */
export const NODE_CLIENT_ADDRESS = `header:${CLIENT_HEADER}`

/** Assets routing, as wrangler.toml's [assets] states it. */
export type AssetsConfig = {
  directory: string
  /** true: the app answers first everywhere; a list: the paths it answers first; false: none. */
  runWorkerFirst: boolean | string[]
  notFoundHandling: 'single-page-application' | '404-page' | 'none'
}

export type NodeConfig = {
  root: string
  /** The SQLite file (JUSHOU_DATABASE, default data/jushou.sqlite under the root). */
  database: string
  port: number
  host: string
  migrationsDir: string
  assets: AssetsConfig | null
  /** Addresses and CIDR ranges whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustedProxies: string[]
  /** The app's vars: wrangler.toml [vars], each overridden by the environment. */
  vars: Record<string, string>
  /** wrangler.toml [triggers] crons. */
  crons: string[]
  /** wrangler.toml's first [[queues.consumers]]: the notification queue, run in-process. */
  queue: { name: string; maxBatchSize: number; maxRetries: number } | null
}

type Toml = TomlTable

const tableOf = (value: unknown): Toml =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Toml) : {}

const stringOf = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value)

/** wrangler.toml of `root`, parsed. */
export const readWranglerToml = (root = APP_ROOT): Toml =>
  parse(fs.readFileSync(path.join(root, 'wrangler.toml'), 'utf8'))

const assetsOf = (toml: Toml, root: string): AssetsConfig | null => {
  const assets = tableOf(toml.assets)
  const directory = stringOf(assets.directory)
  if (!directory) return null
  const first = assets.run_worker_first
  const handling = stringOf(assets.not_found_handling)
  return {
    directory: path.resolve(root, directory),
    runWorkerFirst: Array.isArray(first) ? first.map(String) : first === true,
    notFoundHandling:
      handling === 'single-page-application' || handling === '404-page' ? handling : 'none',
  }
}

const DEFAULT_TRUSTED_PROXIES = 'loopback'

/**
 * The settings from wrangler.toml under `root` and the environment.
 *   JUSHOU_DATABASE   the SQLite file (default data/jushou.sqlite)
 *   PORT, HOST        where to listen (default 8787 on 127.0.0.1)
 *   TRUSTED_PROXIES   comma-separated addresses / CIDRs, or `loopback` (the default), or `none`
 *   any [vars] name   overrides that var; CLIENT_ADDRESS defaults to the Node entry's header
 * @example const config = loadConfig(process.env)
 */
export const loadConfig = (
  environment: Record<string, string | undefined> = process.env,
  root = APP_ROOT,
): NodeConfig => {
  const toml = readWranglerToml(root)
  const vars: Record<string, string> = {}
  for (const [name, value] of Object.entries(tableOf(toml.vars)))
    vars[name] = environment[name] ?? stringOf(value) ?? ''
  // The notification providers' secrets (README, Notifications) come from the environment only.
  for (const name of PROVIDER_SETTINGS) {
    const value = environment[name]
    if (value) vars[name] = value
  }
  // wrangler.toml's CLIENT_ADDRESS ("cloudflare") needs request.cf, which only Cloudflare adds.
  vars.CLIENT_ADDRESS = environment.CLIENT_ADDRESS ?? NODE_CLIENT_ADDRESS
  const d1 = Array.isArray(toml.d1_databases) ? tableOf(toml.d1_databases[0]) : {}
  const crons = tableOf(toml.triggers).crons
  const consumers = tableOf(toml.queues).consumers
  const consumer = Array.isArray(consumers) ? tableOf(consumers[0]) : null
  return {
    root,
    database: path.resolve(root, environment.JUSHOU_DATABASE || 'data/jushou.sqlite'),
    port: Number(environment.PORT || 8787),
    host: environment.HOST || '127.0.0.1',
    migrationsDir: path.resolve(root, stringOf(d1.migrations_dir) ?? 'migrations'),
    assets: assetsOf(toml, root),
    trustedProxies: (environment.TRUSTED_PROXIES ?? DEFAULT_TRUSTED_PROXIES)
      .split(/[\s,]+/)
      .filter(Boolean),
    vars,
    crons: Array.isArray(crons) ? crons.map(String) : [],
    queue: consumer?.queue
      ? {
          name: String(consumer.queue),
          maxBatchSize: Number(consumer.max_batch_size ?? 10),
          maxRetries: Number(consumer.max_retries ?? 3),
        }
      : null,
  }
}
