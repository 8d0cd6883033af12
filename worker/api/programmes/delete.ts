import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { programmes, projects } from '../../db/schema'
import { audit } from '../../lib/audit'
import { ApiError } from '../../lib/errors'
import { conflictsAs } from '../../lib/resource'
import { idParam } from '../../lib/validate'
import { assertCanEditTemplate, loadProgrammeInScope } from './record'

const IN_USE = '规定动作已下发到居民区，不能删除'

/** DELETE /api/programmes/:id — only a programme never applied (its steps go with it). */
export const deleteProgramme = new Hono<AppEnv>().delete('/:id', async (c) => {
  const before = await loadProgrammeInScope(c.var, idParam(c))
  const { db, user } = c.var
  assertCanEditTemplate(user, before.townId)
  // Any neighborhood's project counts, also those outside the caller's scope.
  const applied = await db.get<{ id: number } | undefined>(
    sql`SELECT id FROM ${projects} WHERE programme_id = ${before.id} LIMIT 1`,
  )
  if (applied) throw new ApiError('conflict', IN_USE)
  // The projects' foreign key refuses the delete if one was applied meanwhile.
  await conflictsAs(
    () =>
      db.batch([
        db.delete(programmes).where(eq(programmes.id, before.id)),
        audit(db, user, {
          action: 'delete',
          resource: 'programmes',
          recordId: before.id,
          before,
        }),
      ]),
    { inUse: IN_USE },
  )
  return c.json(before)
})
