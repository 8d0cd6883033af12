// Handing outbox rows to the queue. A request that wrote messages hands them over after its
// answer (`deliverAfter`, in waitUntil); the scheduled sweep hands over whatever was not (the
// request died after its write, the queue refused, a deferred message came due, a queue message
// was lost). Without a queue binding, nothing is handed over and the rows wait in the outbox.
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv, Db } from '../env'
import { createDb } from '../db/client'
import { releaseFromQueue, takeForQueue } from '../db/queries/notify/delivery'

/** A queue message: the outbox row to deliver. */
export type NotifyJob = { id: number }

/** The longest delay a queue message may carry (Cloudflare Queues: 12 hours). */
export const MAX_QUEUE_DELAY_S = 12 * 3600

/** At most this many rows per hand-over (Queues' sendBatch limit). */
const PER_BATCH = 100

/** Seconds from `now` until `at`, within what a queue message may carry. */
export const delaySeconds = (at: number, now: number) =>
  Math.min(MAX_QUEUE_DELAY_S, Math.max(0, Math.ceil((at - now) / 1000)))

/**
 * Hands the queue every message that should be there (up to `rounds` × 100); how many.
 * @example await enqueueDue(env, createDb(env.DB), Date.now())
 */
export const enqueueDue = async (env: Env, db: Db, now: number, rounds = 5) => {
  const queue = env.NOTIFY_QUEUE
  if (!queue) return 0
  let handed = 0
  for (let i = 0; i < rounds; i++) {
    const rows = await takeForQueue(db, now, now + MAX_QUEUE_DELAY_S * 1000, PER_BATCH)
    if (!rows.length) break
    try {
      await queue.sendBatch(
        rows.map((r) => ({
          body: { id: r.id } satisfies NotifyJob,
          delaySeconds: delaySeconds(r.dueAt, now),
        })),
      )
    } catch (err) {
      await releaseFromQueue(
        db,
        rows.map((r) => r.id),
      )
      throw err
    }
    handed += rows.length
    if (rows.length < PER_BATCH) break
  }
  return handed
}

/**
 * After a successful write that may have written messages, hands them to the queue once the
 * answer is sent (the answer never waits for it; the sweep catches what this misses).
 * @example app.use('/api/topics/*', deliverAfter)
 */
export const deliverAfter: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  // Filing a topic tells nobody: only its later moves do.
  if (c.req.method === 'GET' || c.req.path === '/api/topics') return
  if (c.res.status < 400) handOver(c)
}

/**
 * Hands waiting messages to the queue after the answer (waitUntil), for a write that made some.
 * @example if (optedIn) handOver(c)
 */
export const handOver = (c: Context<AppEnv>) => {
  if (!c.env.NOTIFY_QUEUE) return
  const run = enqueueDue(c.env, createDb(c.env.DB), Date.now(), 1).catch((err) =>
    console.error('notify: enqueue failed', err),
  )
  try {
    c.executionCtx.waitUntil(run)
  } catch {
    // No execution context (a direct app.request): the promise runs on its own.
  }
}
