import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { batch } from '../db/batch'
import { naturalCompare } from '../domain/collation'
import { grids } from '../db/schema'
import { requireUser, writesNeedWriter } from '../lib/auth'
import { validationError } from '../lib/errors'
import {
  assertNeighborhoodExists,
  auditCreate,
  conflictsAs,
  deleteAudited,
  contains,
  idsFilter,
  inIds,
  orderOf,
} from '../lib/resource'
import { assertInScope, assertNeighborhoodInScope, scopeWhere } from '../lib/scope'
import { parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import {
  assertVersion,
  readVersion,
  updateVersioned,
  versioned,
  versionInput,
} from '../lib/versions'

const createSchema = z.object({
  neighborhoodId: z.number().int().positive('请选择居民区'),
  name: z.string().trim().min(1, '请填写名称').max(60),
})
// The whole record comes back from the admin on save; the neighborhood may not change.
const updateSchema = createSchema.partial({ neighborhoodId: true }).extend(versionInput)

const fields = {
  id: grids.id,
  neighborhoodId: grids.neighborhoodId,
  name: grids.name,
  version: grids.version,
}
const messages = {
  unique: { name: '该居民区已有同名网格' },
  inUse: '该网格仍有渠道或议题，不能删除',
}

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await v.db.select(fields).from(grids).where(eq(grids.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '网格不存在')
}

export const gridsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(fields),
      defaultSort: { field: 'name', order: 'ASC' },
    })
    const db = c.var.db
    const where = and(
      scopeWhere(c.var.user, grids.neighborhoodId),
      inIds(grids.id, idsFilter(q.filter.id)),
      inIds(grids.neighborhoodId, idsFilter(q.filter.neighborhoodId)),
      contains(q.filter.q, grids.name),
    )
    if (q.sort.field === 'name') {
      // Natural order (第二楼组 before 第十楼组, 2号楼 before 10号楼) is the domain's rule, which
      // SQLite cannot sort by; a scope holds few grids, so all of them are read and sorted here.
      const all = await db.select(fields).from(grids).where(where)
      all.sort((a, b) => naturalCompare(a.name, b.name) || a.id - b.id)
      if (q.sort.order === 'DESC') all.reverse()
      return sendList(c, 'grids', q, all.slice(q.offset, q.offset + q.limit), all.length)
    }
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(fields)
        .from(grids)
        .where(where)
        .orderBy(...orderOf(q, fields, grids.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(grids).where(where),
    ])
    return sendList(c, 'grids', q, rows, n)
  })
  .get('/:id', async (c) => c.json(await load(c.var, idParam(c))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    assertNeighborhoodInScope(c.var.user, input.neighborhoodId)
    const db = c.var.db
    await assertNeighborhoodExists(db, input.neighborhoodId)
    const [[row]] = await conflictsAs(
      () =>
        batch(db, [
          db.insert(grids).values(input).returning(fields),
          auditCreate(db, c.var.user, 'grids', input),
        ]),
      messages,
    )
    return c.json(row, 201)
  })
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const { name, neighborhoodId, version } = await readJson(c, updateSchema)
    assertVersion(before, readVersion(c, version))
    if (neighborhoodId !== undefined && neighborhoodId !== before.neighborhoodId)
      throw validationError({ neighborhoodId: '网格不能改到别的居民区' })
    const db = c.var.db
    const v = versioned(db, grids, before.id, before.version)
    const row = await updateVersioned(
      db,
      c.var.user,
      v,
      db
        .update(grids)
        .set({ name, ...v.set })
        .where(v.where)
        .returning(fields),
      { resource: 'grids', before, after: { name } },
      messages,
      () => load(c.var, before.id),
    )
    return c.json(row)
  })
  .delete('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    await deleteAudited(c.var.db, c.var.user, grids, 'grids', before, messages)
    return c.json(before)
  })
