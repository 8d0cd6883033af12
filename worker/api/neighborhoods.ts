import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../env'
import { batch } from '../db/batch'
import { neighborhoods, towns } from '../db/schema'
import { requireRole, requireUser } from '../lib/auth'
import { validationError } from '../lib/errors'
import {
  auditCreate,
  conflictsAs,
  deleteAudited,
  contains,
  idsFilter,
  inIds,
  orderOf,
} from '../lib/resource'
import { assertInScope, scopeWhere } from '../lib/scope'
import { parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import {
  assertVersion,
  readVersion,
  updateVersioned,
  versioned,
  versionInput,
} from '../lib/versions'

const neighborhoodSchema = z.object({
  townId: z.number().int().positive('请选择镇/街道'),
  name: z.string().trim().min(1, '请填写名称').max(60),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '只能用小写字母、数字和连字符，2–40 个字符'),
  // printed on the posters; a landline with area code (021-5678 1234) or a mobile; '' for none
  contactPhone: z
    .string()
    .trim()
    .max(20, '电话最多 20 个字符')
    .regex(/^$|^(?=(?:\D*\d){7})[0-9()+\-\s]+$/, '请填写电话号码，如 021-5678 1234')
    .optional(),
})

const fields = {
  id: neighborhoods.id,
  townId: neighborhoods.townId,
  name: neighborhoods.name,
  slug: neighborhoods.slug,
  contactPhone: neighborhoods.contactPhone,
  version: neighborhoods.version,
}

const adminOnly = requireRole('admin')
const messages = {
  unique: { slug: '该标识已被使用' },
  inUse: '该居民区仍有网格、渠道、议题或账号，不能删除',
}

const assertTownExists = async (db: Db, townId: number) => {
  const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.id, townId))
  if (!town) throw validationError({ townId: '镇/街道不存在' })
}

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await v.db.select(fields).from(neighborhoods).where(eq(neighborhoods.id, id))
  return assertInScope(v.user, row, (r) => r.id, '居民区不存在')
}

export const neighborhoodsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(fields),
      defaultSort: { field: 'name', order: 'ASC' },
    })
    const db = c.var.db
    const where = and(
      scopeWhere(c.var.user, neighborhoods.id),
      inIds(neighborhoods.id, idsFilter(q.filter.id)),
      inIds(neighborhoods.townId, idsFilter(q.filter.townId)),
      contains(q.filter.q, neighborhoods.name, neighborhoods.slug),
    )
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(fields)
        .from(neighborhoods)
        .where(where)
        .orderBy(...orderOf(q, fields, neighborhoods.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(neighborhoods).where(where),
    ])
    return sendList(c, 'neighborhoods', q, rows, n)
  })
  .get('/:id', async (c) => c.json(await load(c.var, idParam(c))))
  .post('/', adminOnly, async (c) => {
    const input = await readJson(c, neighborhoodSchema)
    const db = c.var.db
    await assertTownExists(db, input.townId)
    const [[row]] = await conflictsAs(
      () =>
        batch(db, [
          db
            .insert(neighborhoods)
            .values({ ...input, createdAt: Date.now() })
            .returning(fields),
          auditCreate(db, c.var.user, 'neighborhoods', input),
        ]),
      messages,
    )
    return c.json(row, 201)
  })
  .put('/:id', adminOnly, async (c) => {
    const before = await load(c.var, idParam(c))
    const { version, ...input } = await readJson(c, neighborhoodSchema.extend(versionInput))
    assertVersion(before, readVersion(c, version))
    const db = c.var.db
    if (input.townId !== before.townId) await assertTownExists(db, input.townId)
    const v = versioned(db, neighborhoods, before.id, before.version)
    const row = await updateVersioned(
      db,
      c.var.user,
      v,
      db
        .update(neighborhoods)
        .set({ ...input, ...v.set })
        .where(v.where)
        .returning(fields),
      { resource: 'neighborhoods', before, after: input },
      messages,
      () => load(c.var, before.id),
    )
    return c.json(row)
  })
  .delete('/:id', adminOnly, async (c) => {
    const before = await load(c.var, idParam(c))
    await deleteAudited(c.var.db, c.var.user, neighborhoods, 'neighborhoods', before, messages)
    return c.json(before)
  })
