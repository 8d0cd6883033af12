import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { volunteers } from '../../db/schema'
import { batch } from '../../db/batch'
import { audit } from '../../db/queries/audit'
import { newVolunteerCode } from '../../domain/capacity'
import { ApiError } from '../../lib/errors'
import { assertNeighborhoodExists } from '../../lib/resource'
import { inScope } from '../../lib/scope'
import { idParam, readJson } from '../../lib/validate'
import { editable, loadVolunteer, select, uniqueWords, volunteerRecord } from './volunteers-record'

// PUT /api/volunteers/:id (fields, a move to another neighborhood in scope, a new lookup code on
// request; the code is kept out of the audit log) and DELETE /:id.

const updateSchema = z.object(editable).partial().extend({ resetCode: z.boolean().optional() })

export const volunteerUpdateApi = new Hono<AppEnv>()
  .put('/:id', async (c) => {
    const before = await loadVolunteer(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    const user = c.var.user
    const db = c.var.db
    const v = before.v
    if (input.neighborhoodId != null && input.neighborhoodId !== v.neighborhoodId) {
      if (!inScope(user, input.neighborhoodId)) throw new ApiError('not_found', '居民区不存在')
      await assertNeighborhoodExists(db, input.neighborhoodId)
    }
    const changes = {
      name: input.name ?? v.name,
      neighborhoodId: input.neighborhoodId === undefined ? v.neighborhoodId : input.neighborhoodId,
      skills: input.skills ? JSON.stringify(uniqueWords(input.skills)) : v.skills,
      tags: input.tags ? JSON.stringify(uniqueWords(input.tags)) : v.tags,
      note: input.note === undefined ? v.note : (input.note ?? ''),
      code: input.resetCode ? newVolunteerCode() : v.code,
      updatedAt: Date.now(),
    }
    const { code: _b, ...auditBefore } = v
    const { code: _a, ...auditAfter } = changes
    await batch(db, [
      db.update(volunteers).set(changes).where(eq(volunteers.id, v.id)),
      audit(db, user, {
        action: 'update',
        resource: 'volunteers',
        recordId: v.id,
        before: auditBefore,
        after: { ...auditAfter, codeReset: input.resetCode === true },
      }),
    ])
    return c.json(volunteerRecord((await select(db).where(eq(volunteers.id, v.id)))[0], user))
  })
  .delete('/:id', async (c) => {
    const before = await loadVolunteer(c.var, idParam(c))
    const db = c.var.db
    const { code: _, ...auditBefore } = before.v
    await batch(db, [
      db.delete(volunteers).where(eq(volunteers.id, before.v.id)),
      audit(db, c.var.user, {
        action: 'delete',
        resource: 'volunteers',
        recordId: before.v.id,
        before: auditBefore,
      }),
    ])
    return c.json(volunteerRecord(before, c.var.user))
  })
