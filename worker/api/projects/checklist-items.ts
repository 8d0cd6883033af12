import { Hono } from 'hono'
import { and, count, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { checklistItems, projects } from '../../db/schema'
import { savedTime } from '../../domain/dates'
import { isItemOverdue } from '../../domain/project-status'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { validationError } from '../../lib/errors'
import {
  auditCreate,
  boolFilter,
  changedFields,
  idsFilter,
  inIds,
  orderOf,
  valuesBefore,
} from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import {
  assertVersion,
  readVersion,
  runVersioned,
  versioned,
  versionInput,
} from '../../lib/versions'
import { assertOwnersVisible, loadProjectInScope } from './record'

// A project's checklist (任务清单): items with owner, due date and a done flag; the project's
// progress is derived from them.

const editable = {
  title: z.string({ message: '请填写事项' }).trim().min(1, '请填写事项').max(200, '最多 200 个字'),
  ownerUserId: z.number({ message: '应为编号' }).int().positive().nullable(),
  dueAt: savedTime().nullable(),
  done: z.boolean({ message: '应为是或否' }),
  sortOrder: z.number({ message: '应为数字' }).int(),
}
const createSchema = z.object({
  ...z.object(editable).partial().shape,
  projectId: z.number({ message: '请选择项目' }).int().positive('请选择项目'),
  title: editable.title,
})
const updateSchema = z
  .object({ ...editable, projectId: z.number().int() })
  .partial()
  .extend(versionInput)

const fields = {
  id: checklistItems.id,
  projectId: checklistItems.projectId,
  title: checklistItems.title,
  ownerUserId: checklistItems.ownerUserId,
  dueAt: checklistItems.dueAt,
  done: checklistItems.done,
  doneAt: checklistItems.doneAt,
  sortOrder: checklistItems.sortOrder,
  createdAt: checklistItems.createdAt,
  version: checklistItems.version,
  neighborhoodId: projects.neighborhoodId,
}
const sortable = ['id', 'sortOrder', 'title', 'dueAt', 'done', 'createdAt', 'ownerUserId'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, checklistItems[f]]))

type Row = { neighborhoodId: number; done: boolean; dueAt: number | null } & Record<string, unknown>
const toRecord = <T extends Row>({ neighborhoodId: _, ...row }: T, now = Date.now()) => ({
  ...row,
  overdue: isItemOverdue({ done: row.done as boolean, dueAt: row.dueAt as number | null }, now),
})

const select = (v: AppEnv['Variables']) =>
  v.db
    .select(fields)
    .from(checklistItems)
    .innerJoin(projects, eq(projects.id, checklistItems.projectId))

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v).where(eq(checklistItems.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '事项不存在')
}

const touchProject = (v: AppEnv['Variables'], projectId: number, now: number) =>
  v.db.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId))

export const checklistItemsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable, defaultSort: { field: 'sortOrder', order: 'ASC' } })
    const f = q.filter
    const done = boolFilter(f.done)
    const where = and(
      scopeWhere(c.var.user, projects.neighborhoodId),
      inIds(checklistItems.id, idsFilter(f.id)),
      inIds(checklistItems.projectId, idsFilter(f.projectId)),
      inIds(checklistItems.ownerUserId, idsFilter(f.ownerUserId)),
      done === undefined ? undefined : eq(checklistItems.done, done),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(c.var)
        .where(where)
        .orderBy(...orderOf(q, columns, checklistItems.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(checklistItems)
        .innerJoin(projects, eq(projects.id, checklistItems.projectId))
        .where(where),
    ])
    return sendList(
      c,
      'checklist-items',
      q,
      rows.map((r) => toRecord(r)),
      n,
    )
  })
  .get('/:id', async (c) => c.json(toRecord(await load(c.var, idParam(c)))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const project = await loadProjectInScope(c.var, input.projectId)
    const { db, user } = c.var
    await assertOwnersVisible(c.var, { ownerUserId: input.ownerUserId })
    const now = Date.now()
    const values = {
      projectId: project.id,
      title: input.title,
      ownerUserId: input.ownerUserId ?? null,
      dueAt: input.dueAt ?? null,
      done: input.done ?? false,
      doneAt: input.done ? now : null,
      sortOrder:
        input.sortOrder ??
        sql`(SELECT coalesce(max(sort_order), 0) + 1 FROM checklist_items WHERE project_id = ${project.id})`,
      createdAt: now,
    }
    const [[{ id }]] = await batch(db, [
      db.insert(checklistItems).values(values).returning({ id: checklistItems.id }),
      auditCreate(db, user, 'checklist-items', { ...values, sortOrder: input.sortOrder ?? null }),
      touchProject(c.var, project.id, now),
    ])
    return c.json(toRecord(await load(c.var, id)), 201)
  })
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const { projectId, version, ...input } = await readJson(c, updateSchema)
    assertVersion(before, readVersion(c, version), toRecord(before))
    if (projectId !== undefined && projectId !== before.projectId)
      throw validationError({ projectId: '事项不能移到别的项目' })
    const changes = changedFields(before, input)
    if (!Object.keys(changes).length) return c.json(toRecord(before))
    const { db, user } = c.var
    await assertOwnersVisible(c.var, { ownerUserId: input.ownerUserId })
    const now = Date.now()
    if (changes.done !== undefined) changes.doneAt = changes.done ? now : null
    const v = versioned(db, checklistItems, before.id, before.version)
    const current = async () => toRecord(await load(c.var, before.id))
    await runVersioned(
      db,
      [
        v.guard,
        db
          .update(checklistItems)
          .set({ ...changes, ...v.set })
          .where(v.where),
        audit(db, user, {
          action: 'update',
          resource: 'checklist-items',
          recordId: before.id,
          before: valuesBefore(before, changes),
          after: changes,
        }),
        touchProject(c.var, before.projectId, now),
      ],
      current,
    )
    return c.json(toRecord(await load(c.var, before.id)))
  })
  .delete('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const { db, user } = c.var
    await batch(db, [
      db.delete(checklistItems).where(eq(checklistItems.id, before.id)),
      audit(db, user, {
        action: 'delete',
        resource: 'checklist-items',
        recordId: before.id,
        before: toRecord(before),
      }),
      touchProject(c.var, before.projectId, Date.now()),
    ])
    return c.json(toRecord(before))
  })
