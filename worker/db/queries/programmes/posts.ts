import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { Post } from '../../../domain/vocabulary'

// Who holds which post in each neighborhood (neighborhood_posts), and whether a user may hold
// one there: an active admin, a town user of the neighborhood's town, or staff of it.

export type PostRow = { neighborhoodId: number; post: Post; userId: number; updatedAt: number }

/** The posts of the neighborhoods matching `where` (a condition on "neighborhood_posts"). */
export const postsWhere = (db: Db, where: SQL | undefined) =>
  db.all<PostRow>(sql`SELECT neighborhood_id AS neighborhoodId, post, user_id AS userId,
      updated_at AS updatedAt
    FROM neighborhood_posts WHERE ${where ?? sql`1`} ORDER BY neighborhood_id, post`)

export type OwnerCheck = { i: number; id: number | null; disabled: number | null; covers: number }

/**
 * For each `{ neighborhoodId, userId }` (by position `i`): whether the user exists, is disabled,
 * and covers that neighborhood. One statement; the pairs travel as one JSON parameter.
 */
export const ownerChecks = (db: Db, pairs: { neighborhoodId: number; userId: number }[]) =>
  db.all<OwnerCheck>(sql`
    SELECT CAST(j.key AS INTEGER) AS i, u.id, u.disabled,
      CASE u.role
        WHEN 'admin' THEN 1
        WHEN 'town' THEN EXISTS (SELECT 1 FROM user_towns ut JOIN neighborhoods n ON n.town_id = ut.town_id
          WHERE ut.user_id = u.id AND n.id = json_extract(j.value, '$.neighborhoodId'))
        WHEN 'staff' THEN EXISTS (SELECT 1 FROM user_neighborhoods un
          WHERE un.user_id = u.id AND un.neighborhood_id = json_extract(j.value, '$.neighborhoodId'))
        ELSE 0 END AS covers
    FROM json_each(${JSON.stringify(pairs)}) j
      LEFT JOIN users u ON u.id = json_extract(j.value, '$.userId')
    ORDER BY j.key`)
