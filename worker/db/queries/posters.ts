// The QR points a neighborhood prints as posters (批量打印, worker/pages/posters.tsx).
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../env'
import { POSTER_CHANNEL_KINDS } from '../../domain/vocabulary'
import { channels, neighborhoods } from '../schema'

/**
 * A neighborhood's name and committee phone, and its active channels of the kinds that hang on a
 * wall (code and label), in one statement; undefined for an unknown neighborhood.
 */
export const posterPointsOf = async (db: Db, neighborhoodId: number) => {
  const rows = await db
    .select({
      name: neighborhoods.name,
      contactPhone: neighborhoods.contactPhone,
      code: channels.code,
      label: channels.label,
    })
    .from(neighborhoods)
    .leftJoin(
      channels,
      and(
        eq(channels.neighborhoodId, neighborhoods.id),
        eq(channels.active, true),
        inArray(channels.kind, [...POSTER_CHANNEL_KINDS]),
      ),
    )
    .where(eq(neighborhoods.id, neighborhoodId))
  if (rows.length === 0) return undefined
  const [{ name, contactPhone }] = rows
  const points = rows.flatMap((r) => (r.code && r.label ? [{ code: r.code, label: r.label }] : []))
  return { name, contactPhone, points }
}
