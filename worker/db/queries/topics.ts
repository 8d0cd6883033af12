import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../env'
import { channels, topicEvents, topics } from '../schema'
import { newTrackingCode } from '../../domain/tracking-code'

export type NewTopic = {
  neighborhoodId: number
  title: string
  description?: string
  location?: string
  categoryId?: number | null
  channelId?: number | null
  gridId?: number | null
  submitterName?: string | null
  submitterPhone?: string | null
  /** Set when the resident ticked consent for their name/phone. */
  consentAt?: number | null
  /** The staff member entering it on a resident's behalf, if any. */
  createdBy?: number | null
}

/**
 * The statements that file a topic: the row, its first timeline event and the channel's
 * submission count. Put them in one `db.batch` (with an audit row for staff entry).
 * @example const { statements, trackingCode } = createTopicStatements(db, input); await db.batch(statements)
 */
export const createTopicStatements = (db: Db, input: NewTopic, now = Date.now()) => {
  const trackingCode = newTrackingCode()
  const insert = db
    .insert(topics)
    .values({
      neighborhoodId: input.neighborhoodId,
      title: input.title,
      description: input.description ?? '',
      location: input.location ?? '',
      categoryId: input.categoryId ?? null,
      channelId: input.channelId ?? null,
      gridId: input.gridId ?? null,
      submitterName: input.submitterName ?? null,
      submitterPhone: input.submitterPhone ?? null,
      consentAt: input.consentAt ?? null,
      createdBy: input.createdBy ?? null,
      trackingCode,
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
    })
    .returning()
  const event = db.insert(topicEvents).values({
    topicId: sql`(SELECT id FROM topics WHERE tracking_code = ${trackingCode})`,
    at: now,
    actorUserId: input.createdBy ?? null,
    kind: 'submitted',
    toStatus: 'submitted',
  })
  const count = input.channelId
    ? db
        .update(channels)
        .set({ submissions: sql`${channels.submissions} + 1` })
        .where(eq(channels.id, input.channelId))
    : null
  return { trackingCode, insert, event, count }
}

/**
 * Files a topic atomically and returns the new row.
 * @example const topic = await createTopic(db, { neighborhoodId: 1, title: '楼道堆物' })
 */
export const createTopic = async (db: Db, input: NewTopic) => {
  const { insert, event, count } = createTopicStatements(db, input)
  const [rows] = count ? await db.batch([insert, event, count]) : await db.batch([insert, event])
  return rows[0]
}
