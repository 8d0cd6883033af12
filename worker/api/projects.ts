import { Hono } from 'hono'
import { count, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { checklistItems, projects, projectUpdates } from '../db/schema'
import {
  adoptStatements,
  loadProject,
  NEW_PROJECT_ID,
  selectProjects,
  toProjectRecord,
} from '../db/queries/projects'
import { carryNote, carryStatements, guard, runGuarded } from '../db/queries/topic-moves'
import type { Statement } from '../db/batch'
import { carriedTopicStatus, illegalProjectMove } from '../domain/project-status'
import { CREATABLE_PROJECT_STATUSES, PROJECT_STATUSES } from '../domain/vocabulary'
import { illegalMove } from '../domain/topic-workflow'
import { audit } from '../lib/audit'
import { requireUser, writesNeedWriter } from '../lib/auth'
import { ApiError, type FieldErrors, validationError } from '../lib/errors'
import { assertNeighborhoodExists, auditCreate, orderOf } from '../lib/resource'
import { assertNeighborhoodInScope } from '../lib/scope'
import { parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import {
  assertUsersExist,
  loadProjectInScope,
  PROJECT_SORT_COLUMNS,
  PROJECT_SORTABLE,
  projectWhere,
} from './projects-record'
import { loadTopicsInScope, refuse } from './topics-record'

// Projects (举手立项). Creating one with topicIds adopts those topics atomically; a status
// change is carried to the project's topics (in_progress, done).

const optionalId = z.number({ message: '应为编号' }).int().positive().nullable().optional()
const optionalTime = z.number({ message: '应为时间' }).int().nonnegative().nullable().optional()
const editable = {
  title: z
    .string({ message: '请填写项目名称' })
    .trim()
    .min(1, '请填写项目名称')
    .max(100, '最多 100 个字'),
  description: z.string({ message: '应为文字' }).trim().max(5000, '最多 5000 个字'),
  ownerUserId: optionalId,
  owningBody: z.string({ message: '应为文字' }).trim().max(100, '最多 100 个字'),
  deadlineAt: optionalTime,
}
const checklistEntry = z.object({
  title: z.string({ message: '请填写事项' }).trim().min(1, '请填写事项').max(200, '最多 200 个字'),
  ownerUserId: optionalId,
  dueAt: optionalTime,
})
const createSchema = z.object({
  ...editable,
  neighborhoodId: z.number({ message: '请选择居民区' }).int().positive('请选择居民区'),
  description: editable.description.optional(),
  owningBody: editable.owningBody.optional(),
  status: z
    .enum(CREATABLE_PROJECT_STATUSES, { message: '新项目的状态应为计划中、实施中或受阻' })
    .optional(),
  topicIds: z
    .array(z.number().int().positive(), { message: '应为议题编号列表' })
    .max(500, '一次最多 500 个议题')
    .optional(),
  checklist: z
    .array(checklistEntry, { message: '应为任务清单' })
    .max(80, '任务清单最多 80 项')
    .optional(),
  /** Public note on the adopted topics' timelines. */
  note: z.string().trim().max(1000).nullable().optional(),
})
const updateSchema = z
  .object({
    ...editable,
    status: z.enum(PROJECT_STATUSES, { message: '状态无效' }),
    neighborhoodId: z.number().int(),
  })
  .partial()

type Vars = AppEnv['Variables']

/** The topics to adopt: visible, in the project's neighborhood, and submitted or accepted. */
const topicsToAdopt = async (v: Vars, ids: number[], neighborhoodId: number) => {
  if (!ids.length) return []
  const topics = await loadTopicsInScope(v, ids)
  const errors: FieldErrors = {}
  for (const t of topics) {
    const illegal = illegalMove(t.status, 'adopted')
    if (illegal) errors[t.id] = illegal
    else if (t.neighborhoodId !== neighborhoodId) errors[t.id] = '议题与项目不在同一居民区'
  }
  refuse(errors)
  return topics
}

export const projectsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: PROJECT_SORTABLE,
      defaultSort: { field: 'createdAt', order: 'DESC' },
    })
    const db = c.var.db
    const where = projectWhere(c.var.user, q.filter)
    const [rows, [{ n }]] = await db.batch([
      selectProjects(db)
        .where(where)
        .orderBy(...orderOf(q, PROJECT_SORT_COLUMNS, projects.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(projects).where(where),
    ])
    const now = Date.now()
    return sendList(
      c,
      'projects',
      q,
      rows.map((r) => toProjectRecord(r, now)),
      n,
    )
  })
  .get('/:id', async (c) => c.json(await loadProjectInScope(c.var, idParam(c))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const { db, user } = c.var
    assertNeighborhoodInScope(user, input.neighborhoodId)
    await assertNeighborhoodExists(db, input.neighborhoodId)
    const checklist = input.checklist ?? []
    await assertUsersExist(db, {
      ownerUserId: input.ownerUserId,
      ...Object.fromEntries(
        checklist.map((item, i) => [`checklist.${i}.ownerUserId`, item.ownerUserId]),
      ),
    })
    const topicIds = [...new Set(input.topicIds ?? [])]
    await topicsToAdopt(c.var, topicIds, input.neighborhoodId)
    const now = Date.now()
    const values = {
      neighborhoodId: input.neighborhoodId,
      title: input.title,
      description: input.description ?? '',
      ownerUserId: input.ownerUserId ?? null,
      owningBody: input.owningBody ?? '',
      deadlineAt: input.deadlineAt ?? null,
      status: input.status ?? 'planned',
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    }
    const project = { id: NEW_PROJECT_ID, title: values.title, status: values.status }
    const statements: Statement[] = [
      db.insert(projects).values(values).returning({ id: projects.id }),
      // Right after the insert: the audit row takes the new id from last_insert_rowid().
      auditCreate(db, user, 'projects', { ...values, topicIds, checklist }),
      ...(topicIds.length ? adoptStatements(db, user, topicIds, project, input, now) : []),
      ...checklist.map((item, i) =>
        db.insert(checklistItems).values({
          projectId: NEW_PROJECT_ID,
          title: item.title,
          ownerUserId: item.ownerUserId ?? null,
          dueAt: item.dueAt ?? null,
          sortOrder: i + 1,
          createdAt: now,
        }),
      ),
    ]
    const [[{ id }]] = (await runGuarded(db, statements)) as [{ id: number }[]]
    return c.json(await loadProject(db, id), 201)
  })
  .put('/:id', async (c) => {
    const before = await loadProjectInScope(c.var, idParam(c))
    const { neighborhoodId, ...input } = await readJson(c, updateSchema)
    if (neighborhoodId !== undefined && neighborhoodId !== before.neighborhoodId)
      throw validationError({ neighborhoodId: '项目不能改到别的居民区' })
    const changes: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(input))
      if (value !== undefined && value !== before[key as keyof typeof before]) changes[key] = value
    const { db, user } = c.var
    if (!Object.keys(changes).length) return c.json(before)
    const status = input.status ?? before.status
    if (changes.status) {
      const illegal = illegalProjectMove(before.status, status)
      if (illegal) throw new ApiError('illegal_transition', illegal)
    }
    await assertUsersExist(db, { ownerUserId: input.ownerUserId })
    const now = Date.now()
    const carried = changes.status ? carriedTopicStatus(status) : null
    const title = (changes.title as string | undefined) ?? before.title
    const statements: Statement[] = [
      guard(
        db,
        sql`EXISTS (SELECT 1 FROM ${projects} WHERE ${projects.id} = ${before.id} AND ${projects.status} <> ${before.status})`,
      ),
      db
        .update(projects)
        .set({ ...changes, updatedAt: now, ...(changes.status === 'done' && { doneAt: now }) })
        .where(eq(projects.id, before.id)),
      audit(db, user, {
        action: 'update',
        resource: 'projects',
        recordId: before.id,
        before: Object.fromEntries(
          Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]),
        ),
        after: changes,
      }),
      ...(carried
        ? carryStatements(db, user, before.id, carried, carryNote(status, title), now)
        : []),
    ]
    await runGuarded(db, statements, '项目刚被其他人修改，请刷新后重试')
    return c.json(await loadProject(db, before.id))
  })
  .delete('/:id', async (c) => {
    const before = await loadProjectInScope(c.var, idParam(c))
    if (before.topicIds.length || before.evaluationCount)
      throw new ApiError('conflict', '项目已关联议题或已有评议，不能删除；可以把状态改为“已取消”')
    const { db, user } = c.var
    const id = before.id
    await runGuarded(
      db,
      [
        guard(
          db,
          sql`EXISTS (SELECT 1 FROM project_topics WHERE project_id = ${id})
        OR EXISTS (SELECT 1 FROM evaluations WHERE project_id = ${id})`,
        ),
        db.delete(checklistItems).where(eq(checklistItems.projectId, before.id)),
        db.delete(projectUpdates).where(eq(projectUpdates.projectId, before.id)),
        db.delete(projects).where(eq(projects.id, before.id)),
        audit(db, user, { action: 'delete', resource: 'projects', recordId: before.id, before }),
      ],
      '项目刚被其他人修改，请刷新后重试',
    )
    return c.json(before)
  })
