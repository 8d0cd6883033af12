import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { evaluations, projects } from '../../db/schema'
import { canSeePersonalData, maskedFields } from '../../domain/masking'
import type { CurrentUser } from '../../lib/auth'
import { requireUser } from '../../lib/auth'
import { idsFilter, inIds, orderOf } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'

// Residents' evaluations of done projects (监督评议). Read-only for staff; the tracking code
// (which lets a resident follow and evaluate) is withheld from viewers.

const fields = {
  id: evaluations.id,
  projectId: evaluations.projectId,
  trackingCode: evaluations.trackingCode,
  resolved: evaluations.resolved,
  satisfaction: evaluations.satisfaction,
  comment: evaluations.comment,
  createdAt: evaluations.createdAt,
  neighborhoodId: projects.neighborhoodId,
}
const sortable = ['id', 'createdAt', 'satisfaction', 'resolved', 'projectId'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, evaluations[f]]))

const toRecord =
  (user: CurrentUser) =>
  <T extends { neighborhoodId: number; trackingCode: string }>({
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
