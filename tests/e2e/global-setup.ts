// Starts one worker for all browser tests: fresh temp state, migrations, the demo seed, then
// `wrangler dev` on a free port. Tests get the URL with `inject('baseUrl')` (see browser.ts).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '../../scripts/lib/wrangler.mjs'
import { seedLocal } from '../../scripts/lib/seed-runner.mjs'
import { freePort, startDev } from '../../scripts/lib/dev-server.mjs'
import { startStandin, tencentSmsVars } from '../../scripts/lib/provider-standin.mjs'
import { notableLogLines, watchStalls } from './stall-watch'

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 */
    baseUrl: string
    /** The --persist-to dir of the running worker, for `querySql(sql, { persistTo })`. */
    persistTo: string
    /** The SMS providers' stand-in the worker sends through (GET <url>/_sent lists the texts). */
    standinUrl: string
  }
}

export default async function setup(project: TestProject) {
  const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-e2e-'))
  const log = path.join(persistTo, 'wrangler.log')
  await applyMigrations({ persistTo })
  await seedLocal({ persistTo })
  if (!fs.existsSync(path.resolve('dist/admin/index.html')))
    console.warn(
      'e2e: dist/admin/index.html is missing; run `npm run build:admin` (npm run test:e2e does).',
    )
  // SMS through 腾讯云短信, pointed at the local stand-in (scripts/lib/provider-standin.mjs).
  const standin = await startStandin()
  const sms = tencentSmsVars(standin.url)
  const dev = await startDev({
    port: await freePort(),
    persistTo,
    log,
    // E2E_LOG_LEVEL=info writes one line per request to wrangler.log (keep it with KEEP_E2E_STATE=1).
    logLevel: process.env.E2E_LOG_LEVEL ?? 'warn',
    extraArgs: Object.entries(sms).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  })
  project.provide('baseUrl', dev.url)
  project.provide('persistTo', persistTo)
  project.provide('standinUrl', standin.url)
  const watch = watchStalls(dev.url)
  return async () => {
    const stalls = await watch.stop()
    const notable = notableLogLines(fs.readFileSync(log, 'utf8'))
    if (stalls.length > 0)
      console.log(
        `e2e: /healthz was slow or silent ${stalls.length} time(s):\n` +
          stalls.map((s) => `  ${s.at} ${s.ms} ms ${s.outcome}`).join('\n'),
      )
    if (notable.length > 0)
      console.log(`e2e: wrangler.log says:\n  ${notable.slice(0, 40).join('\n  ')}`)
    await dev.stop()
    await standin.stop()
    // KEEP_E2E_STATE=1 keeps the database and wrangler.log for a post-mortem.
    if (process.env.KEEP_E2E_STATE) console.log(`e2e: state and wrangler.log kept in ${persistTo}`)
    else fs.rmSync(persistTo, { recursive: true, force: true })
  }
}
