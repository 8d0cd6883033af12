import { importTs } from '../lib/worker-import.mjs'
import { rng } from '../lib/random.mjs'

// The activities issue: a 暑托班 opening at a fixed time and hundreds of parents in the first
// minute. Cases: the public activity page and one registration (steady load, as ratios to the
// floor). Report: a flash crowd of 2,000 registrations for 3 sessions (30, 60 and 100 seats,
// parties of 1–3) released at the opening instant, measured (req/s, p50/p99, ratio to a floor
// burst of the same shape) and then verified against the rules of worker/domain/capacity.ts:
// no over-booking; statuses exactly those of a sequential replay in arrival (seq) order, so the
// waitlist is FIFO and filled as far as sizes allow; gap-free seq and waitlist positions; nothing
// lost (every request got a registration that exists, a replay of one, or a clear refusal).

const CROWD = 2_000
/** Requests in flight at once: a crowd on many phones, bounded so the client is not the limit. */
const IN_FLIGHT = 200
const CAPACITIES = [30, 60, 100]
/** Shares of the crowd that double-submit (same idempotency key) and re-register a phone. */
const REPLAY_SHARE = 0.02
const DUPLICATE_SHARE = 0.02
/** Requests sent just before the opening: refused (409), as the server must. */
const EARLY = 20

const ip = (i) => `198.19.${(i >> 8) & 255}.${i & 255}`
const phoneOf = (i) => `137${String(i).padStart(8, '0')}`

const createActivity = async (ctx, body) => {
  const res = await ctx.fetch({
    method: 'POST',
    path: '/api/activities',
    cookie: ctx.cookies.staff,
    body,
  })
  if (res.status !== 201)
    throw new Error(`bench flash-crowd: create activity failed ${res.status} ${await res.text()}`)
  const activity = await res.json()
  const list = await ctx.fetch({
    path: `/api/activity-sessions?filter=${encodeURIComponent(JSON.stringify({ activityId: activity.id }))}`,
    cookie: ctx.cookies.staff,
  })
  return { activity, sessions: await list.json() }
}

// Steady cases: one activity open now with a session big enough that every request is confirmed.
const setup = async (ctx) => {
  if (ctx.state.activities) return
  const start = Date.now() + 7 * 86400_000
  const run = Date.now().toString(36)
  ctx.state.activities = await createActivity(ctx, {
    neighborhoodId: 1,
    title: '基准测试：周末亲子活动',
    description: '为 bench 准备的活动。',
    place: '社区活动室',
    slug: `bench-steady-${run}`,
    status: 'published',
    sessions: [
      {
        label: '上午',
        startsAt: start,
        endsAt: start + 3 * 3600_000,
        capacity: 100_000,
        maxParty: 3,
      },
    ],
  })
  ctx.state.activities.run = run
}

export const cases = [
  {
    name: 'activity-page',
    title: 'GET /a/<slug>: an activity with its sessions and seats left',
    order: 70,
    goal: 0.5,
    setup,
    request: (ctx) => ({ path: `/a/${ctx.state.activities.activity.slug}` }),
    expect: 200,
  },
  {
    name: 'activity-register',
    title:
      'POST /a/<slug>/s/<id> JSON: one registration (rate limit, idempotency key, guarded insert)',
    order: 71,
    goal: 0.3,
    setup,
    request: (ctx, i) => {
      const { activity, sessions, run } = ctx.state.activities
      const n = i < 0 ? 99_999_999 : i
      return {
        method: 'POST',
        path: `/a/${activity.slug}/s/${sessions[0].id}`,
        headers: { 'idempotency-key': `bench-${run}-${n}`, 'cf-connecting-ip': ip(n) },
        body: {
          name: '基准家长',
          phone: `136${String(n).padStart(8, '0')}`,
          partySize: 1 + (n % 3),
        },
      }
    },
    expect: 201,
  },
]

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

/** Runs `jobs` (functions returning promises) with at most `limit` in flight; returns their results. */
const pool = async (jobs, limit) => {
  const out = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      out[i] = await jobs[i]()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker))
  return out
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Whether a parent's phone would send the form again: the dev server restarted the worker
 * mid-request (503, or the connection dropped), or the server asked to retry. The resend carries
 * the same idempotency key, so it cannot register twice.
 */
const retriable = (r) =>
  r.status === 503 ||
  String(r.status).startsWith('error:') ||
  (r.status === 409 && r.body?.message?.includes('处理中'))

/**
 * Sends `reqs` as a burst (at most IN_FLIGHT at once), resending retriable answers for up to ~30 s;
 * returns per-request outcomes with latencies (first send to final answer) and the wall time.
 */
const burst = async (ctx, reqs) => {
  const started = performance.now()
  const once = async (req) => {
    try {
      const res = await ctx.fetch(req)
      const text = await res.text()
      let body = null
      try {
        body = JSON.parse(text)
      } catch {}
      return { status: res.status, body, text: text.slice(0, 160) }
    } catch (e) {
      return { status: `error:${e.cause?.code ?? e.name}`, body: null, text: '' }
    }
  }
  const results = await pool(
    reqs.map((req) => async () => {
      const t0 = performance.now()
      let r = await once(req)
      let retries = 0
      const resentAfter = retriable(r) ? `${r.status}${r.status === 409 ? ' 处理中' : ''}` : null
      while (retriable(r) && retries < 15) {
        await sleep(Math.min(2_000, 250 * ++retries))
        r = await once(req)
      }
      return { ...r, retries, resentAfter, ms: performance.now() - t0, answeredAt: Date.now() }
    }),
    IN_FLIGHT,
  )
  return { results, seconds: (performance.now() - started) / 1000 }
}

const stats = ({ results, seconds }) => {
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b)
  const round = (x) => Number(x.toFixed(1))
  return {
    requests: results.length,
    seconds: round(seconds),
    rps: round(results.length / seconds),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
  }
}

const sleepUntil = (t) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())))

/** The crowd: who posts what, in which order (deterministic). */
const plan = (slug, sessions, run) => {
  const r = rng(`flash-crowd:${run}`)
  const reqs = []
  const meta = []
  for (let i = 0; i < CROWD; i++) {
    const replayOf = i > 10 && r.chance(REPLAY_SHARE) ? r.int(0, i - 1) : null
    const dupOf = replayOf === null && i > 10 && r.chance(DUPLICATE_SHARE) ? r.int(0, i - 1) : null
    const base = replayOf ?? dupOf
    const session = base === null ? r.pick(sessions) : meta[base].session
    const phone = base === null ? phoneOf(i) : meta[base].phone
    const key = replayOf === null ? `crowd-${run}-${i}` : meta[replayOf].key
    const partySize = base === null ? r.int(1, 3) : meta[base].partySize
    meta.push({ i, session, phone, key, partySize, replayOf, dupOf })
    reqs.push({
      method: 'POST',
      path: `/a/${slug}/s/${session.id}`,
      headers: { 'idempotency-key': key, 'cf-connecting-ip': ip(i) },
      body: { name: `家长${i}`, phone, partySize },
    })
  }
  return { reqs, meta }
}

const CAPACITY_TS = `export { capacityViolations, replayArrivals } from './worker/domain/capacity'`

/** Checks the crowd's outcome against the database; returns failures and per-session figures. */
const verify = async (ctx, { activity, sessions, early, crowd, meta, opensAt }) => {
  const { capacityViolations, replayArrivals } = await importTs(CAPACITY_TS)
  const [{ results: rows }] = await ctx.query(
    `SELECT id, session_id AS sessionId, seq, party_size AS partySize, status, phone, token FROM registrations WHERE activity_id = ${activity.id} ORDER BY session_id, seq`,
  )
  const failures = []
  const perSession = []
  for (const s of sessions) {
    const regs = rows.filter((r) => r.sessionId === s.id)
    const seqs = regs.map((r) => r.seq)
    if (seqs.some((q, i) => q !== i + 1))
      failures.push(`session ${s.id}: seq not 1..${regs.length} without gaps`)
    const expected = replayArrivals(
      s.capacity,
      regs.map((r) => ({ seq: r.seq, partySize: r.partySize })),
    )
    const wrong = regs.filter((r, i) => r.status !== expected[i])
    if (wrong.length)
      failures.push(
        `session ${s.id}: ${wrong.length} statuses differ from the arrival-order replay (first: seq ${wrong[0].seq})`,
      )
    const violations = capacityViolations(s.capacity, regs)
    for (const v of violations) failures.push(`session ${s.id}: ${v}`)
    const seats = regs.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.partySize, 0)
    // Waitlist positions as the API reports them (pages of 500): 1..k in seq order.
    const listed = []
    for (let from = 0; ; from += 500) {
      const res = await ctx.fetch({
        path: `/api/registrations?${new URLSearchParams({
          filter: JSON.stringify({ sessionId: s.id, status: 'waitlisted' }),
          sort: JSON.stringify(['seq', 'ASC']),
          range: JSON.stringify([from, from + 499]),
        })}`,
        cookie: ctx.cookies.staff,
      })
      const page = await res.json()
      listed.push(...page)
      if (page.length < 500) break
    }
    const waitlisted = regs.filter((r) => r.status === 'waitlisted')
    if (
      listed.length !== waitlisted.length ||
      listed.some((x, i) => x.waitlistPosition !== i + 1 || x.id !== waitlisted[i].id)
    )
      failures.push(
        `session ${s.id}: waitlist positions are not 1..${waitlisted.length} in arrival order`,
      )
    perSession.push({
      sessionId: s.id,
      capacity: s.capacity,
      registrations: regs.length,
      confirmedSeats: seats,
      confirmed: regs.length - waitlisted.length,
      waitlisted: waitlisted.length,
    })
  }
  // Nothing lost: every answer is a registration that exists (or the stored result of a replay),
  // or a clear refusal; every registration row was answered to someone.
  const byToken = new Map(rows.map((r) => [r.token, r]))
  const keyOfToken = new Map()
  const outcome = {
    created: 0,
    replayed: 0,
    duplicateRefused: 0,
    otherRefused: 0,
    earlyRefused: 0,
    failed: 0,
    resent: crowd.results.filter((r) => r.retries > 0).length,
    resentAfter: {},
  }
  for (const r of crowd.results)
    if (r.resentAfter)
      outcome.resentAfter[r.resentAfter] = (outcome.resentAfter[r.resentAfter] ?? 0) + 1
  crowd.results.forEach((r, i) => {
    const m = meta[i]
    if (r.status === 201) {
      const row = byToken.get(r.body?.token)
      if (!row) {
        failures.push(`request ${i}: 201 with a token that is not in the database`)
        return
      }
      if (row.sessionId !== m.session.id || row.phone !== m.phone)
        failures.push(`request ${i}: answered with another registration`)
      if (!keyOfToken.has(r.body.token)) {
        keyOfToken.set(r.body.token, m.key)
        outcome.created++
      } else if (keyOfToken.get(r.body.token) === m.key) outcome.replayed++
      else
        failures.push(`request ${i}: one registration answered to two different idempotency keys`)
    } else if (r.status === 409 && r.body?.message) {
      if (r.body.errors?.phone) outcome.duplicateRefused++
      else outcome.otherRefused++
    } else {
      outcome.failed++
      failures.push(`request ${i}: ${r.status} ${r.text}`)
    }
  })
  // An early post must be refused if the server handled it before the opening (it answered
  // before then); one handled after the opening may register (a slow machine).
  early.results.forEach((r, k) => {
    if (r.status === 409 && r.body?.message?.includes('还没有开始')) outcome.earlyRefused++
    else if (r.status === 201 && r.answeredAt >= opensAt && byToken.has(r.body?.token))
      keyOfToken.set(r.body.token, `early-${k}`)
    else
      failures.push(
        `early request answered ${r.status} at opening${r.answeredAt - opensAt >= 0 ? '+' : ''}${r.answeredAt - opensAt} ms: ${r.text}`,
      )
  })
  if (keyOfToken.size !== rows.length)
    failures.push(`${rows.length} registrations in the database, ${keyOfToken.size} answered`)
  return { failures: failures.slice(0, 20), failureCount: failures.length, perSession, outcome }
}

export const reports = [
  {
    name: 'flash-crowd',
    title: `Flash crowd: ${CROWD} registrations for 3 sessions (${CAPACITIES.join(', ')} seats) at the opening instant`,
    run: async (ctx) => {
      const run = `${Date.now().toString(36)}`
      const start = Date.now() + 30 * 86400_000
      const { activity, sessions } = await createActivity(ctx, {
        neighborhoodId: 1,
        title: '基准测试：暑托班抢报名',
        slug: `bench-crowd-${run}`,
        status: 'published',
        opensAt: Date.now() + 86400_000,
        sessions: CAPACITIES.map((capacity, k) => ({
          label: `第${k + 1}期`,
          startsAt: start + k * 7 * 86400_000,
          endsAt: start + k * 7 * 86400_000 + 3 * 3600_000,
          capacity,
          maxParty: 3,
        })),
      })
      const { reqs, meta } = plan(activity.slug, sessions, run)
      // The floor burst: GET /api/auth/me in the same shape, just before the crowd.
      const floor = await burst(
        ctx,
        reqs.map(() => ({ path: '/api/auth/me', cookie: ctx.cookies.staff })),
      )
      // Registration opens in 6 s; a few parents press submit seconds before: the server must
      // refuse every post it handles before the opening instant.
      const opensAt = Date.now() + 6_000
      const put = await ctx.fetch({
        method: 'PUT',
        path: `/api/activities/${activity.id}`,
        cookie: ctx.cookies.staff,
        body: { opensAt },
      })
      if (put.status !== 200)
        throw new Error(
          `bench flash-crowd: setting the opening failed ${put.status} ${await put.text()}`,
        )
      await sleepUntil(opensAt - 5_000)
      const early = await burst(
        ctx,
        Array.from({ length: EARLY }, (_, k) => ({
          method: 'POST',
          path: `/a/${activity.slug}/s/${sessions[k % 3].id}`,
          headers: { 'idempotency-key': `early-${run}-${k}`, 'cf-connecting-ip': ip(10_000 + k) },
          body: { name: `早到家长${k}`, phone: `135${String(k).padStart(8, '0')}`, partySize: 1 },
        })),
      )
      await sleepUntil(opensAt + 50)
      const crowd = await burst(ctx, reqs)
      const f = stats(floor)
      const m = stats(crowd)
      const ratio = Number((m.rps / f.rps).toFixed(2))
      const check = await verify(ctx, { activity, sessions, early, crowd, meta, opensAt })
      const o = check.outcome
      const lines = [
        `${m.requests} requests, ${IN_FLIGHT} in flight: ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.seconds} s`,
        `floor burst (GET /api/auth/me, same shape): ${f.rps} req/s, p50 ${f.p50} ms → ratio ${ratio}`,
        ...check.perSession.map(
          (s) =>
            `session ${s.sessionId}: ${s.confirmedSeats}/${s.capacity} seats in ${s.confirmed} registrations, ${s.waitlisted} waitlisted (of ${s.registrations})`,
        ),
        `answers: ${o.created} registered, ${o.replayed} replays answered with the first result, ${o.duplicateRefused} duplicate phones refused, ` +
          `${o.otherRefused} other refusals, ${o.earlyRefused}/${EARLY} early posts refused, ${o.failed} failures` +
          (o.resent
            ? ` (${o.resent} resent with their key after ${JSON.stringify(o.resentAfter)})`
            : ''),
        check.failureCount === 0
          ? 'invariants: ✓ no over-booking ✓ statuses = arrival-order replay (FIFO, filled as far as sizes allow) ✓ gap-free seq and waitlist positions ✓ nothing lost'
          : `invariants: ✗ ${check.failureCount} violation(s): ${check.failures.join('; ')}`,
      ]
      const data = { crowd: m, floor: f, ratio, inFlight: IN_FLIGHT, ...check }
      if (check.failureCount) {
        const statuses = {}
        for (const r of crowd.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1
        throw new Error(
          `flash crowd broke invariants (answers ${JSON.stringify(statuses)}): ${check.failures.slice(0, 3).join('; ')}`,
        )
      }
      return { lines, data }
    },
  },
]
