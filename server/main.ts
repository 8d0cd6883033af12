// The Node home's entry: `node dist-node/server.mjs` (built by `npm run build:node`) serves the
// app with the settings of server/config.ts until SIGTERM or SIGINT. Imported (by scripts and
// tests), it only exports the pieces.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadConfig } from './config'
import { startServer } from './server'

export { backupDatabase, restoreDatabase } from './backup'
export { APP_ROOT, loadConfig } from './config'
export { openDatabase } from './database'
export { applyMigrations } from './migrations'
export { startServer } from './server'

const isMain =
  process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url

if (isMain) {
  const config = loadConfig()
  const home = await startServer(config)
  console.log(
    `jushou: serving ${config.database} on ${home.url} (cron: ${config.crons.join(', ') || 'none'})`,
  )
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`jushou: ${signal}, stopping`)
    await home.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}
