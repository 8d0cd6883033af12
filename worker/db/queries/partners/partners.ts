import { eq, getTableColumns, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { partnerOffers, partners } from '../../schema'

// The partner register (共建单位) and its offers (资源清单), with the figures the admin lists show.

const per = (table: string, extra = '') =>
  sql.raw(`FROM ${table} WHERE partner_id = "partners"."id"${extra}`)

/** Every partner column plus its offer and claim figures, as correlated subqueries. */
export const partnerFields = {
  ...getTableColumns(partners),
  offerCount: sql<number>`(SELECT count(*) ${per('partner_offers', ' AND active = 1')})`,
  offerKinds: sql<string>`(SELECT json_group_array(DISTINCT kind) ${per('partner_offers', ' AND active = 1')})`,
  acceptedCount: sql<number>`(SELECT count(*) ${per('claims', " AND status = 'accepted'")})`,
  pendingCount: sql<number>`(SELECT count(*) ${per('claims', " AND status = 'pending'")})`,
  loginCount: sql<number>`(SELECT count(*) ${per('user_partners')})`,
}

/** `SELECT <partnerFields> FROM partners`, to add where/order/limit to. */
export const selectPartners = (db: Db) => db.select(partnerFields).from(partners)

export type PartnerRow = Awaited<ReturnType<typeof selectPartners>>[number]

/** The offer columns, with the partner's town and neighborhood for scope checks. */
export const offerFields = {
  ...getTableColumns(partnerOffers),
  townId: partners.townId,
  partnerNeighborhoodId: partners.neighborhoodId,
}

/** `SELECT <offerFields> FROM partner_offers JOIN partners`, to add where/order/limit to. */
export const selectOffers = (db: Db) =>
  db
    .select(offerFields)
    .from(partnerOffers)
    .innerJoin(partners, eq(partners.id, partnerOffers.partnerId))

export type OfferRow = Awaited<ReturnType<typeof selectOffers>>[number]
