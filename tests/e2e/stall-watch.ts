// While the browser tests run, asks the worker's /healthz (one D1 query) every 2 s and keeps
// every answer slower than 3 s, or none at all, with the time. The teardown prints them, so a
// test that timed out can be told apart: the server stopped answering (workerd, the disk) or the
// page did something wrong.
import { stripVTControlCharacters } from 'node:util'

export type Stall = { at: string; ms: number; outcome: string }

export const watchStalls = (url: string, { everyMs = 2_000, slowMs = 3_000 } = {}) => {
  const stalls: Stall[] = []
  let stopped = false
  const loop = async () => {
    while (!stopped) {
      const started = Date.now()
      let outcome: string
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) })
        await res.arrayBuffer()
        outcome = `HTTP ${res.status}`
      } catch (e) {
        outcome = (e as Error).name === 'TimeoutError' ? 'no answer in 30 s' : String(e)
      }
      const ms = Date.now() - started
      if (!stopped && (ms > slowMs || outcome !== 'HTTP 200'))
        stalls.push({ at: new Date(started).toISOString(), ms, outcome })
      await new Promise((r) => setTimeout(r, everyMs))
    }
  }
  const running = loop()
  return {
    stop: async () => {
      stopped = true
      await running
      return stalls
    },
  }
}

/** The lines of wrangler.log that are not one request each: warnings, errors, reloads. */
export const notableLogLines = (log: string) =>
  stripVTControlCharacters(log)
    .split('\n')
    .filter((l) => /ERROR|WARNING|restart|reload/i.test(l) && !/Scheduled Workers/.test(l))
