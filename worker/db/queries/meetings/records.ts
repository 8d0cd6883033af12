import { asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { meetingAttendees, meetingItems, meetings, projects, topics } from '../../schema'
import { attendanceOf } from '../../../domain/meetings/tally'
import type { TopicStatus } from '../../../domain/vocabulary'

// Meetings with the figures derived from their sign-ins and agenda, and their agenda items with
// the topic and project each names.

/** The id of the meeting inserted earlier in the same batch (batches run alone, in order). */
export const NEW_MEETING_ID = sql`(SELECT max(id) FROM meetings)`

const per = (table: string, extra = '') =>
  sql.raw(`FROM ${table} WHERE meeting_id = "meetings"."id"${extra}`)

/** Every meeting column plus its counts and agenda, as correlated subqueries. */
export const meetingFields = {
  ...getTableColumns(meetings),
  signIns: sql<number>`(SELECT count(*) ${per('meeting_attendees')})`,
  itemCount: sql<number>`(SELECT count(*) ${per('meeting_items')})`,
  decidedCount: sql<number>`(SELECT count(*) ${per('meeting_items', ' AND decision IS NOT NULL')})`,
  topicIds: sql<string>`(SELECT json_group_array(topic_id) FROM (SELECT topic_id ${per(
    'meeting_items',
    ' ORDER BY sort_order, id',
  )}))`,
}

export type MeetingRow = Awaited<ReturnType<typeof selectMeetings>>[number]

/** `SELECT <meetingFields> FROM meetings`, to add where/order/limit to. */
export const selectMeetings = (db: Db) => db.select(meetingFields).from(meetings)

/**
 * The API record: the agenda's topic ids in order, the attendance (the larger of the head
 * count and the sign-ins) and the public paths of its door QR.
 * @example toMeetingRecord(row) // { ..., topicIds: [12, 15], attendance: 23, signInUrl: '/m/K7QM4XRT' }
 */
export const toMeetingRecord = (row: MeetingRow) => ({
  ...row,
  topicIds: JSON.parse(row.topicIds) as number[],
  attendance: attendanceOf(row.headcount, row.signIns),
  signInUrl: `/m/${row.code}`,
  qrUrl: `/m/${row.code}/qr.svg`,
})

/**
 * An agenda item with its topic's title, status and neighborhood, and its project's title. The
 * joined columns are aliased: in a D1 batch rows are mapped by column name, and topics and
 * projects share names (title, status).
 */
export const itemFields = {
  ...getTableColumns(meetingItems),
  topicTitle: sql<string>`${topics.title}`.as('topic_title'),
  topicStatus: sql<TopicStatus>`${topics.status}`.as('topic_status'),
  topicNeighborhoodId: sql<number>`${topics.neighborhoodId}`.as('topic_neighborhood_id'),
  projectTitle: sql<string | null>`${projects.title}`.as('project_title'),
}

/** The agenda items of `meetingIds` (one IN-list), in agenda order. */
export const selectItems = (db: Db, where: SQL) =>
  db
    .select(itemFields)
    .from(meetingItems)
    .innerJoin(topics, eq(topics.id, meetingItems.topicId))
    .leftJoin(projects, eq(projects.id, meetingItems.projectId))
    .where(where)
    .orderBy(asc(meetingItems.meetingId), asc(meetingItems.sortOrder), asc(meetingItems.id))

export type ItemRow = Awaited<ReturnType<typeof selectItems>>[number]

/**
 * The two reads of one meeting with its items, to run alone (`loadMeeting`) or at the end of
 * another batch (after a write, they read what it wrote).
 */
export const meetingStatements = (db: Db, id: number) =>
  [
    selectMeetings(db).where(eq(meetings.id, id)),
    selectItems(db, eq(meetingItems.meetingId, id)),
  ] as const

/** The record of `meetingStatements`' rows; undefined when there is no meeting. */
export const toMeetingWithItems = (rows: MeetingRow[], items: ItemRow[]) =>
  rows[0] ? { ...toMeetingRecord(rows[0]), items } : undefined

/** A meeting with its agenda items, read in one batch; undefined when there is none. */
export const loadMeeting = async (db: Db, id: number) => {
  const [rows, items] = await db.batch(meetingStatements(db, id))
  return toMeetingWithItems(rows, items)
}

/** The sign-ins of a meeting, newest first (personal data: mask for viewers). */
export const selectAttendees = (db: Db, meetingId: number) =>
  db
    .select({
      id: meetingAttendees.id,
      meetingId: meetingAttendees.meetingId,
      name: meetingAttendees.name,
      phone: meetingAttendees.phone,
      source: meetingAttendees.source,
      createdAt: meetingAttendees.createdAt,
    })
    .from(meetingAttendees)
    .where(eq(meetingAttendees.meetingId, meetingId))
    .orderBy(asc(meetingAttendees.id))
