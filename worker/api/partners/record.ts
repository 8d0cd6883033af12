import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { AppEnv, Db } from '../../env'
import { categories, neighborhoods, partners } from '../../db/schema'
import { type PartnerRow, selectPartners } from '../../db/queries/partners/partners'
import { canSeePersonalData, maskedFields, maskName, maskPhone } from '../../domain/masking'
import { OFFER_KINDS, type OfferKind, PARTNER_KINDS } from '../../domain/vocabulary'
import type { CurrentUser } from '../../lib/auth'
import { ApiError, validationError } from '../../lib/errors'
import { boolFilter, contains, idsFilter, inIds, searchable } from '../../lib/resource'
import { inScope, townScopeWhere } from '../../lib/scope'
import { filterList, inList } from '../../lib/simple-rest'

// What the partner routes share: who may see and change a partner, the API record, the filters.
// Staff see the partners of the towns their neighborhoods are in (a town's hospital helps every
// neighborhood); they change those of their own neighborhoods. Town coordinators change their
// towns' partners, admins every one. Viewers see contact phones and names masked.

type Vars = AppEnv['Variables']

export const PARTNER_SORTABLE = [
  'id',
  'name',
  'kind',
  'createdAt',
  'updatedAt',
  'acceptedCount',
  'pendingCount',
] as const

/** Whether `user` may change partner `p` (see the header). */
export const canWritePartner = (
  user: CurrentUser,
  p: { townId: number; neighborhoodId: number | null },
) => {
  if (user.role === 'admin') return true
  if (user.role === 'town') return user.townIds.includes(p.townId)
  if (user.role === 'staff') return p.neighborhoodId !== null && inScope(user, p.neighborhoodId)
  return false
}

/** 403 unless `user` may change partner `p`. */
export const assertCanWritePartner = (
  user: CurrentUser,
  p: { townId: number; neighborhoodId: number | null },
) => {
  if (!canWritePartner(user, p))
    throw new ApiError(
      'forbidden',
      p.neighborhoodId === null ? '服务全镇的共建单位由镇专班维护' : '只能修改本居民区的共建单位',
    )
}

/**
 * The API record of a partner: offer kinds as a list, phone and contact masked for viewers,
 * and whether the caller may change it.
 */
export const toPartnerRecord = (row: PartnerRow, user: CurrentUser) => {
  const mask = !canSeePersonalData(user.role)
  return {
    ...row,
    contactName: mask ? (maskName(row.contactName) ?? '') : row.contactName,
    contactPhone: mask ? maskPhone(row.contactPhone) : row.contactPhone,
    offerKinds: (JSON.parse(row.offerKinds) as OfferKind[]).sort(
      (a, b) => OFFER_KINDS.indexOf(a) - OFFER_KINDS.indexOf(b),
    ),
    writable: canWritePartner(user, row),
  }
}

/** A partner the caller may see; anything else is a 404. */
export const loadPartnerInScope = async (v: Vars, id: number) => {
  const [row] = await selectPartners(v.db).where(
    and(eq(partners.id, id), townScopeWhere(v.user, partners.townId)),
  )
  if (!row) throw new ApiError('not_found', '共建单位不存在')
  return row
}

/**
 * The town a new or moved partner belongs to: its neighborhood's, else the one named. The
 * neighborhood must exist and be in the caller's scope; the town must exist.
 */
export const resolveTown = async (
  db: Db,
  user: CurrentUser,
  input: { townId?: number; neighborhoodId?: number | null },
) => {
  if (input.neighborhoodId != null) {
    if (!inScope(user, input.neighborhoodId)) throw new ApiError('not_found', '居民区不存在')
    const [n] = await db
      .select({ townId: neighborhoods.townId })
      .from(neighborhoods)
      .where(eq(neighborhoods.id, input.neighborhoodId))
    if (!n) throw validationError({ neighborhoodId: '居民区不存在' })
    if (input.townId !== undefined && input.townId !== n.townId)
      throw validationError({ neighborhoodId: '居民区不属于所选的镇/街道' })
    return n.townId
  }
  if (input.townId === undefined) throw validationError({ townId: '请选择镇/街道或居民区' })
  const town = await db.get<{ id: number } | undefined>(
    sql`SELECT id FROM towns WHERE id = ${input.townId}`,
  )
  if (!town) throw validationError({ townId: '镇/街道不存在' })
  return input.townId
}

/** Category ids named by an offer must exist (400 otherwise). */
export const assertCategoriesExist = async (db: Db, ids: number[] | undefined) => {
  if (!ids?.length) return
  const found = await db
    .select({ id: categories.id })
    .from(categories)
    .where(inList(categories.id, [...new Set(ids)]))
  const known = new Set(found.map((r) => r.id))
  const missing = ids.filter((id) => !known.has(id))
  if (missing.length) throw validationError({ categoryIds: `类别不存在：${missing.join(', ')}` })
}

const kindFilter = (value: unknown, allowed: readonly string[]) => {
  const list = filterList<string>(value)
  if (list && !list.every((s) => allowed.includes(s)))
    throw new ApiError('bad_request', 'filter 中的类型无效')
  return list
}

/**
 * The WHERE of a partner list: scope, ids, town, neighborhood (`null` lists the town-wide ones),
 * kind, active, an offer kind or category they have, and `q` (name, contact, note; the contact
 * only for those who see it).
 * @example partnerWhere(user, { kind: 'party_branch', offerKind: 'venue' })
 */
export const partnerWhere = (user: CurrentUser, f: Record<string, unknown>): SQL | undefined => {
  const active = boolFilter(f.active)
  const offerKinds = kindFilter(f.offerKind, OFFER_KINDS)
  const categoryIds = idsFilter(f.categoryId)
  return and(
    townScopeWhere(user, partners.townId),
    inIds(partners.id, idsFilter(f.id)),
    inIds(partners.townId, idsFilter(f.townId)),
    f.neighborhoodId === null
      ? sql`${partners.neighborhoodId} IS NULL`
      : inIds(partners.neighborhoodId, idsFilter(f.neighborhoodId)),
    inIds(partners.kind, kindFilter(f.kind, PARTNER_KINDS)),
    active === undefined ? undefined : eq(partners.active, active),
    offerKinds
      ? sql`EXISTS (SELECT 1 FROM partner_offers o WHERE o.partner_id = ${partners.id}
          AND o.active = 1 AND o.kind IN (SELECT value FROM json_each(${JSON.stringify(offerKinds)})))`
      : undefined,
    categoryIds
      ? sql`EXISTS (SELECT 1 FROM partner_offers o, json_each(o.category_ids) j
          WHERE o.partner_id = ${partners.id} AND o.active = 1
            AND j.value IN (SELECT value FROM json_each(${JSON.stringify(categoryIds)})))`
      : undefined,
    contains(
      f.q,
      ...searchable(
        { masked: maskedFields(user.role, 'partners') },
        { name: partners.name, contactName: partners.contactName, note: partners.note },
      ),
    ),
  )
}
