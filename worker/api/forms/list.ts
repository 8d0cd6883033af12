import { Hono } from 'hono'
import { and, asc, desc, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppEnv } from '../../env'
import { forms } from '../../db/schema'
import { listForms, RESPONSE_COUNT } from '../../db/queries/forms/read'
import { contains, idsFilter, inIds } from '../../lib/resource'
import { formScopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { formRecord } from './record'

// GET /api/forms: a page of forms in scope with their response counts.

const SORTABLE: Record<string, SQL | SQLiteColumn> = {
  id: forms.id,
  title: forms.title,
  slug: forms.slug,
  status: forms.status,
  neighborhoodId: forms.neighborhoodId,
  opensAt: forms.opensAt,
  closesAt: forms.closesAt,
  createdAt: forms.createdAt,
  updatedAt: forms.updatedAt,
  responseCount: RESPONSE_COUNT,
}

export const formsListApi = new Hono<AppEnv>().get('/', async (c) => {
  const q = parseListQuery(c, { sortable: Object.keys(SORTABLE) })
  const f = q.filter
  const statuses = filterList<string>(f.status)
  const where = and(
    formScopeWhere(c.var.user),
    inIds(forms.id, idsFilter(f.id)),
    inIds(forms.neighborhoodId, idsFilter(f.neighborhoodId)),
    inIds(forms.townId, idsFilter(f.townId)),
    statuses ? inIds(forms.status, statuses) : undefined,
    contains(f.q, forms.title, forms.slug),
  )
  const dir = q.sort.order === 'ASC' ? asc : desc
  const column = SORTABLE[q.sort.field] ?? forms.id
  const { rows, total } = await listForms(
    c.var.db,
    where,
    [dir(column), dir(forms.id)],
    q.limit,
    q.offset,
  )
  const now = Date.now()
  return sendList(
    c,
    'forms',
    q,
    rows.map((r) => formRecord(r, now)),
    total,
  )
})
