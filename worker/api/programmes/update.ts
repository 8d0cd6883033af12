import { Hono } from 'hono'
import { eq, inArray, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { checklistItems, programmes, programmeSteps } from '../../db/schema'
import {
  insertStepsStatement,
  stepValues,
  updateStepStatement,
} from '../../db/queries/programmes/programmes'
import { runGuarded } from '../../lib/guarded'
import { guard, type Statement } from '../../db/batch'
import { fieldProblem } from '../../domain/problem'
import { periodOf, programmeErrors, programmeSchema } from '../../domain/programmes/template'
import { audit } from '../../lib/audit'
import { ApiError, raise, validationError } from '../../lib/errors'
import { conflictsAs } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import { assertCanEditTemplate, loadProgrammeInScope } from './record'

const CHANGED = '规定动作刚被其他人修改，请刷新后重试'

/**
 * PUT /api/programmes/:id — the whole template: its fields and its steps in their new order
 * (steps with an `id` are kept and updated, steps without one are added, steps left out are
 * removed). A step already applied to a neighborhood cannot be removed (409). Editing the
 * template does not touch the items already made from it; new steps reach applied projects
 * through POST /:id/add-missing-steps, moved dates through the timetable.
 */
export const updateProgramme = new Hono<AppEnv>().put('/:id', async (c) => {
  const before = await loadProgrammeInScope(c.var, idParam(c))
  const { db, user } = c.var
  assertCanEditTemplate(user, before.townId)
  const input = await readJson(c, programmeSchema)
  if (input.townId !== before.townId) throw validationError({ townId: '规定动作不能改到别的镇' })
  raise(fieldProblem(programmeErrors(input)))
  const known = new Set(before.steps.map((s) => s.id))
  const unknown = input.steps.findIndex((s) => s.id !== undefined && !known.has(s.id))
  if (unknown >= 0) throw validationError({ [`steps.${unknown}.id`]: '步骤不属于这个规定动作' })
  const kept = new Set(input.steps.flatMap((s) => (s.id ? [s.id] : [])))
  const removed = before.steps.filter((s) => !kept.has(s.id)).map((s) => s.id)
  if (removed.length) {
    const used = await db.all<{ stepId: number; n: number }>(
      sql`SELECT step_id AS stepId, count(*) AS n FROM ${checklistItems}
        WHERE ${inArray(sql`step_id`, removed)} GROUP BY step_id`,
    )
    if (used.length)
      throw new ApiError('conflict', '已下发到居民区的步骤不能删除', {
        errors: Object.fromEntries(
          used.map((u) => [`step.${u.stepId}`, `已下发到 ${u.n} 个居民区`]),
        ),
      })
  }
  const now = Date.now()
  const period = periodOf(input)
  const fields = {
    name: input.name,
    description: input.description,
    owningBody: input.owningBody,
    ...period,
  }
  const added = input.steps.flatMap((step, i) => (step.id ? [] : [{ step, sortOrder: i + 1 }]))
  const statements: Statement[] = [
    guard(
      db,
      sql`NOT EXISTS (SELECT 1 FROM ${programmes} WHERE ${programmes.id} = ${before.id}
        AND ${programmes.updatedAt} = ${before.updatedAt})`,
    ),
    db
      .update(programmes)
      .set({ ...fields, updatedAt: now })
      .where(eq(programmes.id, before.id)),
    ...input.steps.flatMap((step, i) =>
      step.id ? [updateStepStatement(db, step.id, step, i + 1, now)] : [],
    ),
    ...(added.length ? [insertStepsStatement(db, before.id, added, now)] : []),
    ...(removed.length
      ? [db.delete(programmeSteps).where(inArray(programmeSteps.id, removed))]
      : []),
    audit(db, user, {
      action: 'update',
      resource: 'programmes',
      recordId: before.id,
      before: {
        name: before.name,
        description: before.description,
        owningBody: before.owningBody,
        startsAt: before.startsAt,
        endsAt: before.endsAt,
        steps: before.steps.map(({ due: _, createdAt: __, updatedAt: ___, ...s }) => s),
      },
      after: {
        ...fields,
        steps: input.steps.map((s, i) => ({ id: s.id ?? null, ...stepValues(s, i + 1, now) })),
      },
    }),
  ]
  await conflictsAs(() => runGuarded(db, statements, CHANGED), {
    inUse: '已下发到居民区的步骤不能删除',
  })
  return c.json(await loadProgrammeInScope(c.var, before.id))
})
