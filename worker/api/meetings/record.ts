import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { grids, meetingItems, meetings, topics } from '../../db/schema'
import { loadMeeting } from '../../db/queries/meetings/records'
import { AGENDA_TOPIC_STATUSES } from '../../domain/meetings/decision'
import {
  MEETING_KINDS,
  MEETING_STATUSES,
  type MeetingKind,
  TOPIC_STATUS_LABEL,
} from '../../domain/vocabulary'
import type { CurrentUser } from '../../lib/auth'
import { ApiError, type FieldErrors, validationError } from '../../lib/errors'
import { contains, idsFilter, inIds, timeFilter } from '../../lib/resource'
import { assertInScope, inScope, scopeWhere } from '../../lib/scope'
import { filterList, inList } from '../../lib/simple-rest'

// What the meeting routes share: loading one in scope, the list filters, and the agenda check.

type Vars = AppEnv['Variables']

export const MEETING_SORTABLE = [
  'id',
  'startsAt',
  'createdAt',
  'updatedAt',
  'title',
  'status',
  'kind',
] as const
export const MEETING_SORT_COLUMNS = Object.fromEntries(
  MEETING_SORTABLE.map((f) => [f, meetings[f]]),
)

/** A meeting the caller may see, with its agenda items; anything else is a 404. */
export const loadMeetingInScope = async (v: Vars, id: number) =>
  assertInScope(v.user, await loadMeeting(v.db, id), (m) => m.neighborhoodId, '会议不存在')

const enumFilter = (value: unknown, allowed: readonly string[], name: string) => {
  const list = filterList<string>(value)
  if (list && !list.every((s) => allowed.includes(s)))
    throw new ApiError('bad_request', `filter 中的${name}无效`)
  return list
}

/**
 * The WHERE of a meeting list: scope, ids, neighborhood, grid, kind, status, start range (the
 * calendar's month), text (title, place, host) and a topic on the agenda.
 * @example meetingWhere(user, { startsFrom: 1764518400000, startsTo: 1767196800000 })
 */
export const meetingWhere = (user: CurrentUser, f: Record<string, unknown>): SQL | undefined => {
  const from = timeFilter(f.startsFrom, 'startsFrom')
  const to = timeFilter(f.startsTo, 'startsTo')
  const topicIds = idsFilter(f.topicId)
  return and(
    scopeWhere(user, meetings.neighborhoodId),
    inIds(meetings.id, idsFilter(f.id)),
    inIds(meetings.neighborhoodId, idsFilter(f.neighborhoodId)),
    inIds(meetings.gridId, idsFilter(f.gridId)),
    inIds(meetings.kind, enumFilter(f.kind, MEETING_KINDS, '会议类型')),
    inIds(meetings.status, enumFilter(f.status, MEETING_STATUSES, '状态')),
    from === undefined ? undefined : gte(meetings.startsAt, from),
    to === undefined ? undefined : lt(meetings.startsAt, to),
    contains(f.q, meetings.title, meetings.place, meetings.host),
    topicIds === undefined
      ? undefined
      : sql`${meetings.id} IN (SELECT ${meetingItems.meetingId} FROM ${meetingItems}
          WHERE ${inList(meetingItems.topicId, topicIds)})`,
  )
}

/**
 * Checks topics being added to a meeting's agenda: visible to the caller (404 otherwise), in
 * the meeting's neighborhood, and still waiting for a decision (409 per id otherwise).
 * @example await checkAgendaTopics(c.var, [12, 15], 3)
 */
export const checkAgendaTopics = async (v: Vars, ids: number[], neighborhoodId: number) => {
  if (!ids.length) return
  const rows = await v.db
    .select({ id: topics.id, neighborhoodId: topics.neighborhoodId, status: topics.status })
    .from(topics)
    .where(inArray(topics.id, ids))
  const byId = new Map(rows.filter((t) => inScope(v.user, t.neighborhoodId)).map((t) => [t.id, t]))
  const missing = ids.filter((id) => !byId.has(id))
  if (missing.length)
    throw new ApiError('not_found', `议题不存在：${missing.join(', ')}`, {
      errors: Object.fromEntries(missing.map((id) => [String(id), '议题不存在'])),
    })
  const errors: FieldErrors = {}
  for (const id of ids) {
    const t = byId.get(id)!
    if (t.neighborhoodId !== neighborhoodId) errors[id] = '议题与会议不在同一居民区'
    else if (!AGENDA_TOPIC_STATUSES.includes(t.status))
      errors[id] = `议题已「${TOPIC_STATUS_LABEL[t.status].zh}」，不能再上会`
  }
  const entries = Object.entries(errors)
  if (entries.length)
    throw new ApiError(
      'illegal_transition',
      entries.length === 1 ? entries[0][1] : `${entries.length} 个议题不能列入议程`,
      { errors },
    )
}

/**
 * The grid named for a meeting must be one of its neighborhood's; a 楼组议事 needs one (400).
 * @example await checkGrid(c.var.db, { kind: 'grid', gridId: 11, neighborhoodId: 1 })
 */
export const checkGrid = async (
  db: Vars['db'],
  m: { kind: MeetingKind; gridId: number | null; neighborhoodId: number },
) => {
  if (m.gridId === null) {
    if (m.kind === 'grid') throw validationError({ gridId: '楼组议事请选择楼组' })
    return
  }
  const [grid] = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.id, m.gridId), eq(grids.neighborhoodId, m.neighborhoodId)))
  if (!grid) throw validationError({ gridId: '楼组不在这个居民区' })
}
