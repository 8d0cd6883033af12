import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { projectTopics, supports, topicEvents, topics } from '../../db/schema'
import type { TopicRow } from '../../db/queries/topics/read'
import { retokenize } from '../../db/queries/topics/similar'
import { batch, rawStatement } from '../../db/batch'
import {
  assertVersion,
  readVersion,
  runVersioned,
  versioned,
  versionInput,
} from '../../lib/versions'
import { audit } from '../../lib/audit'
import { requireRole } from '../../lib/auth'
import { validationError } from '../../lib/errors'
import { valuesBefore } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import { TOPIC_STATUS_LABEL } from '../../domain/vocabulary'
import { assertTopicRefs, topicText } from './refs'
import { currentTopic, loadTopicInScope, toTopicRecord } from './record'

// PUT /:id: a topic's fields (the status moves only through workflow.ts), at the version the
// editor read (lib/versions.ts); DELETE /:id: admins only, with its timeline, supports and
// project links.

const optionalId = z.number().int().positive().nullable()
const updateSchema = z
  .object({
    ...topicText,
    categoryId: optionalId,
    gridId: optionalId,
    channelId: optionalId,
    // The admin sends the whole record back; the status moves only through the workflow.
    status: z.string(),
  })
  .partial()
  .extend(versionInput)

const EDITABLE = ['title', 'description', 'location', 'categoryId', 'gridId', 'channelId'] as const

export const topicUpdateApi = new Hono<AppEnv>()
  .put('/:id', async (c) => {
    const before = await loadTopicInScope(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    const user = c.var.user
    assertVersion(before, readVersion(c, input.version), toTopicRecord(before, user))
    if (input.status !== undefined && input.status !== before.status)
      throw validationError({
        status: `状态请用“受理、立项…”等操作修改（现在是「${TOPIC_STATUS_LABEL[before.status].zh}」）`,
      })
    const changes: Partial<Pick<TopicRow, (typeof EDITABLE)[number]>> = {}
    for (const key of EDITABLE)
      if (input[key] !== undefined && input[key] !== before[key])
        Object.assign(changes, { [key]: input[key] })
    if (!Object.keys(changes).length) return c.json(toTopicRecord(before, user))
    const db = c.var.db
    await assertTopicRefs(db, before.neighborhoodId, changes)
    const now = Date.now()
    const textChanged = changes.title !== undefined || changes.description !== undefined
    const v = versioned(db, topics, before.id, before.version)
    const [, [row]] = await runVersioned(
      db,
      [
        v.guard,
        db
          .update(topics)
          .set({ ...changes, updatedAt: now, ...v.set })
          .where(v.where)
          .returning(),
        // New words, new look-alikes: the needs form compares drafts with these tokens.
        ...(textChanged
          ? [rawStatement(db, retokenize(before.id, { ...before, ...changes }))]
          : []),
        audit(db, user, {
          action: 'update',
          resource: 'topics',
          recordId: before.id,
          before: valuesBefore(before, changes),
          after: changes,
        }),
      ],
      currentTopic(c.var, before.id),
    )
    return c.json(toTopicRecord(row, user))
  })
  .delete('/:id', requireRole('admin'), async (c) => {
    const before = await loadTopicInScope(c.var, idParam(c))
    const db = c.var.db
    const id = before.id
    await batch(db, [
      db.delete(topicEvents).where(eq(topicEvents.topicId, id)),
      db.delete(supports).where(eq(supports.topicId, id)),
      db.delete(projectTopics).where(eq(projectTopics.topicId, id)),
      db.update(topics).set({ mergedIntoId: null }).where(eq(topics.mergedIntoId, id)),
      db.delete(topics).where(eq(topics.id, id)),
      audit(db, c.var.user, { action: 'delete', resource: 'topics', recordId: id, before }),
    ])
    return c.json(toTopicRecord(before, c.var.user))
  })
