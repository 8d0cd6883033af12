// Both homes, seeded alike, for the suites that compare them: `wrangler dev` over a fresh local
// D1 (as tests/e2e/global-setup.ts starts it) and the built Node server (dist-node/server.mjs)
// over a fresh SQLite file, each with the migrations and the demo seed dated from the same
// instant, so that the same requests find the same rows.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, startDev } from '../../scripts/lib/dev-server.mjs'
import { seedLocal } from '../../scripts/lib/seed-runner.mjs'
import { applyMigrations } from '../../scripts/lib/wrangler.mjs'
import { importBundle, startNodeServer } from '../../scripts/node/server.mjs'
import { seedSqlite } from '../../scripts/node/seed.mjs'

export type Homes = {
  node: { url: string; pid: number; database: string }
  workers: { url: string; persistTo: string }
  stop(): Promise<void>
}

/**
 * Starts both homes (in parallel); `stop()` ends them and removes their state
 * (KEEP_NODE_STATE=1 keeps it, with both logs).
 * @example const homes = await startHomes(); … await homes.stop()
 */
export const startHomes = async (): Promise<Homes> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-homes-'))
  const persistTo = path.join(dir, 'wrangler')
  const database = path.join(dir, 'node.sqlite')
  const now = Date.now()

  const workers = (async () => {
    await applyMigrations({ persistTo })
    await seedLocal({ persistTo, now })
    return startDev({ port: await freePort(), persistTo, log: path.join(dir, 'wrangler.log') })
  })()
  const node = (async () => {
    const bundle = await importBundle({ build: true })
    const sqlite = bundle.openDatabase(database)
    bundle.applyMigrations(sqlite, path.resolve('migrations'))
    await seedSqlite(sqlite, { now })
    sqlite.close()
    return startNodeServer({ port: await freePort(), database, log: path.join(dir, 'node.log') })
  })()
  const [dev, server] = await Promise.all([workers, node])
  return {
    node: { url: server.url, pid: server.pid, database },
    workers: { url: dev.url, persistTo },
    async stop() {
      await Promise.all([dev.stop(), server.stop()])
      if (process.env.KEEP_NODE_STATE) console.log(`node tests: state and logs kept in ${dir}`)
      else fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
