import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { lookAlikesOf } from '../../db/queries/topics/similar'
import { type MergeCandidate, mergeDirection } from '../../domain/topic-workflow'
import { idParam } from '../../lib/validate'
import { loadTopicInScope } from './record'

// GET /:id/similar: possible duplicates of a topic, for staff to merge (the needs form's
// look-alike rule, domain/similar-topics.ts, from the topic's side).

// Each look-alike carries the merge staff most likely mean (`mergeTargetId`: which of the two
// survives, domain mergeDirection; null when they cannot be merged either way).
export const topicSimilarApi = new Hono<AppEnv>().get('/:id/similar', async (c) => {
  const topic = await loadTopicInScope(c.var, idParam(c))
  const alike = await lookAlikesOf(c.var.db, topic)
  return c.json(
    alike.map((other) => ({
      ...other,
      mergeTargetId: mergeDirection<MergeCandidate>(topic, other)?.target.id ?? null,
    })),
  )
})
