import { Hono } from 'hono'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { programmes, programmeSteps } from '../../db/schema'
import { guard, rawAll } from '../../db/batch'
import { savedTime } from '../../domain/dates'
import { stepDueAt } from '../../domain/programmes/template'
import { audit } from '../../lib/audit'
import { ApiError, validationError } from '../../lib/errors'
import { runGuarded } from '../../lib/guarded'
import { idParam, readJson } from '../../lib/validate'
import { assertCanEditTemplate, loadProgrammeInScope } from './record'

// The timetable (时间表): the town moves a step's due date by typing a day (or a number of days
// after the start); with `moveItems` the neighborhoods' items still on the old date move too
// (those a neighborhood moved itself, and those done, stay). Staff move one neighborhood's item
// with PUT /api/programme-items/:id/due. Both are audited.

const moveSchema = z
  .object({
    dueDays: z
      .number({ message: '应为天数' })
      .int('应为整数天')
      .min(0, '不能早于开始日')
      .nullable()
      .optional(),
    dueAt: savedTime('应为日期').nullable().optional(),
    moveItems: z.boolean({ message: '应为是或否' }).default(true),
  })
  .refine((b) => (b.dueDays != null) !== (b.dueAt != null), {
    message: '请填写开始后第几天，或选择固定截止日期（二选一）',
    path: ['dueDays'],
  })

const CHANGED = '规定动作刚被其他人修改，请刷新后重试'

/** PUT /api/programmes/:id/steps/:stepId/due `{ dueDays | dueAt, moveItems? }` → the programme. */
export const programmeTimetable = new Hono<AppEnv>().put('/:id/steps/:stepId/due', async (c) => {
  const p = await loadProgrammeInScope(c.var, idParam(c))
  assertCanEditTemplate(c.var.user, p.townId)
  const step = p.steps.find((s) => s.id === idParam(c, 'stepId'))
  if (!step) throw new ApiError('not_found', '步骤不存在')
  const input = await readJson(c, moveSchema)
  const due = stepDueAt(input, p.startsAt)
  if (due < p.startsAt || due > p.endsAt)
    throw validationError({ [input.dueDays != null ? 'dueDays' : 'dueAt']: '截止日期超出项目周期' })
  const { db, user } = c.var
  const now = Date.now()
  const values = {
    dueDays: input.dueDays ?? null,
    dueAt: input.dueDays != null ? null : due,
    updatedAt: now,
  }
  const [, , , moved] = await runGuarded(
    db,
    [
      guard(
        db,
        sql`NOT EXISTS (SELECT 1 FROM ${programmes} WHERE ${programmes.id} = ${p.id}
          AND ${programmes.updatedAt} = ${p.updatedAt})`,
      ),
      db.update(programmeSteps).set(values).where(sql`${programmeSteps.id} = ${step.id}`),
      db.update(programmes).set({ updatedAt: now }).where(sql`${programmes.id} = ${p.id}`),
      rawAll<{ id: number }>(
        db,
        input.moveItems
          ? sql`UPDATE checklist_items SET due_at = ${due}
              WHERE step_id = ${step.id} AND done = 0 AND due_at = ${step.due} RETURNING id`
          : sql`SELECT id FROM checklist_items WHERE 0`,
      ),
      audit(db, user, {
        action: 'move_due',
        resource: 'programme-steps',
        recordId: step.id,
        before: { dueDays: step.dueDays, dueAt: step.dueAt, due: step.due },
        after: { ...values, due, moveItems: input.moveItems },
      }),
    ],
    CHANGED,
  )
  return c.json({ ...(await loadProgrammeInScope(c.var, p.id)), itemsMoved: moved.length })
})
