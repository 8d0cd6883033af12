import type { Context } from 'hono'
import { inArray, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { ApiError } from './errors'

/** A list query in the ra-data-simple-rest dialect: `sort`, `range` and `filter` as JSON. */
export type ListQuery = {
  sort: { field: string; order: 'ASC' | 'DESC' }
  offset: number
  limit: number
  filter: Record<string, unknown>
  /** Fields the caller sees masked: `q` skips their columns (lib/resource `searchable`). */
  masked: readonly string[]
}

export type ListOptions = {
  /** Sortable fields (API names); anything else is a 400. */
  sortable: readonly string[]
  defaultSort?: ListQuery['sort']
  /** The largest page a client may ask for. */
  maxLimit?: number
  /**
   * Fields the caller sees masked (domain/masking `maskedFields`): a sort or filter on one is a
   * 400 naming it, so a hidden value cannot be recovered by asking.
   */
  masked?: readonly string[]
}

const SORT_ORDER = /^(asc|desc)$/i

const defaults = { defaultSort: { field: 'id', order: 'DESC' as const }, maxLimit: 500 }

/** The longest text search (`filter.q`), in characters; longer is a 400 rather than a slow scan. */
export const SEARCH_MAX = 100

/** The names a filter sets, nested objects as `answers.phone`; empty values set nothing. */
const filterNames = (filter: Record<string, unknown>): string[] =>
  Object.entries(filter).flatMap(([key, value]) =>
    value === undefined || value === null || value === ''
      ? []
      : typeof value === 'object' && !Array.isArray(value)
        ? [key, ...filterNames(value as Record<string, unknown>).map((sub) => `${key}.${sub}`)]
        : [key],
  )

/**
 * Refuses a sort or filter on a field the caller sees masked: 400 with the field in `errors`.
 * `parseListQuery` calls it with `options.masked`; a list that learns the caller's role only
 * later (topics, checked in its own batch) calls it then, before answering.
 * @example refuseMasked(q, maskedFields(user.role, 'topics'))
 */
export const refuseMasked = (q: Pick<ListQuery, 'sort' | 'filter'>, masked: readonly string[]) => {
  if (!masked.length) return
  if (masked.includes(q.sort.field))
    throw new ApiError('bad_request', `不能按 ${q.sort.field} 排序：该字段已脱敏`, {
      errors: { [q.sort.field]: '该字段已脱敏，不能排序' },
    })
  const refused = filterNames(q.filter).filter((name) => masked.includes(name))
  if (refused.length)
    throw new ApiError('bad_request', `不能按 ${refused.join('、')} 筛选：该字段已脱敏`, {
      errors: Object.fromEntries(refused.map((name) => [name, '该字段已脱敏，不能筛选'])),
    })
}

/** `filter.q` as trimmed text, at most `SEARCH_MAX` characters (else 400 on `q`). */
const searchText = (value: unknown) => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value).trim()
  if ([...text].length > SEARCH_MAX)
    throw new ApiError('bad_request', `搜索词最多 ${SEARCH_MAX} 个字`, {
      errors: { q: `搜索词最多 ${SEARCH_MAX} 个字，请缩短后再搜` },
    })
  return text || undefined
}

const parseJsonParam = (c: Context, name: string): unknown => {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  try {
    return JSON.parse(raw)
  } catch {
    throw new ApiError('bad_request', `查询参数 ${name} 不是有效的 JSON`, {
      errors: { [name]: '不是有效的 JSON' },
    })
  }
}

/**
 * Parses `?sort=["title","ASC"]&range=[0,24]&filter={...}`.
 * @example const q = parseListQuery(c, { sortable: ['id', 'createdAt'] })
 */
export const parseListQuery = (c: Context, options: ListOptions): ListQuery => {
  const { defaultSort, maxLimit, sortable, masked = [] } = { ...defaults, ...options }
  const sortParam = parseJsonParam(c, 'sort')
  let sort = defaultSort
  if (sortParam !== undefined) {
    if (
      !Array.isArray(sortParam) ||
      sortParam.length < 1 ||
      sortParam.length > 2 ||
      typeof sortParam[0] !== 'string' ||
      (sortParam[1] !== undefined && !SORT_ORDER.test(String(sortParam[1])))
    )
      throw new ApiError('bad_request', 'sort 应为 ["字段","ASC|DESC"]', {
        errors: { sort: '应为 ["字段","ASC|DESC"]' },
      })
    const [field, order] = sortParam as [string, string | undefined]
    refuseMasked({ sort: { field, order: 'ASC' }, filter: {} }, masked)
    if (!sortable.includes(field))
      throw new ApiError('bad_request', `不能按 ${field} 排序`, {
        errors: { sort: `不能按 ${field} 排序` },
      })
    sort = { field, order: String(order ?? 'ASC').toUpperCase() === 'ASC' ? 'ASC' : 'DESC' }
  }
  let offset = 0
  let limit = 25
  const range = parseJsonParam(c, 'range')
  if (range !== undefined) {
    // Safe integers only: 1e20 is an integer to JS, but not a row number D1 can bind.
    if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isSafeInteger))
      throw new ApiError('bad_request', 'range 应为 [起, 止]', {
        errors: { range: '应为两个整数 [起, 止]' },
      })
    const [start, end] = range as [number, number]
    if (start < 0 || end < start)
      throw new ApiError('bad_request', 'range 无效', {
        errors: { range: '起应不小于 0，止应不小于起' },
      })
    offset = start
    limit = Math.min(end - start + 1, maxLimit)
  }
  const raw = parseJsonParam(c, 'filter') ?? {}
  if (typeof raw !== 'object' || Array.isArray(raw) || raw === null)
    throw new ApiError('bad_request', 'filter 应为对象', { errors: { filter: '应为 JSON 对象' } })
  const filter = raw as Record<string, unknown>
  if ('q' in filter) filter.q = searchText(filter.q)
  refuseMasked({ sort, filter }, masked)
  // getMany sends `filter={"id":[...]}` without a range: answer every id, not the first page.
  const ids = filter.id
  if (range === undefined && Array.isArray(ids)) limit = Math.min(Math.max(ids.length, 1), maxLimit)
  return { sort, offset, limit, filter, masked }
}

/** Sends a page with `Content-Range: <resource> start-end/total`, as simple-rest expects. */
export const sendList = <T>(
  c: Context,
  resource: string,
  q: ListQuery,
  rows: T[],
  total: number,
) => {
  const end = rows.length ? q.offset + rows.length - 1 : q.offset
  c.header('Content-Range', `${resource} ${q.offset}-${end}/${total}`)
  c.header('Access-Control-Expose-Headers', 'Content-Range')
  return c.json(rows)
}

/** `filter.x` as a list of values: one value or an array of them. */
export const filterList = <T = unknown>(value: unknown): T[] | undefined =>
  value === undefined || value === null || value === ''
    ? undefined
    : Array.isArray(value)
      ? (value as T[])
      : [value as T]

/** Lists longer than this are bound as one JSON parameter (D1 allows 100 per statement). */
const INLINE_LIST_MAX = 20

/**
 * `column IN (...)` for any number of values: short lists inline, long ones through
 * `json_each(?)`, so a getMany of 500 ids stays one bound parameter.
 * @example db.select().from(topics).where(inList(topics.id, ids))
 */
export const inList = (column: SQLiteColumn, values: readonly (number | string)[]): SQL => {
  if (values.length === 0) return sql`0`
  if (values.length <= INLINE_LIST_MAX) return inArray(column, [...values])
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`
}
