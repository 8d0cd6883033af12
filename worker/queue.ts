// The Queues consumer (wrangler.toml [[queues.consumers]]): each message names an outbox row;
// worker/notify/consumer.ts delivers it. A message the rules put off comes back with a delay
// (retry); one put off for longer than a queue message may wait is acknowledged, and the sweep
// hands the row over again when it is due.
import { createDb } from './db/client'
import { providersFromEnv } from './lib/providers'
import { deliverMessage, type Providers } from './notify/consumer'
import type { NotifyJob } from './notify/enqueue'

/**
 * Delivers a batch of queue messages with `providers` at `now`.
 * @example await handleNotifyBatch(batch, env, providersFromEnv(env), Date.now())
 */
export const handleNotifyBatch = async (
  batch: MessageBatch<NotifyJob>,
  env: Env,
  providers: Providers,
  now = Date.now(),
) => {
  const db = createDb(env.DB)
  const options = { baseUrl: env.PUBLIC_URL, now }
  for (const message of batch.messages) {
    try {
      const out = await deliverMessage(db, message.body.id, providers, options)
      if ((out.status === 'retry' || out.status === 'deferred') && out.requeue !== null)
        message.retry({ delaySeconds: out.requeue })
      else message.ack()
    } catch (err) {
      console.error('notify: delivery failed', message.body.id, err)
      message.retry({ delaySeconds: 60 })
    }
  }
}

export const queue: ExportedHandlerQueueHandler<Env> = (batch, env) =>
  handleNotifyBatch(batch as MessageBatch<NotifyJob>, env, providersFromEnv(env))
