import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { idParam } from '../../lib/validate'
import { loadTopicInScope, toTopicRecord } from './record'

// GET /:id: one topic, with the moves the state machine allows from its status.

export const topicReadApi = new Hono<AppEnv>().get('/:id', async (c) =>
  c.json(toTopicRecord(await loadTopicInScope(c.var, idParam(c)), c.var.user)),
)
