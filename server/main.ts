// The Node home's entry, `node dist-node/server.mjs [command]` (built by `npm run build:node`):
//   (none) | serve        serve the app until SIGTERM / SIGINT (migrations are applied first)
//   migrate               apply migrations/ to the database and exit
//   backup [--dir D]      an online, checked copy of the database in D (default: backups/)
//   restore FILE          replace the database with a backup (stop the server first)
//   exec [--no-migrate]   run the SQL read from stdin in one transaction (e.g. the INSERT that
//                         `node scripts/create-admin.mjs --print` writes, or a D1 export)
// Settings come from wrangler.toml and the environment (server/config.ts). Imported (by scripts
// and tests), this file only exports the pieces.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { backupDatabase, restoreDatabase } from './backup'
import { loadConfig } from './config'
import { openDatabase } from './database'
import { applyMigrations } from './migrations'
import { startServer } from './server'

export { backupDatabase, restoreDatabase } from './backup'
export { APP_ROOT, loadConfig } from './config'
export { openDatabase } from './database'
export { applyMigrations } from './migrations'
export { startServer } from './server'

const serve = async () => {
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

const run = async (argv: string[]) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dir: { type: 'string' }, 'no-migrate': { type: 'boolean', default: false } },
  })
  const [command = 'serve', file] = positionals
  const config = loadConfig()
  if (command === 'serve') return serve()
  if (command === 'migrate') {
    const sqlite = openDatabase(config.database)
    const applied = applyMigrations(sqlite, config.migrationsDir)
    sqlite.close()
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'no migrations to apply')
    return
  }
  if (command === 'backup') {
    const dir = path.resolve(values.dir ?? path.join(config.root, 'backups'))
    const { file: copy, bytes } = await backupDatabase(config.database, dir)
    console.log(`backup: ${copy} (${(bytes / 1024 / 1024).toFixed(1)} MiB, integrity ok)`)
    return
  }
  if (command === 'restore' && file) {
    await restoreDatabase(path.resolve(file), config.database)
    console.log(`restore: ${config.database} now holds ${file}`)
    return
  }
  if (command === 'exec') {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    const sqlite = openDatabase(config.database)
    // --no-migrate: the SQL brings its own schema (a `wrangler d1 export` into an empty file).
    if (!values['no-migrate']) applyMigrations(sqlite, config.migrationsDir)
    sqlite.transaction(() => sqlite.exec(Buffer.concat(chunks).toString('utf8'))).immediate()
    sqlite.close()
    console.log('exec: done')
    return
  }
  console.error(
    'usage: server.mjs [serve | migrate | backup [--dir DIR] | restore FILE | exec [--no-migrate] < FILE.sql]',
  )
  process.exitCode = 2
}

const isMain =
  process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url
if (isMain)
  await run(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err)
    process.exit(1)
  })
