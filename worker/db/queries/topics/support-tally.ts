import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { SupportTally } from '../../../domain/voice'

// How a topic's supports (附议) add up, for staff: what counts, and the ticks not counted again
// (domain/voice.ts, rules 4 and 5).

/**
 * A topic's support tally (zeros for a topic without supports).
 * @example const tally = await supportTally(db, 12) // { counted: 1, …, sameAddress: 29 }
 */
export const supportTally = async (db: Db, topicId: number): Promise<SupportTally> => {
  const row = await db.get<SupportTally>(sql`SELECT
      coalesce(sum(counted), 0) AS counted,
      coalesce(sum(counted AND phone_verified_at IS NOT NULL), 0) AS verified,
      coalesce(sum(counted AND source = 'merged'), 0) AS merged,
      coalesce(sum(repeats), 0) AS sameDevice,
      coalesce(sum(NOT counted), 0) AS sameAddress
    FROM supports WHERE topic_id = ${topicId}`)
  return row
}
