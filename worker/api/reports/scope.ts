import { eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { neighborhoods, towns } from '../../db/schema'
import { DATE_WINDOW_MESSAGE, inDateWindow } from '../../domain/dates'
import { fromDay, toDay, yearEarlier } from '../../domain/programmes/days'
import { ApiError } from '../../lib/errors'
import { assertNeighborhoodInScope, inScope } from '../../lib/scope'

// What a report covers: `scope=neighborhood&neighborhoodId=…`, `scope=town&townId=…` or
// `scope=all` (every neighborhood the caller may see; the default), and the period
// `from`/`to` (epoch ms, to exclusive; default this Shanghai calendar year). A neighborhood or
// town outside the caller's scope answers 404.

export type ReportScope = {
  kind: 'neighborhood' | 'town' | 'all'
  /** The neighborhoods covered; null: every one (an admin's `all`). */
  ids: number[] | null
  name: string
  neighborhoodId?: number
  townId?: number
}

const intParam = (value: string | undefined, name: string) => {
  if (value === undefined || value === '') return undefined
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new ApiError('bad_request', `${name} 应为整数`)
  return n
}

/** The period asked for, or this Shanghai calendar year. */
export const periodOf = (query: (name: string) => string | undefined) => {
  const year = Number(toDay(Date.now()).slice(0, 4))
  const from = intParam(query('from'), 'from') ?? fromDay(`${year}-01-01`)!
  const to = intParam(query('to'), 'to') ?? fromDay(`${year + 1}-01-01`)!
  for (const [name, ms] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!inDateWindow(ms))
      throw new ApiError('bad_request', DATE_WINDOW_MESSAGE, {
        errors: { [name]: DATE_WINDOW_MESSAGE },
      })
  if (to <= from) throw new ApiError('bad_request', 'to 应晚于 from')
  // Two years back at most before `from` is compared with a year earlier: a typo guard.
  if (to - from > 5 * 366 * 86_400_000) throw new ApiError('bad_request', '时间段太长')
  if (yearEarlier(from) < 0) throw new ApiError('bad_request', 'from 无效')
  return { from, to }
}

/** The scope asked for, checked against the caller's (404 outside it). */
export const scopeOf = async (
  v: AppEnv['Variables'],
  query: (name: string) => string | undefined,
): Promise<ReportScope> => {
  const kind = query('scope') ?? 'all'
  if (kind === 'neighborhood') {
    const id = intParam(query('neighborhoodId'), 'neighborhoodId')
    if (id === undefined) throw new ApiError('bad_request', '请选择居民区')
    assertNeighborhoodInScope(v.user, id)
    const [row] = await v.db
      .select({ name: neighborhoods.name })
      .from(neighborhoods)
      .where(eq(neighborhoods.id, id))
    if (!row) throw new ApiError('not_found', '居民区不存在')
    return { kind, ids: [id], name: row.name, neighborhoodId: id }
  }
  if (kind === 'town') {
    const townId = intParam(query('townId'), 'townId')
    if (townId === undefined) throw new ApiError('bad_request', '请选择镇')
    const [town] = await v.db.select({ name: towns.name }).from(towns).where(eq(towns.id, townId))
    const ids = (
      await v.db
        .select({ id: neighborhoods.id })
        .from(neighborhoods)
        .where(eq(neighborhoods.townId, townId))
    )
      .map((r) => r.id)
      .filter((id) => inScope(v.user, id))
    const mine = v.user.neighborhoodIds === null || v.user.townIds.includes(townId) || ids.length
    if (!town || !mine) throw new ApiError('not_found', '镇不存在')
    return { kind, ids, name: town.name, townId }
  }
  if (kind === 'all') return { kind, ids: v.user.neighborhoodIds, name: '全部' }
  throw new ApiError('bad_request', 'scope 应为 neighborhood、town 或 all')
}
