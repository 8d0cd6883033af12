import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { checklistItems, projects, projectUpdates } from '../../db/schema'
import { loadProject } from '../../db/queries/projects'
import { carryStatements } from '../../db/queries/topics/moves'
import { guard, type Statement } from '../../db/batch'
import { carriedTopicStatus, carryNote, illegalProjectMove } from '../../domain/project-status'
import { PROJECT_STATUSES } from '../../domain/vocabulary'
import { audit } from '../../lib/audit'
import { ApiError, validationError } from '../../lib/errors'
import { runGuarded } from '../../lib/guarded'
import { changedFields, valuesBefore } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import {
  assertVersion,
  readVersion,
  runVersioned,
  versioned,
  versionInput,
} from '../../lib/versions'
import { assertOwnersVisible, editable, loadProjectInScope } from './record'

// PUT /:id: a project's fields and status, at the version the editor read (lib/versions.ts); a
// status change is carried to its topics (in_progress, done) in the same batch. DELETE /:id: only
// a project without topics or ratings.

const updateSchema = z
  .object({
    ...editable,
    status: z.enum(PROJECT_STATUSES, { message: '状态无效' }),
    neighborhoodId: z.number().int(),
  })
  .partial()
  .extend(versionInput)

export const projectUpdateApi = new Hono<AppEnv>()
  .put('/:id', async (c) => {
    const before = await loadProjectInScope(c.var, idParam(c))
    const { neighborhoodId, version, ...input } = await readJson(c, updateSchema)
    assertVersion(before, readVersion(c, version))
    if (neighborhoodId !== undefined && neighborhoodId !== before.neighborhoodId)
      throw validationError({ neighborhoodId: '项目不能改到别的居民区' })
    const changes = changedFields(before, input)
    const { db, user } = c.var
    if (!Object.keys(changes).length) return c.json(before)
    const status = input.status ?? before.status
    if (changes.status) {
      const illegal = illegalProjectMove(before.status, status)
      if (illegal) throw new ApiError('illegal_transition', illegal)
    }
    await assertOwnersVisible(c.var, { ownerUserId: input.ownerUserId })
    const now = Date.now()
    const carried = changes.status ? carriedTopicStatus(status) : null
    const title = (changes.title as string | undefined) ?? before.title
    const v = versioned(db, projects, before.id, before.version)
    const statements: Statement[] = [
      v.guard,
      db
        .update(projects)
        .set({
          ...changes,
          updatedAt: now,
          ...(changes.status === 'done' && { doneAt: now }),
          ...v.set,
        })
        .where(v.where),
      audit(db, user, {
        action: 'update',
        resource: 'projects',
        recordId: before.id,
        before: valuesBefore(before, changes),
        after: changes,
      }),
      ...(carried
        ? carryStatements(db, user, before.id, carried, carryNote(status, title), now)
        : []),
    ]
    await runVersioned(db, statements, () => loadProjectInScope(c.var, before.id))
    return c.json(await loadProject(db, before.id))
  })
  .delete('/:id', async (c) => {
    const before = await loadProjectInScope(c.var, idParam(c))
    if (before.topicIds.length || before.evaluationCount)
      throw new ApiError('conflict', '项目已关联议题或已有评议，不能删除；可以把状态改为“已取消”')
    const { db, user } = c.var
    const id = before.id
    await runGuarded(
      db,
      [
        guard(
          db,
          sql`EXISTS (SELECT 1 FROM project_topics WHERE project_id = ${id})
        OR EXISTS (SELECT 1 FROM evaluations WHERE project_id = ${id})`,
        ),
        db.delete(checklistItems).where(eq(checklistItems.projectId, before.id)),
        db.delete(projectUpdates).where(eq(projectUpdates.projectId, before.id)),
        db.delete(projects).where(eq(projects.id, before.id)),
        audit(db, user, { action: 'delete', resource: 'projects', recordId: before.id, before }),
      ],
      '项目刚被其他人修改，请刷新后重试',
    )
    return c.json(before)
  })
