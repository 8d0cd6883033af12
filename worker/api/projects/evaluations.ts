import { Hono } from 'hono'
import { and, count, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { batch, guard } from '../../db/batch'
import { evaluations, projects } from '../../db/schema'
import { canSeePersonalData, maskedFields } from '../../domain/masking'
import type { CurrentUser } from '../../lib/auth'
import { requireUser, requireWriter } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { runGuarded } from '../../lib/guarded'
import { auditCreate, idsFilter, inIds, orderOf } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import { COMMENT_MAX, RESOLVED } from '../../domain/evaluation'
import { loadProjectInScope } from './record'

// Residents' evaluations of done projects (监督评议), with where each came from (a filer's code, a
// verified phone, paper: domain/voice.ts). Staff add paper ones (POST, source 'paper', audited);
// the rest only residents make. The tracking code (which lets a resident follow and evaluate) is
// withheld from viewers.

/** A paper rating sheet as staff enter it. */
const paperSchema = z.object({
  projectId: z.number({ message: '请选择项目' }).int().positive('请选择项目'),
  source: z.literal('paper', { message: '工作人员只能录入纸质评议' }),
  resolved: z.enum(RESOLVED, { message: '请选择问题是否解决' }),
  satisfaction: z
    .number({ message: '请选择满意程度' })
    .int('满意程度应为 1 到 5')
    .min(1, '满意程度应为 1 到 5')
    .max(5, '满意程度应为 1 到 5'),
  comment: z
    .string({ message: '应为文字' })
    .trim()
    .max(COMMENT_MAX, `最多 ${COMMENT_MAX} 个字`)
    .default(''),
})

const fields = {
  id: evaluations.id,
  projectId: evaluations.projectId,
  trackingCode: evaluations.trackingCode,
  source: evaluations.source,
  resolved: evaluations.resolved,
  satisfaction: evaluations.satisfaction,
  comment: evaluations.comment,
  createdAt: evaluations.createdAt,
  neighborhoodId: projects.neighborhoodId,
}
const sortable = ['id', 'createdAt', 'satisfaction', 'resolved', 'projectId', 'source'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, evaluations[f]]))

const toRecord =
  (user: CurrentUser) =>
  <T extends { neighborhoodId: number; trackingCode: string | null }>({
    neighborhoodId: _,
    ...row
  }: T) => ({
    ...row,
    trackingCode: canSeePersonalData(user.role) ? row.trackingCode : null,
  })

const select = (v: AppEnv['Variables']) =>
  v.db.select(fields).from(evaluations).innerJoin(projects, eq(projects.id, evaluations.projectId))

export const evaluationsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      masked: maskedFields(c.var.user.role, 'evaluations'),
    })
    const where = and(
      scopeWhere(c.var.user, projects.neighborhoodId),
      inIds(evaluations.id, idsFilter(q.filter.id)),
      inIds(evaluations.projectId, idsFilter(q.filter.projectId)),
      inIds(evaluations.resolved, filterList<string>(q.filter.resolved)),
      inIds(evaluations.source, filterList<string>(q.filter.source)),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(c.var)
        .where(where)
        .orderBy(...orderOf(q, columns, evaluations.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(evaluations)
        .innerJoin(projects, eq(projects.id, evaluations.projectId))
        .where(where),
    ])
    return sendList(c, 'evaluations', q, rows.map(toRecord(c.var.user)), n)
  })
  .get('/:id', async (c) => {
    const [row] = await select(c.var).where(eq(evaluations.id, idParam(c)))
    return c.json(
      toRecord(c.var.user)(assertInScope(c.var.user, row, (r) => r.neighborhoodId, '评议不存在')),
    )
  })
  .post('/', requireWriter, async (c) => {
    const input = await readJson(c, paperSchema)
    const project = await loadProjectInScope(c.var, input.projectId)
    if (project.status !== 'done')
      throw new ApiError('conflict', '项目还没有完成，完成后才能录入评议')
    const { db, user } = c.var
    const values = {
      projectId: project.id,
      trackingCode: null,
      source: 'paper' as const,
      resolved: input.resolved,
      satisfaction: input.satisfaction,
      comment: input.comment,
      createdAt: Date.now(),
    }
    // Inserted only while the project is still done: a reopen meanwhile stores nothing.
    const [, [created]] = await runGuarded(
      db,
      [
        guard(
          db,
          sql`NOT EXISTS (SELECT 1 FROM projects WHERE id = ${project.id} AND status = 'done')`,
        ),
        db.insert(evaluations).values(values).returning({ id: evaluations.id }),
        auditCreate(db, user, 'evaluations', values),
      ],
      '项目刚被其他人修改，请刷新后重试',
    )
    const [row] = await select(c.var).where(eq(evaluations.id, created.id))
    return c.json(toRecord(user)(row), 201)
  })
