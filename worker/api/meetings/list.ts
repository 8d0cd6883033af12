import { Hono } from 'hono'
import { count } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { meetings } from '../../db/schema'
import { selectMeetings, toMeetingRecord } from '../../db/queries/meetings/records'
import { orderOf } from '../../lib/resource'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { MEETING_SORT_COLUMNS, MEETING_SORTABLE, meetingWhere } from './record'

/**
 * GET /api/meetings — the simple-rest list (the admin's list and its month calendar, which asks
 * for `filter={"startsFrom":…,"startsTo":…}`), newest first by default. Records carry the agenda's
 * topic ids and the counts, not the items (GET /api/meetings/:id has those).
 */
export const listMeetings = new Hono<AppEnv>().get('/', async (c) => {
  const q = parseListQuery(c, {
    sortable: MEETING_SORTABLE,
    defaultSort: { field: 'startsAt', order: 'DESC' },
  })
  const db = c.var.db
  const where = meetingWhere(c.var.user, q.filter)
  const [rows, [{ n }]] = await db.batch([
    selectMeetings(db)
      .where(where)
      .orderBy(...orderOf(q, MEETING_SORT_COLUMNS, meetings.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(meetings).where(where),
  ])
  return sendList(c, 'meetings', q, rows.map(toMeetingRecord), n)
})
