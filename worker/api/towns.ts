import { Hono } from 'hono'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { neighborhoods, towns } from '../db/schema'
import { type CurrentUser, requireRole, requireUser } from '../lib/auth'
import { versionedRecords } from '../lib/crud'
import { contains, idsFilter, inIds } from '../lib/resource'
import { scopeWhere } from '../lib/scope'
import { readJson } from '../lib/validate'
import { versionInput } from '../lib/versions'

const townSchema = z.object({ name: z.string().trim().min(1, '请填写名称').max(60) })

// A town is visible to non-admins when one of its neighborhoods is in their scope.
const townScope = (user: CurrentUser) => {
  const nbhd = scopeWhere(user, neighborhoods.id)
  return (
    nbhd && sql`${towns.id} IN (SELECT ${neighborhoods.townId} FROM ${neighborhoods} WHERE ${nbhd})`
  )
}

const crud = versionedRecords({
  resource: 'towns',
  table: towns,
  fields: { id: towns.id, name: towns.name, version: towns.version },
  scope: townScope,
  notFound: '镇/街道不存在',
  messages: {
    unique: { name: '已有同名的镇/街道' },
    inUse: '该镇/街道下还有居民区或账号，不能删除',
  },
})

const adminOnly = requireRole('admin')

export const townsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    crud.list({
      defaultSort: { field: 'name', order: 'ASC' },
      where: (q) => [inIds(towns.id, idsFilter(q.filter.id)), contains(q.filter.q, towns.name)],
    }),
  )
  .get('/:id', crud.read)
  .post('/', adminOnly, async (c) => {
    const input = await readJson(c, townSchema)
    return crud.create(c, { ...input, createdAt: Date.now() }, input)
  })
  .put('/:id', adminOnly, crud.update(townSchema.extend(versionInput)))
  .delete('/:id', adminOnly, crud.remove)
