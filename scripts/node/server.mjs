// Starts the built Node home (dist-node/server.mjs) as a child process, for tests and the bench,
// the way scripts/lib/dev-server.mjs starts `wrangler dev`.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { waitForHealth } from '../lib/dev-server.mjs'
import { ROOT } from '../lib/wrangler.mjs'
import { BUNDLE, buildNodeBundle } from './bundle.mjs'

/**
 * How production runs the bundle (Dockerfile, deploy/jushou.service): a small young generation
 * keeps the idle server under 100 MiB; no --enable-source-maps (it holds the 4 MB map in memory;
 * add it when reading a stack trace).
 */
export const NODE_FLAGS = ['--max-semi-space-size=2']
/** …and environment: two malloc arenas, not one per thread that ever allocated (a few MiB each). */
export const NODE_ENV = { MALLOC_ARENA_MAX: '2' }

/** Imports the bundle (building it first when it is missing or `build` is set). */
export const importBundle = async ({ build = false } = {}) => {
  if (build || !fs.existsSync(BUNDLE)) await buildNodeBundle()
  return import(`${BUNDLE}?t=${fs.statSync(BUNDLE).mtimeMs}`)
}

/** The resident memory of a process, in bytes (Linux). */
export const residentBytes = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024
}

/**
 * Runs `node dist-node/server.mjs` on `port` over `database` and waits for /healthz.
 * `env` adds or overrides environment variables (e.g. TRUSTED_PROXIES); `log` is a file path or
 * 'inherit'.
 * @example const node = await startNodeServer({ port: await freePort(), database: `${dir}/db.sqlite` })
 */
export const startNodeServer = async ({ port, database, env = {}, log = 'inherit', timeoutMs }) => {
  const out = log === 'inherit' ? 'inherit' : fs.openSync(log, 'a')
  const child = spawn(process.execPath, [...NODE_FLAGS, BUNDLE], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...NODE_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      JUSHOU_DATABASE: database,
      ...env,
    },
    stdio: ['ignore', out, out],
  })
  if (typeof out === 'number') fs.closeSync(out)
  let exitCode = null
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? signal
      resolve(exitCode)
    }),
  )
  const killOnExit = () => child.kill('SIGKILL')
  process.on('exit', killOnExit)
  child.on('exit', () => process.off('exit', killOnExit))
  const stop = async () => {
    if (exitCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, { timeoutMs, exited: () => exitCode !== null })
  } catch (e) {
    await stop()
    const tail =
      typeof log === 'string' && log !== 'inherit' && fs.existsSync(log)
        ? `\n--- ${log} (tail) ---\n${fs.readFileSync(log, 'utf8').slice(-3000)}`
        : ''
    throw new Error(`node server: ${e.message}${tail}`)
  }
  return { url, port, pid: child.pid, child, exited, stop }
}
