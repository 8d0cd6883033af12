// `npm run bench -- --target node`: the bench's server is the Node home (dist-node/server.mjs)
// over a SQLite file in the bench's temp dir, seeded as the Workers target is (demo + scale).
// The bench sends each request's client address as cf-connecting-ip (what wrangler dev trusts);
// for Node the same address goes in X-Forwarded-For, which the server trusts from loopback.
import path from 'node:path'
import Database from 'better-sqlite3'
import { freePort } from '../lib/dev-server.mjs'
import { seedSqlite } from './seed.mjs'
import { importBundle, residentBytes, startNodeServer } from './server.mjs'

/**
 * Migrates and seeds `<persistTo>/bench.sqlite`, starts the server; `query(sql)` answers like
 * querySql (`[{ results }]`), through a connection of its own.
 * @example const node = await startNodeBench({ persistTo, scale: { topics: 10_000, neighborhoods: 20 } })
 */
export const startNodeBench = async ({ persistTo, scale, env = {}, log = () => {} }) => {
  const database = path.join(persistTo, 'bench.sqlite')
  const bundle = await importBundle({ build: true })
  const sqlite = bundle.openDatabase(database)
  bundle.applyMigrations(sqlite, bundle.loadConfig().migrationsDir)
  await seedSqlite(sqlite, { scale, log })
  sqlite.close()
  const server = await startNodeServer({
    port: await freePort(),
    database,
    env: { TRUSTED_PROXIES: 'loopback', ...env },
    log: path.join(persistTo, 'node.log'),
  })
  const db = new Database(database, { timeout: 5_000 })
  return {
    url: server.url,
    memory: () => residentBytes(server.pid),
    query: async (sql) => {
      const stmt = db.prepare(sql)
      if (stmt.reader) return [{ results: stmt.all() }]
      stmt.run()
      return [{ results: [] }]
    },
    stop: async () => {
      db.close()
      await server.stop()
    },
  }
}

/** The request headers for the Node target: the bench's client address as X-Forwarded-For. */
export const nodeHeaders = (headers) =>
  headers['cf-connecting-ip'] && !headers['x-forwarded-for']
    ? { ...headers, 'x-forwarded-for': headers['cf-connecting-ip'] }
    : headers
