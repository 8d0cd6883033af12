// Cloudflare Queues in-process, for the Node home: a Queue binding whose messages are handed to
// the app's queue handler (worker/queue.ts) after their delay, in batches, with ack / retry as on
// Workers (a retried message comes back after its delay, up to `maxRetries`, then is dropped, as
// without a dead-letter queue). Nothing survives a restart: the outbox does, and the cron job's
// sweep hands its rows over again.

type Handler = (batch: MessageBatch<unknown>) => void | Promise<void>

type Item = { id: string; body: unknown; attempts: number; timestamp: Date }

/** The queue's settings, as wrangler.toml [[queues.consumers]] states them. */
export type QueueSettings = { name: string; maxBatchSize: number; maxRetries: number }

/**
 * A Queue binding delivering to `handler` in this process; `idle()` resolves once nothing is
 * waiting or running (for tests and shutdown); `close()` drops the timers.
 * @example const q = inProcessQueue({ name: 'jushou-notify', maxBatchSize: 10, maxRetries: 10 }, (b) => queue(b, env, ctx))
 */
export const inProcessQueue = (settings: QueueSettings, handler: Handler) => {
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const running = new Set<Promise<void>>()
  let ready: Item[] = []
  let seq = 0
  let closed = false

  const flush = () => {
    if (closed || !ready.length) return
    const items = ready.splice(0, settings.maxBatchSize)
    const run = deliver(items).finally(() => running.delete(run))
    running.add(run)
    if (ready.length) queueMicrotask(flush)
  }

  const later = (item: Item, seconds: number) => {
    if (closed) return
    if (seconds <= 0) {
      ready.push(item)
      queueMicrotask(flush)
      return
    }
    const timer = setTimeout(() => {
      timers.delete(timer)
      ready.push(item)
      flush()
    }, seconds * 1000)
    timer.unref?.()
    timers.add(timer)
  }

  const deliver = async (items: Item[]) => {
    const verdicts = new Map<string, { retry: boolean; delay: number }>()
    const messages = items.map(
      (item): Message<unknown> => ({
        id: item.id,
        timestamp: item.timestamp,
        body: item.body,
        attempts: item.attempts,
        ack: () => void verdicts.set(item.id, { retry: false, delay: 0 }),
        retry: (o?: QueueRetryOptions) =>
          void verdicts.set(item.id, { retry: true, delay: o?.delaySeconds ?? 0 }),
      }),
    )
    const batch: MessageBatch<unknown> = {
      queue: settings.name,
      messages,
      metadata: { metrics: { backlogCount: ready.length, backlogBytes: 0 } },
      ackAll: () => {
        for (const m of messages) m.ack()
      },
      retryAll: (o?: QueueRetryOptions) => {
        for (const m of messages) m.retry(o)
      },
    }
    let failed = false
    try {
      await handler(batch)
    } catch (err) {
      console.error(`queue ${settings.name}: handler failed`, err)
      failed = true
    }
    for (const item of items) {
      const v = verdicts.get(item.id) ?? { retry: failed, delay: 0 }
      if (v.retry && item.attempts <= settings.maxRetries)
        later({ ...item, attempts: item.attempts + 1 }, v.delay)
    }
  }

  const send = (body: unknown, delay = 0) =>
    later({ id: String(++seq), body, attempts: 1, timestamp: new Date() }, delay)

  const binding = {
    send: async (body: unknown, o?: QueueSendOptions) => {
      send(body, o?.delaySeconds)
    },
    sendBatch: async (messages: Iterable<MessageSendRequest<unknown>>) => {
      for (const m of messages) send(m.body, m.delaySeconds)
    },
  } as unknown as Queue

  return {
    binding,
    /** Resolves when no message is ready or being delivered (delayed ones may still wait). */
    async idle() {
      while (ready.length || running.size) {
        flush()
        await Promise.allSettled([...running])
      }
    },
    close() {
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      ready = []
    },
  }
}
