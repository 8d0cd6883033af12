import { Hono } from 'hono'
import { asc, count, desc, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { claims, partners, projects } from '../../db/schema'
import { selectClaims } from '../../db/queries/partners/claims'
import { maskedFields } from '../../domain/masking'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'
import { CLAIM_SORTABLE, claimWhere, loadClaimInScope, toClaimRecord } from './record'

/**
 * GET /api/claims — the hands raised (simple-rest), newest first: staff see those of their
 * neighborhoods (the queue is `filter={"status":"pending"}`), a partner login its own.
 * GET /api/claims/:id — one of them.
 */
export const readClaims = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: CLAIM_SORTABLE,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      masked: maskedFields(c.var.user.role, 'claims'),
    })
    const { db, user } = c.var
    const where = claimWhere(user, q.filter)
    const dir = q.sort.order === 'ASC' ? asc : desc
    const [rows, [{ n }]] = await db.batch([
      selectClaims(db)
        .where(where)
        .orderBy(dir(claims[q.sort.field as (typeof CLAIM_SORTABLE)[number]]), dir(claims.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(claims)
        .innerJoin(projects, eq(projects.id, claims.projectId))
        .leftJoin(partners, eq(partners.id, claims.partnerId))
        .where(where),
    ])
    return sendList(
      c,
      'claims',
      q,
      rows.map((r) => toClaimRecord(r, user)),
      n,
    )
  })
  .get('/:id{[0-9]+}', async (c) =>
    c.json(toClaimRecord(await loadClaimInScope(c.var, idParam(c)), c.var.user)),
  )
