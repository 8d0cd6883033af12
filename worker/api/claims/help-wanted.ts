import { Hono } from 'hono'
import { and, type SQL } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { neighborhoods, projects } from '../../db/schema'
import { type NeedProject, needsList } from '../../db/queries/partners/needs-list'
import { maskName } from '../../domain/masking'
import type { CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { idsFilter, inIds } from '../../lib/resource'
import { scopeWhere, townScopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'

// GET /api/help-wanted — the 需求清单 behind the admin (the public page /h/<town> shows the
// same list): adopted projects still under way, with their open tasks, that still look for
// help. Staff see their neighborhoods'; a partner login its town's, with its own live hands
// (`mine`). Filters: id, neighborhoodId, townId, categoryId, q. GET /api/help-wanted/:id — one.
// Accepted 达人 are named masked, as on the public page.

const visible = (user: CurrentUser): SQL | undefined =>
  user.role === 'partner'
    ? townScopeWhere(user, neighborhoods.townId)
    : scopeWhere(user, projects.neighborhoodId)

const toRecord = (p: NeedProject) => ({
  ...p,
  claimants: p.claimants.map((c) => ({
    partnerName: c.partnerName,
    volunteerName: c.volunteerName === null ? null : maskName(c.volunteerName),
  })),
})

const categoryOf = (value: unknown) => {
  const ids = idsFilter(value)
  if (ids && ids.length !== 1) throw new ApiError('bad_request', 'filter 中只能给一个类别')
  return ids?.[0]
}

export const helpWantedApi = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: ['id'],
      defaultSort: { field: 'id', order: 'ASC' },
      maxLimit: 100,
    })
    const { db, user } = c.var
    const f = q.filter
    const { rows, total } = await needsList(
      db,
      {
        where: and(
          visible(user),
          inIds(projects.id, idsFilter(f.id)),
          inIds(projects.neighborhoodId, idsFilter(f.neighborhoodId)),
          inIds(neighborhoods.townId, idsFilter(f.townId)),
        ),
        categoryId: categoryOf(f.categoryId),
        q: typeof f.q === 'string' ? f.q : undefined,
        partnerId: user.partnerId,
      },
      q.limit,
      q.offset,
    )
    return sendList(c, 'help-wanted', q, rows.map(toRecord), total)
  })
  .get('/:id{[0-9]+}', async (c) => {
    const { db, user } = c.var
    const { rows } = await needsList(
      db,
      {
        where: and(visible(user), inIds(projects.id, [idParam(c)])),
        partnerId: user.partnerId,
      },
      1,
      0,
    )
    if (!rows[0]) throw new ApiError('not_found', '这个项目不在需求清单上')
    return c.json(toRecord(rows[0]))
  })
