import { QueryClient, type Query } from '@tanstack/react-query'
import type { GetListParams } from 'react-admin'
import type { Me } from './authProvider'
import dataProvider from './dataProvider'

/** react-admin's query cache, passed to <Admin> so that startup can fill in what it knows. */
export const queryClient = new QueryClient()

// authProvider.checkAuth answers from the one GET /api/auth/me of the session (see fetchMe), so
// asking again within minutes gives the same answer; react-admin already keeps permissions and
// identity this long. A 401 from any request still signs out (checkError), and signing out
// clears the whole cache.
queryClient.setQueryDefaults(['auth', 'checkAuth'], { staleTime: 5 * 60_000 })

/**
 * Puts the signed-in user (index.html's early GET /api/auth/me) into react-admin's auth queries
 * before the first render: the admin then renders its layout, menu and user once, instead of a
 * loading page first and one re-render of the whole layout per auth answer as it arrives
 * (session check, permissions, identity). These are react-admin 5's query keys; if they ever
 * change, the entries go unused and react-admin asks the authProvider as before.
 * @example seedAuth(await window.__jushouMe)
 */
export const seedAuth = (me: Me | null | undefined) => {
  if (!me) return // signed out: react-admin's own check sends the browser to the login page
  queryClient.setQueryData(['auth', 'checkAuth', {}], true)
  queryClient.setQueryData(['auth', 'getPermissions', {}], me.role)
  queryClient.setQueryData(['auth', 'getIdentity'], { ...me, fullName: me.displayName })
}

type ListParams = Pick<GetListParams, 'pagination' | 'sort' | 'filter'>

// Queries started by prefetchList, whose first answer a mounting screen takes as fresh.
const prefetched = new WeakSet<object>()
const FIRST_ANSWER_FRESH_MS = 10_000

/**
 * Starts a getList now, under react-admin's query key for it (useGetList's `[resource, 'getList',
 * { pagination, sort, filter, meta }]`): the screen that asks for the same list finds it in the
 * cache, still on its way or answered, and renders with it instead of asking again. For the screen
 * a page load opens (see preloadTopicList). A key that does not match only costs one request.
 * @example prefetchList('categories', { pagination: { page: 1, perPage: 500 }, sort, filter: {} })
 */
export const prefetchList = (resource: string, params: ListParams) => {
  const queryKey = [resource, 'getList', { ...params, meta: undefined }]
  void queryClient.prefetchQuery({
    queryKey,
    queryFn: () =>
      dataProvider
        .getList(resource, params)
        .then(({ data, total, pageInfo, meta }) => ({ data, total, pageInfo, meta })),
  })
  const query = queryClient.getQueryCache().find({ queryKey, exact: true })
  if (query) prefetched.add(query)
}

/**
 * Starts a getOne now, under react-admin's query key for it (useGetOne's `[resource, 'getOne',
 * { id: String(id), meta }]`), for the screen a page load opens (see preloadProgrammeShow). The
 * screen's useGetOne takes its first answer as fresh with `staleTime: prefetchedStaleTime`.
 * @example prefetchOne('programmes', 7)
 */
export const prefetchOne = (resource: string, id: number) => {
  const queryKey = [resource, 'getOne', { id: String(id), meta: undefined }]
  void queryClient.prefetchQuery({
    queryKey,
    queryFn: () => dataProvider.getOne(resource, { id }).then(({ data }) => data),
  })
  const query = queryClient.getQueryCache().find({ queryKey, exact: true })
  if (query) prefetched.add(query)
}

/**
 * `staleTime` for a list screen whose query may have been prefetched: react-admin lists ask again
 * whenever they mount, which right after the prefetch would fetch the same page twice (and render
 * it twice). A prefetched query's first answer counts as fresh for 10 s; everything else as usual.
 * @example <List queryOptions={{ staleTime: prefetchedStaleTime }}>
 */
export const prefetchedStaleTime = (query: Pick<Query, 'state'>) =>
  prefetched.has(query) &&
  query.state.dataUpdateCount === 1 &&
  Date.now() - query.state.dataUpdatedAt < FIRST_ANSWER_FRESH_MS
    ? Infinity
    : 0
