import { Hono } from 'hono'
import { count } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { projects } from '../../db/schema'
import { selectProjects, toProjectRecord } from '../../db/queries/projects'
import { batch } from '../../db/batch'
import { orderOf } from '../../lib/resource'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { PROJECT_SORT_COLUMNS, PROJECT_SORTABLE, projectWhere } from './record'

// GET /api/projects: a page of projects with their figures (progress, overdue, evaluations).

export const projectsListApi = new Hono<AppEnv>().get('/', async (c) => {
  const q = parseListQuery(c, {
    sortable: PROJECT_SORTABLE,
    defaultSort: { field: 'createdAt', order: 'DESC' },
  })
  const db = c.var.db
  const where = projectWhere(c.var.user, q.filter)
  const [rows, [{ n }]] = await batch(db, [
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
