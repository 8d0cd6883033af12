import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { topics } from '../../db/schema'
import { listTopicsStatements } from '../../db/queries/topics/read'
import { batchAsUser } from '../../lib/auth'
import { orderOf } from '../../lib/resource'
import { maskedFields } from '../../domain/masking'
import { parseListQuery, refuseMasked, sendList } from '../../lib/simple-rest'
import {
  TOPIC_DEFAULT_SORT,
  TOPIC_SORT_COLUMNS,
  TOPIC_SORTABLE,
  toTopicRecord,
  topicWhere,
} from './record'

// GET /api/topics: a page of the staff grid (simple-rest sort, range and filter). The busiest
// staff read checks the session in its own D1 batch (batchAsUser), so index.ts mounts it before
// `requireUser`: it answers without passing on to that middleware.

export const topicsListApi = new Hono<AppEnv>().get('/', async (c) => {
  const q = parseListQuery(c, { sortable: TOPIC_SORTABLE, defaultSort: TOPIC_DEFAULT_SORT })
  const order = orderOf(q, TOPIC_SORT_COLUMNS, topics.id)
  const [rows, [{ n }]] = await batchAsUser(c, (user) =>
    listTopicsStatements(c.var.db, topicWhere(user, q.filter), order, q.limit, q.offset),
  )
  // The role is known only now: a filter on a field the caller sees masked answers 400, not rows.
  refuseMasked(q, maskedFields(c.var.user.role, 'topics'))
  return sendList(
    c,
    'topics',
    q,
    rows.map((r) => toTopicRecord(r, c.var.user)),
    n,
  )
})
