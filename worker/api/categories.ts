import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { categories } from '../db/schema'
import { requireRole, requireUser } from '../lib/auth'
import { versionedRecords } from '../lib/crud'
import { boolFilter, contains, idsFilter, inIds } from '../lib/resource'
import { readJson } from '../lib/validate'
import { versionInput } from '../lib/versions'

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

const crud = versionedRecords({
  resource: 'categories',
  table: categories,
  fields: {
    id: categories.id,
    name: categories.name,
    nameEn: categories.nameEn,
    sortOrder: categories.sortOrder,
    active: categories.active,
    version: categories.version,
  },
  notFound: '类别不存在',
  messages: {
    unique: { name: '已有同名的类别' },
    inUse: '已有议题使用该类别，不能删除；可以停用它',
  },
})

const adminOnly = requireRole('admin')

export const categoriesApi = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    crud.list({
      defaultSort: { field: 'sortOrder', order: 'ASC' },
      where: (q) => {
        const active = boolFilter(q.filter.active)
        return [
          inIds(categories.id, idsFilter(q.filter.id)),
          active === undefined ? undefined : eq(categories.active, active),
          contains(q.filter.q, categories.name, categories.nameEn),
        ]
      },
    }),
  )
  .get('/:id', crud.read)
  .post('/', adminOnly, async (c) => crud.create(c, await readJson(c, createSchema)))
  .put('/:id', adminOnly, crud.update(z.object(editable).partial().extend(versionInput)))
  .delete('/:id', adminOnly, crud.remove)
