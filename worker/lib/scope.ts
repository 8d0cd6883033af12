import { and, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { forms, neighborhoods, users } from '../db/schema'
import { scopeTouches } from '../db/queries/users'
import type { CurrentUser } from './auth'
import { ApiError } from './errors'
import { inList } from './simple-rest'

// The one place staff scope is enforced: every list, read and write of neighborhood-owned
// records goes through `scopeWhere` (lists) or `assertInScope` (single records).

/**
 * The condition limiting `column` (a neighborhood id) to the user's scope; `undefined` for admins.
 * @example db.select().from(topics).where(and(scopeWhere(user, topics.neighborhoodId), ...))
 */
export const scopeWhere = (user: CurrentUser, column: SQLiteColumn): SQL | undefined => {
  if (user.neighborhoodIds === null) return undefined
  if (user.neighborhoodIds.length === 0) return sql`0`
  return inList(column, user.neighborhoodIds)
}

export const inScope = (user: CurrentUser, neighborhoodId: number | null | undefined) =>
  user.neighborhoodIds === null ||
  (neighborhoodId != null && user.neighborhoodIds.includes(neighborhoodId))

/** A record outside the caller's scope answers 404, as if it did not exist. */
export const assertInScope = <T>(
  user: CurrentUser,
  record: T | undefined | null,
  neighborhoodOf: (record: T) => number | null | undefined,
  message = '记录不存在',
): T => {
  if (!record || !inScope(user, neighborhoodOf(record))) throw new ApiError('not_found', message)
  return record
}

/** For creates: the neighborhood named must be one the user may write to (else 404). */
export const assertNeighborhoodInScope = (user: CurrentUser, neighborhoodId: number) => {
  if (!inScope(user, neighborhoodId)) throw new ApiError('not_found', '居民区不存在')
}

// ── forms ──
// A town-wide form (no neighborhood) is in scope for admins and for users whose scope names its
// town; a neighborhood form follows the usual neighborhood scope.

type FormPlace = Pick<typeof forms.$inferSelect, 'neighborhoodId' | 'townId'>

/**
 * The condition limiting forms to the user's scope; `undefined` for admins.
 * @example db.select().from(forms).where(and(formScopeWhere(user), ...))
 */
export const formScopeWhere = (user: CurrentUser): SQL | undefined => {
  const byNeighborhood = scopeWhere(user, forms.neighborhoodId)
  if (!byNeighborhood || !user.townIds.length) return byNeighborhood
  return or(byNeighborhood, and(isNull(forms.neighborhoodId), inArray(forms.townId, user.townIds)))
}

export const formInScope = (user: CurrentUser, form: FormPlace) =>
  form.neighborhoodId === null
    ? user.neighborhoodIds === null || user.townIds.includes(form.townId)
    : inScope(user, form.neighborhoodId)

/** A form the user may see, or 404 as if it did not exist. */
export const assertFormInScope = <T extends FormPlace>(
  user: CurrentUser,
  form: T | undefined,
): T => {
  if (!form || !formInScope(user, form)) throw new ApiError('not_found', '表单不存在')
  return form
}

// ── partners ──
// A partner login (role `partner`) has no neighborhoods: every staff list is empty for it and
// every staff record 404 (lib/auth refuses it on staff routes before that). What it may see is
// its own organisation's: its claims, and the projects of its town that look for help.

/**
 * The condition limiting `column` (a town id) to the user's towns: those of its neighborhoods
 * (town, staff, viewer), its organisation's town (partner); `undefined` for admins.
 * @example db.select().from(partners).where(townScopeWhere(user, partners.townId))
 */
export const townScopeWhere = (user: CurrentUser, column: SQLiteColumn | SQL): SQL | undefined => {
  if (user.role === 'partner')
    return user.partnerId === null
      ? sql`0`
      : sql`${column} = (SELECT town_id FROM partners WHERE id = ${user.partnerId})`
  if (user.neighborhoodIds === null) return undefined
  if (user.neighborhoodIds.length === 0) return sql`0`
  return sql`${column} IN (SELECT town_id FROM neighborhoods
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify(user.neighborhoodIds)})))`
}

/**
 * For a partner login, the condition limiting `column` (a partner id) to its own organisation;
 * `undefined` for staff, who are scoped by neighborhood instead.
 * @example and(ownPartnerWhere(user, claims.partnerId), scopeWhere(user, claims.neighborhoodId))
 */
export const ownPartnerWhere = (user: CurrentUser, column: SQLiteColumn): SQL | undefined => {
  if (user.role !== 'partner') return undefined
  return user.partnerId === null ? sql`0` : sql`${column} = ${user.partnerId}`
}

// ── staff accounts ──

/**
 * The accounts a caller may see: admins see all. Others see themselves, the admins, and everyone
 * who shares one of their neighborhoods — enough for owner pickers without listing other towns' staff.
 */
export const usersVisibleTo = (user: CurrentUser): SQL | undefined => {
  const mine = scopeWhere(user, neighborhoods.id)
  if (!mine) return undefined
  return sql`(${users.role} = 'admin' OR ${users.id} = ${user.id} OR ${scopeTouches(mine)})`
}
