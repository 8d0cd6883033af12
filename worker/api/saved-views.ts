import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { batch } from '../db/batch'
import { savedViews } from '../db/schema'
import { audit } from '../lib/audit'
import { requireUser, writesNeedWriter } from '../lib/auth'
import { ApiError } from '../lib/errors'
import { auditCreate, conflictsAs, contains, idsFilter, inIds, orderOf } from '../lib/resource'
import { filterList, parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'

// A user's own saved grid views (filters, sort, columns). Nobody sees another user's views (404).
// Viewers are read-only here as everywhere: they use the built-in views, and saving one is a write
// (403), like every other write of theirs.

const MAX_PARAMS_CHARS = 16_000

const params = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= MAX_PARAMS_CHARS, '视图参数太大')
const editable = {
  resource: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, '资源名无效'),
  name: z.string().trim().min(1, '请填写视图名称').max(60),
  params,
}
const createSchema = z.object(editable)
const updateSchema = z.object(editable).partial()

const fields = {
  id: savedViews.id,
  resource: savedViews.resource,
  name: savedViews.name,
  params: savedViews.params,
  createdAt: savedViews.createdAt,
}
type Row = { params: string } & Record<string, unknown>
const toRecord = <T extends Row>(row: T) => ({
  ...row,
  params: JSON.parse(row.params) as Record<string, unknown>,
})

const sortable = ['id', 'resource', 'name', 'createdAt'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, savedViews[f]]))
const messages = { unique: { name: '已有同名的视图' } }

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await v.db
    .select(fields)
    .from(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, v.user.id)))
  if (!row) throw new ApiError('not_found', '视图不存在')
  return toRecord(row)
}

export const savedViewsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable, defaultSort: { field: 'name', order: 'ASC' } })
    const db = c.var.db
    const where = and(
      eq(savedViews.userId, c.var.user.id),
      inIds(savedViews.id, idsFilter(q.filter.id)),
      inIds(savedViews.resource, filterList<string>(q.filter.resource)),
      contains(q.filter.q, savedViews.name),
    )
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(fields)
        .from(savedViews)
        .where(where)
        .orderBy(...orderOf(q, columns, savedViews.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(savedViews).where(where),
    ])
    return sendList(c, 'saved-views', q, rows.map(toRecord), n)
  })
  .get('/:id', async (c) => c.json(await load(c.var, idParam(c))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const db = c.var.db
    const values = {
      ...input,
      params: JSON.stringify(input.params),
      userId: c.var.user.id,
      createdAt: Date.now(),
    }
    const [[row]] = await conflictsAs(
      () =>
        batch(db, [
          db.insert(savedViews).values(values).returning(fields),
          auditCreate(db, c.var.user, 'saved-views', input),
        ]),
      messages,
    )
    return c.json(toRecord(row), 201)
  })
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    if (!Object.keys(input).length) return c.json(before)
    const db = c.var.db
    const values = { ...input, params: input.params && JSON.stringify(input.params) }
    const [[row]] = await conflictsAs(
      () =>
        batch(db, [
          db.update(savedViews).set(values).where(eq(savedViews.id, before.id)).returning(fields),
          audit(db, c.var.user, {
            action: 'update',
            resource: 'saved-views',
            recordId: before.id,
            before,
            after: input,
          }),
        ]),
      messages,
    )
    return c.json(toRecord(row))
  })
  .delete('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const db = c.var.db
    await batch(db, [
      db.delete(savedViews).where(eq(savedViews.id, before.id)),
      audit(db, c.var.user, {
        action: 'delete',
        resource: 'saved-views',
        recordId: before.id,
        before,
      }),
    ])
    return c.json(before)
  })
