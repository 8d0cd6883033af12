import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { lookAlikesOf } from '../../db/queries/topics/similar'
import { idParam } from '../../lib/validate'
import { loadTopicInScope } from './record'

// GET /:id/similar: possible duplicates of a topic, for staff to merge (the needs form's
// look-alike rule, domain/similar-topics.ts, from the topic's side).

export const topicSimilarApi = new Hono<AppEnv>().get('/:id/similar', async (c) =>
  c.json(await lookAlikesOf(c.var.db, await loadTopicInScope(c.var, idParam(c)))),
)
