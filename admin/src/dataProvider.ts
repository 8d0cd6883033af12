import simpleRestProvider from 'ra-data-simple-rest'
import { fetchUtils, type DataProvider } from 'react-admin'

const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' })

const base = simpleRestProvider('/api', httpClient)

const post = async (path: string, body: unknown) => {
  const { json } = await httpClient(`/api${path}`, { method: 'POST', body: JSON.stringify(body) })
  return json
}

/**
 * The stock simple-rest provider, plus the explicit workflow calls of the API.
 * @example dataProvider.transition(12, { to: 'accepted', note: '已受理' })
 */
const dataProvider = {
  ...base,
  transition: (id: number, input: { to: string; note?: string; referredTo?: string }) =>
    post(`/topics/${id}/transition`, input),
  bulkTransition: (input: { ids: number[]; to: string; note?: string; referredTo?: string }) =>
    post('/topics/bulk-transition', input),
  merge: (id: number, input: { targetId: number; note?: string }) => post(`/topics/${id}/merge`, input),
  bulkMerge: (input: { ids: number[]; targetId: number; note?: string }) => post('/topics/bulk-merge', input),
} satisfies DataProvider

export type JushouDataProvider = typeof dataProvider
export default dataProvider
