import { and, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppEnv } from '../../env'
import { topics } from '../../db/schema'
import { loadTopic, loadTopics, type TopicRow } from '../../db/queries/topics/read'
import { allowedTransitions, isTopicStatus } from '../../domain/topic-workflow'
import { canSeePersonalData, maskName, maskPhone } from '../../domain/masking'
import { normalizeTrackingCode } from '../../domain/tracking-code'
import type { CurrentUser } from '../../lib/auth'
import { ApiError, type FieldErrors } from '../../lib/errors'
import { contains, idsFilter, inIds, timeFilter } from '../../lib/resource'
import { assertInScope, inScope, scopeWhere } from '../../lib/scope'
import { filterList } from '../../lib/simple-rest'

// What the topic routers share: the API record, the list filters, loading one topic in scope.

export const TOPIC_SORTABLE = [
  'id',
  'createdAt',
  'updatedAt',
  'status',
  'title',
  'supportCount',
  'neighborhoodId',
  'categoryId',
  'channelId',
] as const
export const TOPIC_SORT_COLUMNS = Object.fromEntries(TOPIC_SORTABLE.map((f) => [f, topics[f]]))
export const TOPIC_DEFAULT_SORT = { field: 'createdAt', order: 'DESC' } as const

/** Tracking codes let a resident follow and evaluate; viewers see only the first half. */
const maskCode = (code: string) => `${code.slice(0, 3)}-***`

/**
 * The API record of a topic for `user`: personal data masked for viewers (the phone for everyone), and the moves the
 * state machine allows from its status. An export (`fullPhone`, logged with its purpose) carries the number to
 * the roles that may see personal data.
 * @example c.json(toTopicRecord(row, c.var.user))
 */
export const toTopicRecord = (row: TopicRow, user: CurrentUser, { fullPhone = false } = {}) => {
  const personal = canSeePersonalData(user.role)
  return {
    ...row,
    trackingCode: personal ? row.trackingCode : maskCode(row.trackingCode),
    submitterName: personal ? row.submitterName : maskName(row.submitterName),
    // Masked for every role on screen (#17.6): the full number through POST /api/privacy/reveal or an export.
    submitterPhone: fullPhone && personal ? row.submitterPhone : maskPhone(row.submitterPhone),
    allowedTransitions: allowedTransitions(row.status),
  }
}

/** Loads a topic the caller may see; anything else is a 404. */
export const loadTopicInScope = async (v: AppEnv['Variables'], id: number) =>
  assertInScope(v.user, await loadTopic(v.db, id), (t) => t.neighborhoodId, '议题不存在')

/**
 * The record of a topic as it is now, for a stale version's 409 (lib/versions.ts); 404 when gone.
 * @example await runVersioned(db, statements, currentTopic(c.var, id))
 */
export const currentTopic = (v: AppEnv['Variables'], id: number) => async () =>
  toTopicRecord(await loadTopicInScope(v, id), v.user)

/** Loads every id the caller may see; any other id → 404 with the ids in `errors`. */
export const loadTopicsInScope = async (
  v: AppEnv['Variables'],
  wanted: number[],
): Promise<TopicRow[]> => {
  const rows = await loadTopics(v.db, wanted)
  const byId = new Map(rows.filter((t) => inScope(v.user, t.neighborhoodId)).map((t) => [t.id, t]))
  const missing = wanted.filter((i) => !byId.has(i))
  if (missing.length)
    throw new ApiError('not_found', `议题不存在：${missing.join(', ')}`, {
      errors: Object.fromEntries(missing.map((i) => [String(i), '议题不存在'])),
    })
  return wanted.map((i) => byId.get(i)!)
}

/** 409 with one message per refused id, or nothing when every topic may move. */
export const refuse = (errors: FieldErrors) => {
  const entries = Object.entries(errors)
  if (!entries.length) return
  const message =
    entries.length === 1 ? entries[0][1] : `${entries.length} 个议题不能这样改，均未修改`
  throw new ApiError('illegal_transition', message, { errors })
}

/**
 * `column IN (ids)` with the ids bound as ONE JSON parameter, so getMany of hundreds of ids stays
 * under D1's 100 bound parameters.
 * @example idsIn(topics.id, [1, 2, 3])
 */
export const idsIn = (column: SQLiteColumn, ids: number[] | undefined): SQL | undefined =>
  ids === undefined
    ? undefined
    : sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`

const statusFilter = (value: unknown): string[] | undefined => {
  const list = filterList<string>(value)
  if (list && !list.every(isTopicStatus)) throw new ApiError('bad_request', 'filter 中的状态无效')
  return list
}

/**
 * The WHERE of a topic list for `user` and a simple-rest `filter`: scope first, then status,
 * category, neighborhood, channel, grid, project, created range, `q` text and ids.
 * @example topicWhere(user, { status: ['submitted', 'accepted'], q: '电梯' })
 */
export const topicWhere = (user: CurrentUser, f: Record<string, unknown>): SQL | undefined => {
  const from = timeFilter(f.createdFrom, 'createdFrom')
  const to = timeFilter(f.createdTo, 'createdTo')
  const code =
    typeof f.trackingCode === 'string' && f.trackingCode.trim()
      ? normalizeTrackingCode(f.trackingCode)
      : undefined
  return and(
    scopeWhere(user, topics.neighborhoodId),
    inIds(topics.neighborhoodId, idsFilter(f.neighborhoodId)),
    inIds(topics.status, statusFilter(f.status)),
    idsIn(topics.id, idsFilter(f.id)),
    inIds(topics.categoryId, idsFilter(f.categoryId)),
    inIds(topics.channelId, idsFilter(f.channelId)),
    inIds(topics.gridId, idsFilter(f.gridId)),
    inIds(topics.projectId, idsFilter(f.projectId)),
    inIds(topics.mergedIntoId, idsFilter(f.mergedIntoId)),
    from === undefined ? undefined : gte(topics.createdAt, from),
    to === undefined ? undefined : lt(topics.createdAt, to),
    contains(f.q, topics.title, topics.description),
    code === undefined ? undefined : sql`${topics.trackingCode} = ${code}`,
  )
}
