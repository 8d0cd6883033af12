import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { grids } from '../db/schema'
import { naturalCompare } from '../domain/collation'
import { requireUser, writesNeedWriter } from '../lib/auth'
import { versionedRecords } from '../lib/crud'
import { validationError } from '../lib/errors'
import { assertNeighborhoodExists, contains, idsFilter, inIds } from '../lib/resource'
import { assertNeighborhoodInScope, scopeWhere } from '../lib/scope'
import { readJson } from '../lib/validate'
import { versionInput } from '../lib/versions'

const createSchema = z.object({
  neighborhoodId: z.number().int().positive('请选择居民区'),
  name: z.string().trim().min(1, '请填写名称').max(60),
})
// The whole record comes back from the admin on save; the neighborhood may not change.
const updateSchema = createSchema.partial({ neighborhoodId: true }).extend(versionInput)

const crud = versionedRecords({
  resource: 'grids',
  table: grids,
  fields: {
    id: grids.id,
    neighborhoodId: grids.neighborhoodId,
    name: grids.name,
    version: grids.version,
  },
  scope: (user) => scopeWhere(user, grids.neighborhoodId),
  notFound: '网格不存在',
  messages: {
    unique: { name: '该居民区已有同名网格' },
    inUse: '该网格仍有渠道或议题，不能删除',
  },
})

export const gridsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get(
    '/',
    crud.list({
      defaultSort: { field: 'name', order: 'ASC' },
      where: (q) => [
        inIds(grids.id, idsFilter(q.filter.id)),
        inIds(grids.neighborhoodId, idsFilter(q.filter.neighborhoodId)),
        contains(q.filter.q, grids.name),
      ],
      // Natural order (第二楼组 before 第十楼组, 2号楼 before 10号楼) is the domain's rule, which
      // SQLite cannot sort by; a scope holds few grids.
      compare: { name: (a, b) => naturalCompare(a.name, b.name) },
    }),
  )
  .get('/:id', crud.read)
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    assertNeighborhoodInScope(c.var.user, input.neighborhoodId)
    await assertNeighborhoodExists(c.var.db, input.neighborhoodId)
    return crud.create(c, input)
  })
  .put(
    '/:id',
    crud.update(updateSchema, {
      changes: (_c, before, { name, neighborhoodId }) => {
        if (neighborhoodId !== undefined && neighborhoodId !== before.neighborhoodId)
          throw validationError({ neighborhoodId: '网格不能改到别的居民区' })
        return { name }
      },
    }),
  )
  .delete('/:id', crud.remove)
