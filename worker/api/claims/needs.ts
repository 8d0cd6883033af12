import { Hono } from 'hono'
import { and, asc, count, desc, eq, sql } from 'drizzle-orm'
import type { AppEnv, Db } from '../../env'
import { projectNeeds, projects } from '../../db/schema'
import type { OfferKind } from '../../domain/vocabulary'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { ApiError, validationError } from '../../lib/errors'
import {
  auditCreate,
  boolFilter,
  changedFields,
  conflictsAs,
  deleteAudited,
  idsFilter,
  inIds,
  updateAudited,
  valuesBefore,
} from '../../lib/resource'
import { inScope, scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import { needCreateSchema, needUpdateSchema } from './schemas'

// /api/project-needs — what a project, or one of its tasks, asks of partners: the kinds of
// offer wanted (场地, 专业服务 …) and public words on what exactly; `open: false` takes it off the
// 需求清单. One per project or task (409 for a second). Staff of the project's neighborhood.

const fields = {
  id: projectNeeds.id,
  projectId: projectNeeds.projectId,
  checklistItemId: projectNeeds.checklistItemId,
  kinds: projectNeeds.kinds,
  note: projectNeeds.note,
  open: projectNeeds.open,
  updatedAt: projectNeeds.updatedAt,
  neighborhoodId: projects.neighborhoodId,
}

const select = (db: Db) =>
  db.select(fields).from(projectNeeds).innerJoin(projects, eq(projects.id, projectNeeds.projectId))

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]

const toRecord = (row: Row) => ({ ...row, kinds: JSON.parse(row.kinds) as OfferKind[] })

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v.db).where(
    and(eq(projectNeeds.id, id), scopeWhere(v.user, projects.neighborhoodId)),
  )
  if (!row) throw new ApiError('not_found', '需求不存在')
  return row
}

/** The project in scope, and the task when named (it must be the project's). */
const assertTarget = async (v: AppEnv['Variables'], projectId: number, taskId: number | null) => {
  const row = await v.db.get<{ neighborhoodId: number; taskId: number | null } | undefined>(
    sql`SELECT p.neighborhood_id AS neighborhoodId, i.id AS taskId FROM projects p
      LEFT JOIN checklist_items i ON i.id = ${taskId} AND i.project_id = p.id
      WHERE p.id = ${projectId}`,
  )
  if (!row || !inScope(v.user, row.neighborhoodId)) throw new ApiError('not_found', '项目不存在')
  if (taskId !== null && row.taskId === null)
    throw validationError({ checklistItemId: '任务不属于这个项目' })
}

const messages = { unique: { checklistItemId: '这个项目（或任务）已经写过需求，请直接修改' } }

export const projectNeedsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: ['id', 'updatedAt'] })
    const { db, user } = c.var
    const f = q.filter
    const open = boolFilter(f.open)
    const where = and(
      scopeWhere(user, projects.neighborhoodId),
      inIds(projectNeeds.id, idsFilter(f.id)),
      inIds(projectNeeds.projectId, idsFilter(f.projectId)),
      f.checklistItemId === null
        ? sql`${projectNeeds.checklistItemId} IS NULL`
        : inIds(projectNeeds.checklistItemId, idsFilter(f.checklistItemId)),
      open === undefined ? undefined : eq(projectNeeds.open, open),
    )
    const dir = q.sort.order === 'ASC' ? asc : desc
    const [rows, [{ n }]] = await db.batch([
      select(db)
        .where(where)
        .orderBy(dir(q.sort.field === 'updatedAt' ? projectNeeds.updatedAt : projectNeeds.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(projectNeeds)
        .innerJoin(projects, eq(projects.id, projectNeeds.projectId))
        .where(where),
    ])
    return sendList(c, 'project-needs', q, rows.map(toRecord), n)
  })
  .get('/:id{[0-9]+}', async (c) => c.json(toRecord(await load(c.var, idParam(c)))))
  .post('/', async (c) => {
    const input = await readJson(c, needCreateSchema)
    const taskId = input.checklistItemId ?? null
    await assertTarget(c.var, input.projectId, taskId)
    const { db, user } = c.var
    const values = {
      projectId: input.projectId,
      checklistItemId: taskId,
      kinds: JSON.stringify([...new Set(input.kinds ?? [])]),
      note: input.note ?? '',
      open: input.open ?? true,
      updatedBy: user.id,
      updatedAt: Date.now(),
    }
    const [[{ id }]] = await conflictsAs(
      () =>
        db.batch([
          db.insert(projectNeeds).values(values).returning({ id: projectNeeds.id }),
          auditCreate(db, user, 'project-needs', values),
        ]),
      messages,
    )
    return c.json(toRecord(await load(c.var, id)), 201)
  })
  .put('/:id{[0-9]+}', async (c) => {
    const before = await load(c.var, idParam(c))
    const { projectId, checklistItemId, kinds, ...input } = await readJson(c, needUpdateSchema)
    if (
      (projectId !== undefined && projectId !== before.projectId) ||
      (checklistItemId !== undefined && checklistItemId !== before.checklistItemId)
    )
      throw validationError({ projectId: '需求不能移到别的项目或任务' })
    const next: Record<string, unknown> = {
      ...input,
      kinds: kinds === undefined ? undefined : JSON.stringify([...new Set(kinds)]),
    }
    const changes = changedFields(before, next)
    const { db, user } = c.var
    if (Object.keys(changes).length)
      await updateAudited(
        db,
        user,
        db
          .update(projectNeeds)
          .set({ ...changes, updatedBy: user.id, updatedAt: Date.now() })
          .where(eq(projectNeeds.id, before.id))
          .returning({ id: projectNeeds.id }),
        {
          resource: 'project-needs',
          before: { id: before.id, ...valuesBefore(before, changes) },
          after: changes,
        },
        messages,
      )
    return c.json(toRecord(await load(c.var, before.id)))
  })
  .delete('/:id{[0-9]+}', async (c) => {
    const before = await load(c.var, idParam(c))
    const { neighborhoodId: _, ...need } = before
    await deleteAudited(c.var.db, c.var.user, projectNeeds, 'project-needs', need, {})
    return c.json(toRecord(before))
  })
