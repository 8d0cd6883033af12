import { startOfShanghaiWeek } from '../../lib/format'

export type ListSort = { field: string; order: 'ASC' | 'DESC' }
export type ViewParams = { filter: Record<string, unknown>; sort: ListSort }
export type View = { key: string; label: string; params: ViewParams; savedId?: number }

export const DEFAULT_SORT: ListSort = { field: 'createdAt', order: 'DESC' }
/** Rows per page of the topic grid until a user picks another size. */
export const PER_PAGE = 50

/** What react-admin keeps of a list between visits (its store, `topics.listParams`). */
export type StoredListParams = {
  filter?: Record<string, unknown>
  sort?: string
  order?: 'ASC' | 'DESC'
  page?: number | string
  perPage?: number | string
}

const numberOr = (value: number | string | undefined, fallback: number) => {
  const n = typeof value === 'string' ? parseInt(value, 10) : value
  return typeof n === 'number' && !Number.isNaN(n) ? n : fallback
}

/**
 * The getList params the topic list starts with when the URL carries no list query: what
 * react-admin stored on the last visit, else the defaults (the rules of react-admin's getQuery,
 * which is not exported). For prefetching: if this ever disagrees, the prefetch goes unused.
 * @example firstListParams(null) // { pagination: { page: 1, perPage: 50 }, sort: DEFAULT_SORT, filter: {} }
 */
export const firstListParams = (stored: StoredListParams | null | undefined) => {
  const custom =
    stored?.filter &&
    (Object.keys(stored.filter).length > 0 ||
      stored.order != null ||
      stored.page !== 1 ||
      stored.perPage != null ||
      stored.sort != null)
  const query: StoredListParams = custom ? stored : { filter: {} }
  return {
    pagination: {
      page: numberOr(query.page ?? 1, 1),
      perPage: numberOr(query.perPage ?? PER_PAGE, 10),
    },
    sort: query.sort ? { field: query.sort, order: query.order! } : DEFAULT_SORT,
    filter: query.filter ?? {},
  }
}

/**
 * The built-in views every user has: all, 待受理, 本周新增, 我负责的. Labels are i18n keys.
 * 我负责的 = topics of the projects I own: the topics API filters by `projectId` (a list), so the
 * view carries the ids of my projects (GET /api/projects?filter={"ownerUserId":me}); with none,
 * `[0]` matches nothing rather than everything.
 * @example builtInViews(Date.now(), [4, 9])[3].params.filter // { projectId: [4, 9] }
 */
export const builtInViews = (now = Date.now(), myProjectIds?: readonly number[]): View[] => [
  { key: 'all', label: 'topics.views.all', params: { filter: {}, sort: DEFAULT_SORT } },
  {
    key: 'submitted',
    label: 'topics.views.submitted',
    params: { filter: { status: ['submitted'] }, sort: { field: 'createdAt', order: 'ASC' } },
  },
  {
    key: 'thisWeek',
    label: 'topics.views.thisWeek',
    params: { filter: { createdFrom: startOfShanghaiWeek(now) }, sort: DEFAULT_SORT },
  },
  ...(myProjectIds === undefined
    ? []
    : [
        {
          key: 'mine',
          label: 'topics.views.mine',
          params: {
            filter: { projectId: myProjectIds.length ? [...myProjectIds] : [0] },
            sort: { field: 'updatedAt', order: 'DESC' },
          },
        } satisfies View,
      ]),
]

/** Filter values with the empty ones dropped, so `{ q: '' }` and `{}` count as the same view. */
const clean = (filter: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(filter).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  )

const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${k}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value)

/**
 * Whether the list currently shows `view` (same non-empty filters and same sort), to highlight it.
 * "This week" compares by filter keys only, since its start moves with the clock.
 * @example isCurrentView(view, { status: ['submitted'], q: '' }, { field: 'createdAt', order: 'ASC' })
 */
export const isCurrentView = (view: View, filter: Record<string, unknown>, sort: ListSort) => {
  const a = clean(view.params.filter)
  const b = clean(filter)
  const sameSort = view.params.sort.field === sort.field && view.params.sort.order === sort.order
  if (view.key === 'thisWeek')
    return sameSort && canonical(Object.keys(a).sort()) === canonical(Object.keys(b).sort())
  return sameSort && canonical(a) === canonical(b)
}

/**
 * The params to store for "save current view": the non-empty filters and the sort.
 * @example viewParams({ q: '', status: ['accepted'] }, DEFAULT_SORT) // { filter: { status: ['accepted'] }, sort: ... }
 */
export const viewParams = (filter: Record<string, unknown>, sort: ListSort): ViewParams => ({
  filter: clean(filter),
  sort: { field: sort.field, order: sort.order },
})

/**
 * The server-side export of the current filter: GET /api/topics/export?format=…&filter=…&sort=….
 * @example exportUrl('csv', { status: ['submitted'] }, DEFAULT_SORT)
 */
export const exportUrl = (
  format: 'csv' | 'xlsx',
  filter: Record<string, unknown>,
  sort: ListSort,
) => {
  const params = new URLSearchParams({
    format,
    filter: JSON.stringify(clean(filter)),
    sort: JSON.stringify([sort.field, sort.order]),
  })
  return `/api/topics/export?${params}`
}
