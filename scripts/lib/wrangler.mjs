// Runs the project's pinned wrangler against the LOCAL D1 only. Remote use goes through
// scripts/create-admin.mjs or `npm run deploy`, never through these helpers.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const WRANGLER_BIN = path.join(ROOT, 'node_modules/wrangler/bin/wrangler.js')

/** The environment every wrangler child gets: no metrics, no update prompts. */
export const wranglerEnv = (extra = {}) => ({
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  // No network here: don't try to fetch the Request.cf placeholder from Cloudflare.
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  ...extra,
})

const persistArgs = (persistTo) => (persistTo ? ['--persist-to', persistTo] : [])

/**
 * Runs `wrangler <args>` and resolves with its output; rejects with the output on a non-zero exit.
 * @example await runWrangler(['d1', 'migrations', 'list', 'DB', '--local'])
 */
export const runWrangler = (args, { echo = false } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER_BIN, ...args], {
      cwd: ROOT,
      env: wranglerEnv({ CI: 'true' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
      if (echo) process.stdout.write(d)
    })
    child.stderr.on('data', (d) => {
      stderr += d
      if (echo) process.stderr.write(d)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr })
      else {
        const err = new Error(
          `wrangler ${args.join(' ')} exited with ${code}\n${stdout}\n${stderr}`,
        )
        reject(Object.assign(err, { stdout, stderr, code }))
      }
    })
  })

/**
 * Applies migrations/*.sql to the local D1 (default `.wrangler/state`, or `persistTo`).
 * @example await applyMigrations({ persistTo: '/tmp/jushou-e2e' })
 */
export const applyMigrations = ({ persistTo, echo } = {}) =>
  runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)], { echo })

/** Executes a .sql file against the local D1. */
export const executeFile = (file, { persistTo, echo } = {}) =>
  runWrangler(
    ['d1', 'execute', 'DB', '--local', '--yes', `--file=${file}`, ...persistArgs(persistTo)],
    {
      echo,
    },
  )

/**
 * Runs SQL against the local D1 and returns the result sets (one per statement).
 * @example const [{ results }] = await querySql('SELECT count(*) AS n FROM topics')
 */
export const querySql = async (sqlText, { persistTo } = {}) => {
  const args = ['d1', 'execute', 'DB', '--local', '--json', '--command', sqlText]
  // A second process on the file a running `wrangler dev` writes can find it locked for a moment
  // (SQLITE_BUSY); ask again rather than fail the caller.
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout } = await runWrangler([...args, ...persistArgs(persistTo)])
      return JSON.parse(stdout.slice(stdout.indexOf('[')))
    } catch (e) {
      if (attempt >= 5 || !String(e.message).includes('SQLITE_BUSY')) throw e
      await new Promise((r) => setTimeout(r, 200 * attempt))
    }
  }
}
