import simpleRestProvider from 'ra-data-simple-rest'
import { fetchUtils, type DataProvider, type RaRecord } from 'react-admin'

const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' })

const base = simpleRestProvider('/api', httpClient)

const get = async <T>(path: string): Promise<T> => (await httpClient(`/api${path}`)).json as T

/** An open topic that reads like another, with how alike (0–1). */
export type LookAlike = {
  id: number
  title: string
  status: string
  supportCount: number
  score: number
}

const post = async <T = RaRecord>(path: string, body: unknown): Promise<T> => {
  const { json } = await httpClient(`/api${path}`, { method: 'POST', body: JSON.stringify(body) })
  return json as T
}

export type TransitionInput = {
  to: string
  note?: string
  internalNote?: string
  referredTo?: string
}

/**
 * The stock simple-rest provider, plus the explicit workflow calls of the API. Errors are
 * react-admin HttpErrors whose `message` is the server's and `body` is `{ code, message, errors }`.
 * @example dataProvider.transition(12, { to: 'accepted', note: '已受理' })
 */
const dataProvider = {
  ...base,
  transition: (id: number, input: TransitionInput) => post(`/topics/${id}/transition`, input),
  bulkTransition: (input: { ids: number[] } & TransitionInput) =>
    post<{ data: RaRecord[] }>('/topics/bulk-transition', input),
  merge: (id: number, input: { targetId: number; note?: string }) =>
    post(`/topics/${id}/merge`, input),
  bulkMerge: (input: { ids: number[]; targetId: number; note?: string }) =>
    post('/topics/bulk-merge', input),
  unmerge: (id: number) => post(`/topics/${id}/unmerge`, {}),
  lookAlikes: (id: number) => get<LookAlike[]>(`/topics/${id}/similar`),
} satisfies DataProvider

export type JushouDataProvider = typeof dataProvider
export default dataProvider
