import { Hono } from 'hono'
import { and, count, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { batch } from '../db/batch'
import { neighborhoods, towns } from '../db/schema'
import { type CurrentUser, requireRole, requireUser } from '../lib/auth'
import { ApiError } from '../lib/errors'
import {
  auditCreate,
  conflictsAs,
  deleteAudited,
  contains,
  idsFilter,
  inIds,
  orderOf,
} from '../lib/resource'
import { scopeWhere } from '../lib/scope'
import { parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import {
  assertVersion,
  readVersion,
  updateVersioned,
  versioned,
  versionInput,
} from '../lib/versions'

const townSchema = z.object({ name: z.string().trim().min(1, '请填写名称').max(60) })

const fields = { id: towns.id, name: towns.name, version: towns.version }

// A town is visible to non-admins when one of its neighborhoods is in their scope.
const townScope = (user: CurrentUser) => {
  const nbhd = scopeWhere(user, neighborhoods.id)
  return (
    nbhd && sql`${towns.id} IN (SELECT ${neighborhoods.townId} FROM ${neighborhoods} WHERE ${nbhd})`
  )
}

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await v.db
    .select(fields)
    .from(towns)
    .where(and(eq(towns.id, id), townScope(v.user)))
  if (!row) throw new ApiError('not_found', '镇/街道不存在')
  return row
}

const adminOnly = requireRole('admin')
const messages = {
  unique: { name: '已有同名的镇/街道' },
  inUse: '该镇/街道下还有居民区或账号，不能删除',
}

export const townsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(fields),
      defaultSort: { field: 'name', order: 'ASC' },
    })
    const db = c.var.db
    const where = and(
      townScope(c.var.user),
      inIds(towns.id, idsFilter(q.filter.id)),
      contains(q.filter.q, towns.name),
    )
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(fields)
        .from(towns)
        .where(where)
        .orderBy(...orderOf(q, fields, towns.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(towns).where(where),
    ])
    return sendList(c, 'towns', q, rows, n)
  })
  .get('/:id', async (c) => c.json(await load(c.var, idParam(c))))
  .post('/', adminOnly, async (c) => {
    const input = await readJson(c, townSchema)
    const db = c.var.db
    const [[row]] = await conflictsAs(
      () =>
        batch(db, [
          db
            .insert(towns)
            .values({ ...input, createdAt: Date.now() })
            .returning(fields),
          auditCreate(db, c.var.user, 'towns', input),
        ]),
      messages,
    )
    return c.json(row, 201)
  })
  .put('/:id', adminOnly, async (c) => {
    const before = await load(c.var, idParam(c))
    const { version, ...input } = await readJson(c, townSchema.extend(versionInput))
    assertVersion(before, readVersion(c, version))
    const db = c.var.db
    const v = versioned(db, towns, before.id, before.version)
    const row = await updateVersioned(
      db,
      c.var.user,
      v,
      db
        .update(towns)
        .set({ ...input, ...v.set })
        .where(v.where)
        .returning(fields),
      { resource: 'towns', before, after: input },
      messages,
      () => load(c.var, before.id),
    )
    return c.json(row)
  })
  .delete('/:id', adminOnly, async (c) => {
    const before = await load(c.var, idParam(c))
    await deleteAudited(c.var.db, c.var.user, towns, 'towns', before, messages)
    return c.json(before)
  })
