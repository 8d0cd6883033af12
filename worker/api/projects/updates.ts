import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { projects, projectUpdates, users } from '../../db/schema'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { auditCreate, boolFilter, idsFilter, inIds, orderOf } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import { loadProjectInScope } from './record'

// Progress updates of a project (全程公开): public ones show on the resident pages.

const createSchema = z.object({
  projectId: z.number({ message: '请选择项目' }).int().positive('请选择项目'),
  body: z.string({ message: '请填写进展' }).trim().min(1, '请填写进展').max(2000, '最多 2000 个字'),
  public: z.boolean({ message: '应为是或否' }).optional(),
})

const fields = {
  id: projectUpdates.id,
  projectId: projectUpdates.projectId,
  at: projectUpdates.at,
  authorUserId: projectUpdates.authorUserId,
  authorName: users.displayName,
  body: projectUpdates.body,
  public: projectUpdates.public,
  neighborhoodId: projects.neighborhoodId,
}
const sortable = ['id', 'at', 'projectId'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, projectUpdates[f]]))

const toRecord = <T extends { neighborhoodId: number }>({ neighborhoodId: _, ...row }: T) => row

const select = (v: AppEnv['Variables']) =>
  v.db
    .select(fields)
    .from(projectUpdates)
    .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
    .leftJoin(users, eq(users.id, projectUpdates.authorUserId))

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v).where(eq(projectUpdates.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '进展不存在')
}

export const projectUpdatesApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable, defaultSort: { field: 'at', order: 'DESC' } })
    const isPublic = boolFilter(q.filter.public)
    const where = and(
      scopeWhere(c.var.user, projects.neighborhoodId),
      inIds(projectUpdates.id, idsFilter(q.filter.id)),
      inIds(projectUpdates.projectId, idsFilter(q.filter.projectId)),
      isPublic === undefined ? undefined : eq(projectUpdates.public, isPublic),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(c.var)
        .where(where)
        .orderBy(...orderOf(q, columns, projectUpdates.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(projectUpdates)
        .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
        .where(where),
    ])
    return sendList(c, 'project-updates', q, rows.map(toRecord), n)
  })
  .get('/:id', async (c) => c.json(toRecord(await load(c.var, idParam(c)))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const project = await loadProjectInScope(c.var, input.projectId)
    const { db, user } = c.var
    const now = Date.now()
    const values = {
      projectId: project.id,
      at: now,
      authorUserId: user.id,
      body: input.body,
      public: input.public ?? true,
    }
    const [[{ id }]] = await batch(db, [
      db.insert(projectUpdates).values(values).returning({ id: projectUpdates.id }),
      auditCreate(db, user, 'project-updates', values),
      db.update(projects).set({ updatedAt: now }).where(eq(projects.id, project.id)),
    ])
    return c.json(toRecord(await load(c.var, id)), 201)
  })
  .delete('/:id', async (c) => {
    const before = toRecord(await load(c.var, idParam(c)))
    const { db, user } = c.var
    await batch(db, [
      db.delete(projectUpdates).where(eq(projectUpdates.id, before.id)),
      audit(db, user, {
        action: 'delete',
        resource: 'project-updates',
        recordId: before.id,
        before,
      }),
    ])
    return c.json(before)
  })
