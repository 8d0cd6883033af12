import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { programmes, towns } from '../../db/schema'
import { insertStepsStatement, NEW_PROGRAMME_ID } from '../../db/queries/programmes/programmes'
import { fieldProblem } from '../../domain/problem'
import { periodOf, programmeErrors, programmeSchema } from '../../domain/programmes/template'
import { ApiError, raise, validationError } from '../../lib/errors'
import { auditCreate } from '../../lib/resource'
import { readJson } from '../../lib/validate'
import { loadProgrammeInScope } from './record'

/**
 * 403 unless the role may define programmes at all (admin, town); 404 for a town outside a town
 * user's scope, as if it did not exist.
 */
export const assertTownWritable = (user: AppEnv['Variables']['user'], townId: number): void => {
  if (user.role !== 'admin' && user.role !== 'town')
    throw new ApiError('forbidden', '只有镇专班和管理员可以修改规定动作')
  if (user.role === 'town' && !user.townIds.includes(townId))
    throw new ApiError('not_found', '镇不存在')
}

/**
 * POST /api/programmes — a template with its steps, in one batch with its audit row. Days are
 * taken as Shanghai days: the period from its first day's start to its last day's end.
 */
export const createProgramme = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, programmeSchema)
  const { db, user } = c.var
  assertTownWritable(user, input.townId)
  const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.id, input.townId))
  if (!town) throw validationError({ townId: '镇不存在' })
  raise(fieldProblem(programmeErrors(input)))
  const now = Date.now()
  const values = {
    townId: input.townId,
    name: input.name,
    description: input.description,
    owningBody: input.owningBody,
    ...periodOf(input),
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  }
  const [[{ id }]] = await db.batch([
    db.insert(programmes).values(values).returning({ id: programmes.id }),
    // Right after the insert: the audit row takes the new id from last_insert_rowid().
    auditCreate(db, user, 'programmes', { ...values, steps: input.steps }),
    insertStepsStatement(
      db,
      NEW_PROGRAMME_ID,
      input.steps.map((step, i) => ({ step, sortOrder: i + 1 })),
      now,
    ),
  ])
  return c.json(await loadProgrammeInScope(c.var, id), 201)
})
