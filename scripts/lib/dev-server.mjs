// Starts `wrangler dev` as its own process group so that stopping it also ends workerd.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { ROOT, WRANGLER_BIN, wranglerEnv } from './wrangler.mjs'

/**
 * A TCP port that is free right now on 127.0.0.1.
 * @example const port = await freePort()
 */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

/** Whether something already listens on `port` (on any local address wrangler might use). */
export const portInUse = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Polls `<url>/healthz` until it answers 200. Rejects after `timeoutMs` or when `exited()` says
 * the server process died.
 */
export const waitForHealth = async (url, { timeoutMs = 90_000, exited = () => false } = {}) => {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`wrangler dev exited before ${url}/healthz answered`)
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })
      if (res.status === 200) return await res.json()
      last = `HTTP ${res.status}`
    } catch (e) {
      last = e.cause?.code ?? e.message
    }
    await sleep(300)
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms (last: ${last})`)
}

/**
 * Starts `wrangler dev` and waits for /healthz.
 * `log`: 'inherit' prints wrangler's output here; a file path writes it there. `logLevel` 'info'
 * also shows one line per request.
 * @example
 * const dev = await startDev({ port: await freePort(), persistTo: dir, log: `${dir}/wrangler.log` })
 * await fetch(`${dev.url}/healthz`)
 * await dev.stop()
 */
export const startDev = async ({
  port = 8787,
  ip = '127.0.0.1',
  host = ip,
  persistTo,
  inspectorPort,
  log = 'inherit',
  logLevel = 'warn',
  timeoutMs,
  extraArgs = [],
} = {}) => {
  const args = [
    WRANGLER_BIN,
    'dev',
    '--port',
    String(port),
    '--ip',
    ip,
    '--inspector-port',
    String(inspectorPort ?? (await freePort())),
    '--show-interactive-dev-session=false',
    '--log-level',
    logLevel,
    ...(persistTo ? ['--persist-to', persistTo] : []),
    ...extraArgs,
  ]
  // wrangler.toml serves ./dist as assets; on a fresh clone without an admin build it is missing.
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true })
  const out = log === 'inherit' ? 'inherit' : fs.openSync(log, 'a')
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: wranglerEnv(),
    stdio: ['ignore', out, out],
    detached: true,
  })
  if (typeof out === 'number') fs.closeSync(out)
  let exitCode = null
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? signal
      resolve(exitCode)
    }),
  )
  // If this process ends without stop() (Ctrl-C, a crash), don't leave wrangler and workerd behind.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  process.on('exit', killOnExit)
  child.on('exit', () => process.off('exit', killOnExit))
  const url = `http://${host}:${port}`
  const stop = async () => {
    if (exitCode !== null) return
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }, 5_000)
    await exited
    clearTimeout(timer)
  }
  try {
    await waitForHealth(url, { timeoutMs, exited: () => exitCode !== null })
  } catch (e) {
    await stop()
    const tail =
      typeof log === 'string' && log !== 'inherit' && fs.existsSync(log)
        ? `\n--- ${log} (tail) ---\n${fs.readFileSync(log, 'utf8').slice(-3000)}`
        : ''
    throw new Error(e.message + tail)
  }
  return { url, port, pid: child.pid, child, exited, stop }
}
