import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../env'
import { neighborhoods, towns } from '../db/schema'
import { requireRole, requireUser } from '../lib/auth'
import { versionedRecords } from '../lib/crud'
import { validationError } from '../lib/errors'
import { contains, idsFilter, inIds } from '../lib/resource'
import { scopeWhere } from '../lib/scope'
import { readJson } from '../lib/validate'
import { versionInput } from '../lib/versions'

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

const crud = versionedRecords({
  resource: 'neighborhoods',
  table: neighborhoods,
  fields: {
    id: neighborhoods.id,
    townId: neighborhoods.townId,
    name: neighborhoods.name,
    slug: neighborhoods.slug,
    contactPhone: neighborhoods.contactPhone,
    version: neighborhoods.version,
  },
  scope: (user) => scopeWhere(user, neighborhoods.id),
  notFound: '居民区不存在',
  messages: {
    unique: { slug: '该标识已被使用' },
    inUse: '该居民区仍有网格、渠道、议题或账号，不能删除',
  },
})

const adminOnly = requireRole('admin')

const assertTownExists = async (db: Db, townId: number) => {
  const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.id, townId))
  if (!town) throw validationError({ townId: '镇/街道不存在' })
}

export const neighborhoodsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    crud.list({
      defaultSort: { field: 'name', order: 'ASC' },
      where: (q) => [
        inIds(neighborhoods.id, idsFilter(q.filter.id)),
        inIds(neighborhoods.townId, idsFilter(q.filter.townId)),
        contains(q.filter.q, neighborhoods.name, neighborhoods.slug),
      ],
    }),
  )
  .get('/:id', crud.read)
  .post('/', adminOnly, async (c) => {
    const input = await readJson(c, neighborhoodSchema)
    await assertTownExists(c.var.db, input.townId)
    return crud.create(c, { ...input, createdAt: Date.now() }, input)
  })
  .put(
    '/:id',
    adminOnly,
    crud.update(neighborhoodSchema.extend(versionInput), {
      changes: async (c, before, input) => {
        if (input.townId !== before.townId) await assertTownExists(c.var.db, input.townId)
        return input
      },
    }),
  )
  .delete('/:id', adminOnly, crud.remove)
