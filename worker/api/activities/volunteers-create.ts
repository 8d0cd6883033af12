import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { volunteers } from '../../db/schema'
import { batch } from '../../db/batch'
import { auditCreate } from '../../db/queries/audit'
import { newVolunteerCode } from '../../domain/capacity'
import { MOBILE_PHONE, normalizePhone } from '../../domain/masking'
import { ApiError, validationError } from '../../lib/errors'
import { assertNeighborhoodExists, conflictsAs } from '../../lib/resource'
import { inScope } from '../../lib/scope'
import { readJson } from '../../lib/validate'
import { editable, select, uniqueWords, volunteerRecord } from './volunteers-record'

// POST /api/volunteers: a volunteer by phone (one per phone), at home in a neighborhood in scope
// (staff of one neighborhood: theirs), with a fresh lookup code.

const phoneSchema = z
  .string({ error: '请填写手机号' })
  .transform(normalizePhone)
  .pipe(z.string().regex(MOBILE_PHONE, '手机号应为 11 位数字，以 1 开头'))
const createSchema = z.object({ ...editable, phone: phoneSchema })

export const volunteerCreateApi = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, createSchema)
  const user = c.var.user
  const db = c.var.db
  const home =
    input.neighborhoodId ?? (user.neighborhoodIds?.length === 1 ? user.neighborhoodIds[0] : null)
  if (home === null && user.neighborhoodIds !== null)
    throw validationError({ neighborhoodId: '请选择居民区' })
  if (home !== null) {
    if (!inScope(user, home)) throw new ApiError('not_found', '居民区不存在')
    await assertNeighborhoodExists(db, home)
  }
  const now = Date.now()
  const values = {
    phone: input.phone,
    name: input.name,
    neighborhoodId: home,
    code: newVolunteerCode(),
    skills: JSON.stringify(uniqueWords(input.skills) ?? []),
    tags: JSON.stringify(uniqueWords(input.tags) ?? []),
    note: input.note ?? '',
    createdAt: now,
    updatedAt: now,
  }
  const [[row]] = await conflictsAs(
    () =>
      batch(db, [
        db.insert(volunteers).values(values).returning({ id: volunteers.id }),
        auditCreate(db, user, 'volunteers', { ...values, code: undefined }),
      ]),
    { unique: { phone: '这个手机号的志愿者已经存在' } },
  )
  return c.json(volunteerRecord((await select(db).where(eq(volunteers.id, row.id)))[0], user), 201)
})
