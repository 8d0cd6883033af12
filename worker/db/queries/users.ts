import { eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../env'
import { neighborhoods, towns, userNeighborhoods, users, userTowns } from '../schema'
import type { Role } from '../../domain/vocabulary'
import { chunks, type Statement } from '../batch'

/** A staff account as the API shows it: never any password field. */
export type UserRecord = {
  id: number
  username: string
  displayName: string
  role: Role
  disabled: boolean
  townIds: number[]
  neighborhoodIds: number[]
  createdAt: number
  /** Moves on with every edit (lib/versions.ts). */
  version: number
}

export const userFields = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
  version: users.version,
  townIds: sql<string>`(SELECT json_group_array(town_id) FROM user_towns WHERE user_id = ${users.id})`,
  neighborhoodIds: sql<string>`(SELECT json_group_array(neighborhood_id) FROM user_neighborhoods WHERE user_id = ${users.id})`,
}

type UserRow = Omit<UserRecord, 'townIds' | 'neighborhoodIds'> & {
  townIds: string
  neighborhoodIds: string
}

const ids = (json: string) => (JSON.parse(json) as number[]).sort((a, b) => a - b)

export const toUserRecord = (row: UserRow): UserRecord => ({
  ...row,
  townIds: ids(row.townIds),
  neighborhoodIds: ids(row.neighborhoodIds),
})

/**
 * Users whose scope reaches a neighborhood matching `where` (directly, or through their towns).
 * @example scopeTouches(inArray(neighborhoods.id, [3]))
 */
export const scopeTouches = (where: SQL | undefined) => sql`EXISTS (
  SELECT 1 FROM ${neighborhoods} WHERE ${where ?? sql`1`} AND (
    ${neighborhoods.id} IN (SELECT neighborhood_id FROM user_neighborhoods WHERE user_id = ${users.id})
    OR ${neighborhoods.townId} IN (SELECT town_id FROM user_towns WHERE user_id = ${users.id})))`

/** Ids among `wanted` that do not exist in towns / neighborhoods. */
export const missingScopeIds = async (db: Db, townIds: number[], neighborhoodIds: number[]) => {
  const [foundTowns, foundNbhds] = await Promise.all([
    townIds.length ? db.select({ id: towns.id }).from(towns).where(inArray(towns.id, townIds)) : [],
    neighborhoodIds.length
      ? db
          .select({ id: neighborhoods.id })
          .from(neighborhoods)
          .where(inArray(neighborhoods.id, neighborhoodIds))
      : [],
  ])
  const has = (rows: { id: number }[]) => new Set(rows.map((r) => r.id))
  const t = has(foundTowns)
  const n = has(foundNbhds)
  return {
    townIds: townIds.filter((id) => !t.has(id)),
    neighborhoodIds: neighborhoodIds.filter((id) => !n.has(id)),
  }
}

/**
 * Statements replacing a user's scope rows. `userId` may be SQL (the id of a row inserted earlier
 * in the same batch). Inserts are chunked to stay under D1's 100 bound parameters.
 */
export const replaceScopeStatements = (
  db: Db,
  userId: number | SQL,
  scope: { townIds: number[]; neighborhoodIds: number[] },
): Statement[] => [
  db.delete(userTowns).where(eq(userTowns.userId, userId)),
  db.delete(userNeighborhoods).where(eq(userNeighborhoods.userId, userId)),
  ...chunks(scope.townIds, 40).map((part) =>
    db.insert(userTowns).values(part.map((townId) => ({ userId: userId, townId }))),
  ),
  ...chunks(scope.neighborhoodIds, 40).map((part) =>
    db
      .insert(userNeighborhoods)
      .values(part.map((neighborhoodId) => ({ userId: userId, neighborhoodId }))),
  ),
]
