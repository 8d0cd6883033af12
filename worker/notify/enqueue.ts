// Handing outbox rows to the queue. A request that wrote messages hands those over after its
// answer (`deliverAfter`, in waitUntil; one that wrote none does nothing more); the scheduled
// sweep hands over whatever was not (the request died after its write, the queue refused, a
// deferred message came due, a queue message was lost). Without a queue binding, nothing is handed over and the rows wait in the outbox.
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv, Db } from '../env'
import { createDb } from '../db/client'
import { releaseFromQueue, takeForQueue, takeIdsForQueue } from '../db/queries/notify/delivery'
import { outboxWritesOf } from '../db/queries/notify/written'

/** A queue message: the outbox row to deliver. */
export type NotifyJob = { id: number }

/** The longest delay a queue message may carry (Cloudflare Queues: 12 hours). */
export const MAX_QUEUE_DELAY_S = 12 * 3600

/** At most this many rows per hand-over (Queues' sendBatch limit). */
const PER_BATCH = 100

/** Seconds from `now` until `at`, within what a queue message may carry. */
export const delaySeconds = (at: number, now: number) =>
  Math.min(MAX_QUEUE_DELAY_S, Math.max(0, Math.ceil((at - now) / 1000)))

/** Hands `rows` to the queue; gives them back to the sweep when the queue refuses them. */
const send = async (queue: Queue, db: Db, rows: { id: number; dueAt: number }[], now: number) => {
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
}

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
    await send(queue, db, rows, now)
    handed += rows.length
    if (rows.length < PER_BATCH) break
  }
  return handed
}

/**
 * Around a write: once the answer is sent, hands the queue the outbox rows its batches wrote
 * (the answer never waits for it). A write that wrote none costs nothing more; what this misses
 * (the request died, the queue refused) the scheduled sweep hands over.
 * @example app.use('/api/topics/*', deliverAfter)
 */
export const deliverAfter: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !c.env.NOTIFY_QUEUE) return next()
  const ids = await outboxWritesOf(next)
  if (ids.length && c.res.status < 400) handOver(c, ids)
}

/**
 * Hands the outbox rows `ids` to the queue after the answer (waitUntil).
 * @example handOver(c, [7])
 */
const handOver = (c: Context<AppEnv>, ids: number[]) => {
  const queue = c.env.NOTIFY_QUEUE
  const db = createDb(c.env.DB)
  const now = Date.now()
  const run = takeIdsForQueue(db, ids, now)
    .then((rows) => (rows.length ? send(queue, db, rows, now) : undefined))
    .catch((err) => console.error('notify: enqueue failed', err))
  try {
    c.executionCtx.waitUntil(run)
  } catch {
    // No execution context (a direct app.request): the promise runs on its own.
  }
}
