import { Hono } from 'hono'
import { asc, count, desc } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { partners } from '../../db/schema'
import { partnerFields, selectPartners } from '../../db/queries/partners/partners'
import { maskedFields } from '../../domain/masking'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { PARTNER_SORTABLE, partnerWhere, toPartnerRecord } from './record'

/**
 * GET /api/partners — the register (simple-rest), by name. Filters: id, townId, neighborhoodId
 * (null: the town-wide ones), kind, active, offerKind, categoryId, q.
 */
export const listPartners = new Hono<AppEnv>().get('/', async (c) => {
  const q = parseListQuery(c, {
    sortable: PARTNER_SORTABLE,
    defaultSort: { field: 'name', order: 'ASC' },
    masked: maskedFields(c.var.user.role, 'partners'),
  })
  const { db, user } = c.var
  const where = partnerWhere(user, q.filter)
  const dir = q.sort.order === 'ASC' ? asc : desc
  const column = partnerFields[q.sort.field as (typeof PARTNER_SORTABLE)[number]]
  const [rows, [{ n }]] = await db.batch([
    selectPartners(db)
      .where(where)
      .orderBy(dir(column), dir(partners.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(partners).where(where),
  ])
  return sendList(
    c,
    'partners',
    q,
    rows.map((r) => toPartnerRecord(r, user)),
    n,
  )
})
