import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { supportTally } from '../../db/queries/topics/support-tally'
import { isSupportBurst } from '../../domain/voice'
import { idParam } from '../../lib/validate'
import { loadTopicInScope, toTopicRecord } from './record'

// GET /:id: one topic, with the moves the state machine allows from its status and how its
// supports add up (what counts, the repeats not counted, and whether they look like a burst:
// domain/voice.ts).

export const topicReadApi = new Hono<AppEnv>().get('/:id', async (c) => {
  const topic = await loadTopicInScope(c.var, idParam(c))
  const tally = await supportTally(c.var.db, topic.id)
  return c.json({
    ...toTopicRecord(topic, c.var.user),
    supportTally: tally,
    supportBurst: isSupportBurst(tally),
  })
})
