import { Hono } from 'hono'
import { and, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { neighborhoodPosts } from '../../db/schema'
import { postsWhere } from '../../db/queries/programmes/posts'
import { requireUser } from '../../lib/auth'
import { idsFilter, inIds } from '../../lib/resource'
import { scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'

// Who holds which post in each neighborhood (书记, 主任, 社工 …): read by the apply dialog to
// prefill owners. Written when a programme is applied with owners (POST /api/programmes/:id/apply).

/** GET /api/neighborhood-posts?filter={"neighborhoodId":[…]} — rows with id `<neighborhood>:<post>`. */
export const neighborhoodPostsApi = new Hono<AppEnv>().use(requireUser).get('/', async (c) => {
  const q = parseListQuery(c, { sortable: ['neighborhoodId'], maxLimit: 2500 })
  const where = and(
    scopeWhere(c.var.user, neighborhoodPosts.neighborhoodId),
    inIds(neighborhoodPosts.neighborhoodId, idsFilter(q.filter.neighborhoodId)),
  )
  const all = await postsWhere(c.var.db, where ?? sql`1`)
  const page = all.slice(q.offset, q.offset + q.limit)
  return sendList(
    c,
    'neighborhood-posts',
    q,
    page.map((r) => ({ id: `${r.neighborhoodId}:${r.post}`, ...r })),
    all.length,
  )
})
