import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { meetingItems, topics } from '../../schema'
import { chunks, guard, rawStatement, type Statement } from '../../batch'
import { AGENDA_TOPIC_STATUSES } from '../../../domain/meetings/decision'

// A meeting's agenda as statements for the batch that writes it: new items appended, undecided
// items dropped, every item put in the order given. Guards fail the batch when a topic added
// has meanwhile left the statuses a meeting can take up, or an item dropped was decided.

const AGENDA_SQL = sql.raw(AGENDA_TOPIC_STATUSES.map((s) => `'${s}'`).join(', '))

export type CurrentItem = { id: number; sortOrder: number }

/**
 * The agenda of `meetingRef` (an id, or the meeting inserted earlier in the batch) made to be
 * `topicIds` in that order, given the items it has now (`current`: topic id → item).
 * @example db.batch([...agendaStatements(db, 7, [12, 15], new Map([[12, { id: 40, sortOrder: 1 }]]), now)])
 */
export const agendaStatements = (
  db: Db,
  meetingRef: number | SQL,
  topicIds: number[],
  current: Map<number, CurrentItem>,
  now: number,
): Statement[] => {
  const added = topicIds.filter((id) => !current.has(id))
  const droppedIds = [...current]
    .filter(([topicId]) => !topicIds.includes(topicId))
    .map(([, item]) => item.id)
  const statements: Statement[] = []
  for (const part of chunks(added))
    statements.push(
      guard(
        db,
        sql`(SELECT count(*) FROM ${topics} WHERE ${inArray(topics.id, part)}
          AND ${topics.status} IN (${AGENDA_SQL})) <> ${part.length}`,
      ),
    )
  for (const part of chunks(droppedIds))
    statements.push(
      guard(
        db,
        sql`EXISTS (SELECT 1 FROM ${meetingItems} WHERE ${inArray(meetingItems.id, part)}
          AND ${meetingItems.decision} IS NOT NULL)`,
      ),
      db
        .delete(meetingItems)
        .where(and(inArray(meetingItems.id, part), isNull(meetingItems.decision))),
    )
  topicIds.forEach((topicId, i) => {
    const item = current.get(topicId)
    if (!item)
      statements.push(
        rawStatement(
          db,
          sql`INSERT INTO meeting_items (meeting_id, topic_id, sort_order, updated_at)
            VALUES (${meetingRef}, ${topicId}, ${i + 1}, ${now})`,
        ),
      )
    else if (item.sortOrder !== i + 1)
      statements.push(
        db
          .update(meetingItems)
          .set({ sortOrder: i + 1 })
          .where(eq(meetingItems.id, item.id)),
      )
  })
  return statements
}
