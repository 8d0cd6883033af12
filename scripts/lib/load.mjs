// A small, bounded load generator: `concurrency` loops sending requests for a fixed time.
// Good enough to compare routes of one worker against each other on one machine.
//
// On a shared machine the load from elsewhere drifts, so the bench measures in rounds: every
// case gets a short slice per round (floor, a, b, floor, a, b, …) and a case's figures are the
// sum of its slices. Slow drift then hits every case alike and the ratios stay fair.

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : NaN

/** Collects latencies and statuses over one or more slices. */
export const createSampler = () => ({ latencies: [], statuses: {}, seconds: 0, sent: 0 })

/**
 * Runs `send(i)` (resolving to an HTTP status) from `concurrency` loops for `ms`. Records into
 * `sampler` unless it is null (warm-up). Never sends more than `maxRequests` per slice.
 * @example const s = createSampler(); await runFor({ send, ms: 1000, sampler: s }); summarize(s)
 */
export const runFor = async ({
  send,
  ms,
  concurrency = 10,
  sampler = null,
  maxRequests = 50_000,
}) => {
  const until = Date.now() + ms
  let n = 0
  const started = performance.now()
  const loop = async () => {
    while (Date.now() < until && n < maxRequests) {
      const i = sampler ? sampler.sent++ : -1
      n++
      const t0 = performance.now()
      let status
      try {
        status = await send(i)
      } catch (e) {
        status = `error:${e.cause?.code ?? e.name}`
      }
      if (sampler) {
        sampler.latencies.push(performance.now() - t0)
        sampler.statuses[status] = (sampler.statuses[status] ?? 0) + 1
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop))
  if (sampler) sampler.seconds += (performance.now() - started) / 1000
}

/** Requests, req/s and latency percentiles (ms) of what a sampler collected. */
export const summarize = (sampler) => {
  const sorted = [...sampler.latencies].sort((a, b) => a - b)
  const round = (x) => Number(x.toFixed(1))
  return {
    requests: sorted.length,
    seconds: Number(sampler.seconds.toFixed(2)),
    rps: round(sorted.length / sampler.seconds),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    statuses: sampler.statuses,
  }
}
