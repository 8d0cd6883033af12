import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { batch } from '../db/batch'
import { categories } from '../db/schema'
import { requireRole, requireUser } from '../lib/auth'
import { ApiError } from '../lib/errors'
import {
  auditCreate,
  boolFilter,
  conflictsAs,
  deleteAudited,
  contains,
  idsFilter,
  inIds,
  orderOf,
} from '../lib/resource'
import { parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import {
  assertVersion,
  readVersion,
  updateVersioned,
  versioned,
  versionInput,
} from '../lib/versions'

// Categories are shared by every neighborhood: everyone signed in reads them, admins edit them.

const editable = {
  name: z.string().trim().min(1, '请填写名称').max(40),
  nameEn: z.string().trim().min(1, '请填写英文名').max(60),
  sortOrder: z.number().int().min(-100000).max(100000),
  active: z.boolean(),
}
const createSchema = z.object({
  ...editable,
  sortOrder: editable.sortOrder.default(0),
  active: editable.active.default(true),
})
const updateSchema = z.object(editable).partial().extend(versionInput)

const fields = {
  id: categories.id,
  name: categories.name,
  nameEn: categories.nameEn,
  sortOrder: categories.sortOrder,
  active: categories.active,
  version: categories.version,
}

const adminOnly = requireRole('admin')
const messages = {
  unique: { name: '已有同名的分类' },
  inUse: '已有议题使用该分类，不能删除；可以停用它',
}

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await v.db.select(fields).from(categories).where(eq(categories.id, id))
  if (!row) throw new ApiError('not_found', '分类不存在')
  return row
}

export const categoriesApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(fields),
      defaultSort: { field: 'sortOrder', order: 'ASC' },
    })
    const db = c.var.db
    const active = boolFilter(q.filter.active)
    const where = and(
      inIds(categories.id, idsFilter(q.filter.id)),
      active === undefined ? undefined : eq(categories.active, active),
      contains(q.filter.q, categories.name, categories.nameEn),
    )
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(fields)
        .from(categories)
        .where(where)
        .orderBy(...orderOf(q, fields, categories.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(categories).where(where),
    ])
    return sendList(c, 'categories', q, rows, n)
  })
  .get('/:id', async (c) => c.json(await load(c.var, idParam(c))))
  .post('/', adminOnly, async (c) => {
    const input = await readJson(c, createSchema)
    const db = c.var.db
    const [[row]] = await conflictsAs(
      () =>
        batch(db, [
          db.insert(categories).values(input).returning(fields),
          auditCreate(db, c.var.user, 'categories', input),
        ]),
      messages,
    )
    return c.json(row, 201)
  })
  .put('/:id', adminOnly, async (c) => {
    const before = await load(c.var, idParam(c))
    const { version, ...input } = await readJson(c, updateSchema)
    assertVersion(before, readVersion(c, version))
    if (!Object.keys(input).length) return c.json(before)
    const db = c.var.db
    const v = versioned(db, categories, before.id, before.version)
    const row = await updateVersioned(
      db,
      c.var.user,
      v,
      db
        .update(categories)
        .set({ ...input, ...v.set })
        .where(v.where)
        .returning(fields),
      { resource: 'categories', before, after: input },
      messages,
      () => load(c.var, before.id),
    )
    return c.json(row)
  })
  .delete('/:id', adminOnly, async (c) => {
    const before = await load(c.var, idParam(c))
    await deleteAudited(c.var.db, c.var.user, categories, 'categories', before, messages)
    return c.json(before)
  })
