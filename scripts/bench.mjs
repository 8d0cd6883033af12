#!/usr/bin/env node
// `npm run bench`: a worker of its own (temp state, free port) with the demo seed plus bench data
// (10,000 topics over 20 neighborhoods), then every case in scripts/bench/*.mjs measured from one
// run, each as a ratio to the floor. Results: stdout and bench-results/latest.json.
//
//   npm run bench
//   npm run bench -- --duration 5 --rounds 5 --concurrency 10 --only floor,topics-list
//   npm run bench -- --topics 10000 --neighborhoods 20 --keep   # keep the temp state
//   npm run bench -- --target node     # the same cases against the Node home (server/, SQLite)
//   npm run bench -- --client fetch    # load through Node's fetch() (heavier: see lib/http-client)
//   npm run bench -- --target node --neighborhoods 400 --scales 10000,100000,1000000 \
//     --only floor,topics-list,resident-board,resident-track,resident-submit
//                                      # the cases again after growing the data to each size
//
// A bench module (scripts/bench/<name>.mjs; `_`-prefixed files are skipped) exports either or both:
//   export const cases = [{
//     name: 'topics-list',            // unique; --only takes these names
//     title: 'GET /api/topics …',     // what is measured, for the table
//     floor: true,                    // exactly one case (core's GET /api/auth/me) is the floor
//     goal: 0.7,                      // optional: the least acceptable ratio to the floor
//     order: 20,                      // optional sort key (default 100)
//     setup: async (ctx) => {},       // optional, once before measuring
//     request: (ctx, i) => ({ method, path, headers?, body?, cookie? }),  // body objects → JSON
//     expect: 200,                    // the status every request must answer (or a list of them)
//   }]
//   export const reports = [{ name, title, run: async (ctx) => ({ lines: string[], data }) }]
// ctx: { baseUrl, persistTo, options, cookies: { staff }, signIn(username, password?) → cookie,
//        fetch(req) → Response, query(sql) → result sets (local D1 via wrangler), demo (core seed
//        exports), state: {} (free for modules) }
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { ROOT, applyMigrations, querySql } from './lib/wrangler.mjs'
import { seedLocal } from './lib/seed-runner.mjs'
import { freePort, startDev } from './lib/dev-server.mjs'
import { createSampler, runFor, summarize } from './lib/load.mjs'
import { createHttpClient } from './lib/http-client.mjs'
import * as demo from './seed/core.mjs'
import { nodeHeaders, startNodeBench } from './node/bench-target.mjs'
import { startStandin, tencentSmsVars } from './lib/provider-standin.mjs'

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '10' },
    topics: { type: 'string', default: '10000' },
    neighborhoods: { type: 'string', default: '20' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    target: { type: 'string', default: 'workers' },
    scales: { type: 'string' },
    client: { type: 'string', default: 'http' },
  },
})
const target = opts.target === 'node' ? 'node' : 'workers'
const options = {
  durationMs: Number(opts.duration) * 1000,
  warmupMs: Number(opts.warmup) * 1000,
  concurrency: Number(opts.concurrency),
  rounds: Math.max(1, Number(opts.rounds)),
  topics: Number(opts.topics),
  neighborhoods: Number(opts.neighborhoods),
  client: opts.client === 'fetch' ? 'fetch' : 'http',
}
const only = opts.only ? new Set(opts.only.split(',')) : null
// --scales: the cases are measured at the first size, then again after the seed grows the same
// data to each next size (the seed is idempotent: the first topics stay, more are added).
const scales = opts.scales ? opts.scales.split(',').map(Number) : [options.topics]
const say = (text) => console.log(text)
const MAX_NAME = 20
/** How long the Node server idles before its idle memory is read (the goal is about idle). */
const IDLE_SETTLE_MS = 15_000

// ── modules ──
const BENCH_DIR = path.join(ROOT, 'scripts/bench')
const cases = []
const reports = []
for (const file of fs
  .readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .sort()) {
  const mod = await import(pathToFileURL(path.join(BENCH_DIR, file)).href)
  for (const c of mod.cases ?? []) cases.push({ order: 100, ...c, module: file })
  for (const r of mod.reports ?? []) reports.push({ ...r, module: file })
}
cases.sort((a, b) => (b.floor ? 1 : 0) - (a.floor ? 1 : 0) || a.order - b.order)
const floorCase = cases.find((c) => c.floor)
if (!floorCase) throw new Error('bench: no case is marked floor: true')
const selected = cases.filter((c) => c.floor || !only || only.has(c.name))
const selectedReports = reports.filter((r) => !only || only.has(r.name))

// ── worker ──
const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-bench-'))
const log = path.join(persistTo, 'wrangler.log')
let dev
let query = (sql) => querySql(sql, { persistTo })
// SMS (the one-time codes of /me) through 腾讯云短信's API, answered by the local stand-in.
const standin = await startStandin()
const smsVars = tencentSmsVars(standin.url)
const cleanup = async () => {
  await dev?.stop()
  await standin.stop()
  if (!opts.keep) fs.rmSync(persistTo, { recursive: true, force: true })
}
process.on('SIGINT', async () => {
  await cleanup()
  process.exit(130)
})

const results = { cases: [], reports: [], failures: [] }
try {
  say(`bench: state in ${persistTo}`)
  /** Seeds (or grows) the data to `topics` and starts the server over it. */
  const startAt = async (topics) => {
    const seedStarted = Date.now()
    const scale = { topics, neighborhoods: options.neighborhoods }
    if (target === 'node') {
      dev = await startNodeBench({ persistTo, scale, env: smsVars, log: (l) => say(`bench: ${l}`) })
      query = dev.query
    } else {
      if (topics === scales[0]) await applyMigrations({ persistTo })
      await seedLocal({ persistTo, scale, log: (l) => say(`bench: ${l}`) })
    }
    const [
      {
        results: [counts],
      },
    ] = await query(
      'SELECT (SELECT count(*) FROM topics) AS topics, (SELECT count(*) FROM neighborhoods) AS neighborhoods, ' +
        '(SELECT count(*) FROM topics WHERE neighborhood_id = 1) AS staffTopics',
    )
    const dataset = { ...counts, seedSeconds: (Date.now() - seedStarted) / 1000 }
    say(
      `bench: seeded ${counts.topics} topics over ${counts.neighborhoods} neighborhoods ` +
        `(${counts.staffTopics} in the staff user's) in ${dataset.seedSeconds.toFixed(1)} s`,
    )
    let memory = null
    if (target === 'node') {
      // Right after start, then idle: V8 gives back the start-up garbage after ~10 s without work.
      const mib = () => Number((dev.memory() / 2 ** 20).toFixed(1))
      memory = { startMiB: mib() }
      await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS))
      memory.idleMiB = mib()
      say(
        `bench: Node server at ${dev.url} (${memory.startMiB} MiB resident at start, ` +
          `${memory.idleMiB} MiB after ${IDLE_SETTLE_MS / 1000} s idle)`,
      )
    } else {
      dev = await startDev({
        port: await freePort(),
        persistTo,
        log,
        extraArgs: Object.entries(smsVars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
      })
      say(`bench: wrangler dev at ${dev.url}`)
    }
    return { dataset, memory }
  }
  const first = await startAt(scales[0])
  results.dataset = first.dataset
  if (first.memory) results.memory = first.memory

  const request = options.client === 'fetch' ? fetch : createHttpClient()
  const send = (req) => {
    const headers = target === 'node' ? nodeHeaders({ ...req.headers }) : { ...req.headers }
    if (req.cookie) headers.cookie = req.cookie
    let body = req.body
    if (body !== undefined && typeof body !== 'string') {
      body = JSON.stringify(body)
      headers['content-type'] ??= 'application/json'
    }
    return request(`${dev.url}${req.path}`, {
      method: req.method ?? 'GET',
      headers,
      body,
      redirect: 'manual',
    })
  }
  const signIn = async (username, password = demo.DEMO_PASSWORD) => {
    const res = await send({
      method: 'POST',
      path: '/api/auth/login',
      body: { username, password },
    })
    if (res.status !== 200)
      throw new Error(`bench: sign-in as ${username} failed: ${res.status} ${await res.text()}`)
    return res.headers.get('set-cookie').split(';')[0]
  }
  const ctx = {
    baseUrl: dev.url,
    persistTo,
    options,
    cookies: { staff: await signIn('staff') },
    signIn,
    fetch: send,
    query,
    demo,
    state: {},
  }

  // ── cases ──
  // Each case is probed, warmed up, then measured in rounds of short slices, all cases taking
  // turns (see scripts/lib/load.mjs), so drifting load on the machine hits them alike.
  const live = []
  for (const c of selected) {
    const row = { name: c.name, title: c.title, module: c.module, goal: c.goal ?? null }
    results.cases.push(row)
    try {
      await c.setup?.(ctx)
      // One probe first, so a missing endpoint fails loudly instead of being measured as fast 404s.
      const req = c.request(ctx, -1)
      const probe = await send(req)
      if (![c.expect].flat().includes(probe.status)) {
        const text = (await probe.text()).slice(0, 300)
        throw new Error(
          `${req.method ?? 'GET'} ${decodeURIComponent(req.path)} answered ${probe.status}, ` +
            `expected ${c.expect}: ${text}${probe.status === 404 ? ' (is the endpoint there yet?)' : ''}`,
        )
      }
      await probe.arrayBuffer().catch(() => {})
      const sendCase = async (i) => {
        const res = await send(c.request(ctx, i))
        await res.arrayBuffer()
        return res.status
      }
      live.push({ c, row, send: sendCase, sampler: createSampler() })
    } catch (e) {
      row.error = e.message
      results.failures.push(`${c.name}: ${e.message.split('\n')[0].slice(0, 160)}`)
    }
  }
  const { concurrency } = options
  const sliceMs = Math.max(200, Math.round(options.durationMs / options.rounds))
  say(
    `bench: ${live.length} cases × ${options.rounds} rounds × ${sliceMs} ms at concurrency ${concurrency}` +
      ` (≈ ${Math.round((live.length * (options.durationMs + options.warmupMs)) / 1000)} s)`,
  )
  for (const l of live) await runFor({ send: l.send, ms: options.warmupMs, concurrency })
  for (let round = 0; round < options.rounds; round++)
    for (const l of live)
      await runFor({ send: l.send, ms: sliceMs, concurrency, sampler: l.sampler })
  // ── growth (--scales): the same cases again at each next size ──
  results.growth = []
  const growthRow = (dataset, list) => ({
    topics: dataset.topics,
    neighborhoods: dataset.neighborhoods,
    seedSeconds: dataset.seedSeconds,
    cases: Object.fromEntries(
      list.map((l) => {
        const m = summarize(l.sampler)
        return [l.c.name, { rps: m.rps, p50: m.p50, p99: m.p99, requests: m.requests }]
      }),
    ),
  })
  if (scales.length > 1) results.growth.push(growthRow(results.dataset, live))
  for (const topics of scales.slice(1)) {
    await dev.stop()
    const { dataset } = await startAt(topics)
    ctx.baseUrl = dev.url
    const again = live.map((l) => ({ ...l, sampler: createSampler() }))
    for (const l of again) await runFor({ send: l.send, ms: options.warmupMs, concurrency })
    for (let round = 0; round < options.rounds; round++)
      for (const l of again)
        await runFor({ send: l.send, ms: sliceMs, concurrency, sampler: l.sampler })
    results.growth.push(growthRow(dataset, again))
  }
  const floorLive = live.find((l) => l.c.floor)
  const floorRps = floorLive ? summarize(floorLive.sampler).rps : null
  results.floorRps = floorRps
  if (target === 'node') results.memory.afterLoadMiB = Number((dev.memory() / 2 ** 20).toFixed(1))
  for (const l of live) {
    const m = summarize(l.sampler)
    const unexpected =
      m.requests - [l.c.expect].flat().reduce((n, status) => n + (m.statuses[status] ?? 0), 0)
    Object.assign(l.row, m, { concurrency, unexpected })
    if (floorRps) {
      l.row.ratio = Number((m.rps / floorRps).toFixed(2))
      l.row.goalMet = l.row.goal === null ? null : l.row.ratio >= l.row.goal
    }
    if (unexpected > 0) {
      l.row.error = `${unexpected} of ${m.requests} requests did not answer ${l.c.expect}: ${JSON.stringify(m.statuses)}`
      results.failures.push(`${l.c.name}: ${l.row.error}`)
    }
  }

  // ── reports ──
  // Reports may compare measured cases (e.g. notify.mjs: a case against another).
  ctx.cases = results.cases
  for (const r of selectedReports) {
    try {
      const out = await r.run(ctx)
      results.reports.push({
        name: r.name,
        title: r.title,
        lines: out.lines,
        data: out.data ?? null,
      })
    } catch (e) {
      results.reports.push({ name: r.name, title: r.title, error: e.message })
      results.failures.push(`${r.name}: ${e.message}`)
    }
  }
} catch (e) {
  results.failures.push(e.message)
} finally {
  await cleanup()
}

// ── output ──
const pad = (v, n) => String(v ?? '').padStart(n)
say(
  `\n${target === 'node' ? 'Node home' : 'wrangler dev'}, ${results.dataset?.topics ?? '?'} topics; each case ${options.durationMs / 1000} s in ${options.rounds} rounds, concurrency ${options.concurrency}, client ${options.client}; floor = ${results.floorRps ?? '?'} req/s`,
)
say(
  [
    'case'.padEnd(MAX_NAME),
    pad('req/s', 8),
    pad('p50 ms', 8),
    pad('p99 ms', 8),
    pad('× floor', 8),
    pad('goal', 7),
    '  what',
  ].join(''),
)
for (const c of results.cases) {
  if (c.error) {
    say(`${c.name.padEnd(MAX_NAME)}${pad('FAILED', 8)}  ${c.title}\n    → ${c.error}`)
    continue
  }
  const goal = c.goal === null ? '' : `${c.goalMet ? '✓' : '✗'} ${c.goal}`
  say(
    [
      c.name.padEnd(MAX_NAME),
      pad(c.rps, 8),
      pad(c.p50, 8),
      pad(c.p99, 8),
      pad(c.ratio?.toFixed(2), 8),
      pad(goal, 7),
      `  ${c.title}`,
    ].join(''),
  )
}
for (const r of results.reports) {
  say(`\n── ${r.title} ──`)
  if (r.error) say(`FAILED: ${r.error}`)
  else for (const line of r.lines) say(line)
}
const record = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    node: process.version,
    platform: process.platform,
  },
  options,
  target,
  ...results,
}
fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true })
fs.writeFileSync(
  path.join(ROOT, `bench-results/${target === 'node' ? 'latest-node' : 'latest'}.json`),
  `${JSON.stringify(record, null, 2)}\n`,
)
if (results.growth?.length) {
  const firstRow = results.growth[0]
  say(`\n── growth: req/s (p99 ms) at each size; last ÷ first (goal: within 20 %) ──`)
  say(
    [
      'case'.padEnd(MAX_NAME),
      ...results.growth.map((g) => pad(`${g.topics} t`, 18)),
      pad('last/first', 11),
    ].join(''),
  )
  for (const name of Object.keys(firstRow.cases)) {
    const cells = results.growth.map((g) => g.cases[name])
    const ratio = cells.at(-1).rps / cells[0].rps
    say(
      [
        name.padEnd(MAX_NAME),
        ...cells.map((c) => pad(`${c.rps} (${c.p99})`, 18)),
        pad(`${ratio.toFixed(2)} ${ratio >= 0.8 ? '✓' : '✗'}`, 11),
      ].join(''),
    )
  }
}
if (results.memory)
  say(
    `\nNode server resident memory: ${results.memory.startMiB} MiB at start, ${results.memory.idleMiB} MiB idle (goal < 100), ${results.memory.afterLoadMiB ?? '?'} MiB after the load`,
  )
say(`\nbench: wrote bench-results/${target === 'node' ? 'latest-node' : 'latest'}.json`)
if (results.failures.length) {
  say(`bench: ${results.failures.length} failure(s):\n  ${results.failures.join('\n  ')}`)
  process.exit(1)
}
const missed = results.cases.filter((c) => c.goalMet === false)
if (missed.length)
  say(`bench: goals missed: ${missed.map((c) => `${c.name} ${c.ratio} < ${c.goal}`).join(', ')}`)
