import { Hono } from 'hono'
import { and, type SQL, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { projects } from '../../db/schema'
import { batchRows } from '../../db/batch'
import { maskName } from '../../domain/masking'
import type { ProjectStatus } from '../../domain/vocabulary'
import type { CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { idsFilter, inIds } from '../../lib/resource'
import { scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'

// GET /api/partner-projects — the projects a partner joined (an accepted hand on the project or
// one of its tasks), newest hand first: a partner login sees its own, staff those of their
// neighborhoods (filter partnerId to see one partner's). Public facts only: progress, checklist,
// public updates, the partners on it (达人 masked); no resident and no staff data.
// GET /api/partner-projects/:id adds the checklist and the latest public updates.

type Row = {
  id: number
  title: string
  status: ProjectStatus
  neighborhoodId: number
  neighborhoodName: string
  owningBody: string
  deadlineAt: number | null
  doneAt: number | null
  checklistTotal: number
  checklistDone: number
  joinedAt: number
  hands: string
}

/** Accepted hands counted for the caller: its own (partner) or any (staff, per filter). */
const handsWhere = (user: CurrentUser, f: Record<string, unknown>): SQL => {
  if (user.role === 'partner') return sql`c.partner_id = ${user.partnerId ?? 0}`
  const partnerIds = idsFilter(f.partnerId)
  return partnerIds
    ? sql`c.partner_id IN (SELECT value FROM json_each(${JSON.stringify(partnerIds)}))`
    : sql`1`
}

const joinedQuery = (user: CurrentUser, f: Record<string, unknown>, where: SQL | undefined) => {
  const hands = handsWhere(user, f)
  const visible = user.role === 'partner' ? undefined : scopeWhere(user, projects.neighborhoodId)
  return sql`FROM projects JOIN neighborhoods n ON n.id = projects.neighborhood_id
    WHERE EXISTS (SELECT 1 FROM claims c WHERE c.project_id = projects.id
        AND c.status = 'accepted' AND ${hands})
      ${and(visible, where) ? sql`AND ${and(visible, where)}` : sql``}`
}

const columns = (user: CurrentUser, f: Record<string, unknown>) => sql`projects.id,
  projects.title, projects.status, projects.neighborhood_id AS neighborhoodId,
  n.name AS neighborhoodName, projects.owning_body AS owningBody,
  projects.deadline_at AS deadlineAt, projects.done_at AS doneAt,
  (SELECT count(*) FROM checklist_items i WHERE i.project_id = projects.id) AS checklistTotal,
  (SELECT count(*) FROM checklist_items i WHERE i.project_id = projects.id AND i.done = 1)
    AS checklistDone,
  (SELECT max(c.decided_at) FROM claims c WHERE c.project_id = projects.id
    AND c.status = 'accepted' AND ${handsWhere(user, f)}) AS joinedAt,
  (SELECT json_group_array(json_object('claimId', c.id, 'checklistItemId', c.checklist_item_id,
      'taskTitle', i.title, 'partnerId', c.partner_id, 'partnerName', pa.name,
      'volunteerName', v.name))
    FROM claims c LEFT JOIN checklist_items i ON i.id = c.checklist_item_id
      LEFT JOIN partners pa ON pa.id = c.partner_id LEFT JOIN volunteers v ON v.id = c.volunteer_id
    WHERE c.project_id = projects.id AND c.status = 'accepted') AS hands`

type Hand = {
  claimId: number
  checklistItemId: number | null
  taskTitle: string | null
  partnerId: number | null
  partnerName: string | null
  volunteerName: string | null
}

const toRecord = (row: Row, user: CurrentUser) => {
  const hands = (JSON.parse(row.hands) as Hand[]).map((h) => ({
    ...h,
    volunteerName: h.volunteerName === null ? null : maskName(h.volunteerName),
  }))
  return {
    ...row,
    progress: row.checklistTotal ? Math.round((row.checklistDone / row.checklistTotal) * 100) : 0,
    hands,
    /** A partner login's own accepted hands here (the project itself, or which tasks). */
    mine: user.role === 'partner' ? hands.filter((h) => h.partnerId === user.partnerId) : [],
  }
}

export const partnerProjectsApi = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: ['id'], defaultSort: { field: 'id', order: 'DESC' } })
    const { db, user } = c.var
    const where = and(
      inIds(projects.id, idsFilter(q.filter.id)),
      inIds(projects.neighborhoodId, idsFilter(q.filter.neighborhoodId)),
    )
    const [rows, [count]] = await batchRows(db, [
      sql`SELECT ${columns(user, q.filter)} ${joinedQuery(user, q.filter, where)}
        ORDER BY joinedAt DESC, projects.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
      sql`SELECT count(*) AS n ${joinedQuery(user, q.filter, where)}`,
    ])
    return sendList(
      c,
      'partner-projects',
      q,
      (rows as Row[]).map((r) => toRecord(r, user)),
      (count as { n: number }).n,
    )
  })
  .get('/:id{[0-9]+}', async (c) => {
    const { db, user } = c.var
    const id = idParam(c)
    const [[row], checklist, updates] = await batchRows(db, [
      sql`SELECT ${columns(user, {})} ${joinedQuery(user, {}, sql`projects.id = ${id}`)}`,
      sql`SELECT id, title, done, due_at AS dueAt FROM checklist_items WHERE project_id = ${id}
        ORDER BY sort_order, id`,
      sql`SELECT id, at, body FROM project_updates WHERE project_id = ${id} AND public = 1
        ORDER BY at DESC, id DESC LIMIT 10`,
    ])
    if (!row) throw new ApiError('not_found', '项目不存在')
    return c.json({
      ...toRecord(row as Row, user),
      checklist: (
        checklist as { id: number; title: string; done: number; dueAt: number | null }[]
      ).map((i) => ({ ...i, done: i.done === 1 })),
      updates,
    })
  })
