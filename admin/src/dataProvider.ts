import simpleRestProvider from 'ra-data-simple-rest'
import type { DataProvider, RaRecord, UpdateParams } from 'react-admin'
import { changesOf, conflictCurrent, publishConflict, versionField } from './lib/conflicts'
import { fetchJson as httpClient } from './lib/early'

const base = simpleRestProvider('/api', httpClient)

const get = async <T>(path: string): Promise<T> => (await httpClient(`/api${path}`)).json as T

/** An open topic that reads like another, with how alike (0–1). */
export type LookAlike = {
  id: number
  title: string
  status: string
  supportCount: number
  score: number
  createdAt: number
  /** Which of the two survives the merge staff most likely mean; null: no merge either way. */
  mergeTargetId: number | null
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
  /** The version of the topic the move was decided on (a stale one answers 409). */
  version?: number
}

/**
 * The stock update, naming the version the user read (`previousData`, else the form's own) so
 * that an edit made meanwhile answers 409 instead of being overwritten; a 409 with the current
 * record is published to the layout's ConflictDialog (lib/conflicts.ts) before it is thrown on.
 */
const update = async <R extends RaRecord>(resource: string, params: UpdateParams<R>) => {
  const field = versionField(resource)
  const read: Record<string, unknown> = params.previousData ?? {}
  const data: Record<string, unknown> = params.data
  const version = read[field] ?? data[field]
  try {
    return await base.update<R>(resource, {
      ...params,
      data: (version === undefined ? data : { ...data, [field]: version }) as Partial<R>,
    })
  } catch (error) {
    const current = conflictCurrent(error)
    if (current)
      publishConflict({ resource, id: params.id, read, mine: changesOf(data, read), current })
    throw error
  }
}

/**
 * The stock simple-rest provider, plus the explicit workflow calls of the API. Errors are
 * react-admin HttpErrors whose `message` is the server's and `body` is `{ code, message, errors }`.
 * @example dataProvider.transition(12, { to: 'accepted', note: '已受理' })
 */
const dataProvider = {
  ...base,
  update,
  transition: (id: number, input: TransitionInput) => post(`/topics/${id}/transition`, input),
  bulkTransition: (input: { ids: number[] } & TransitionInput) =>
    post<{ data: RaRecord[] }>('/topics/bulk-transition', input),
  merge: (id: number, input: { targetId: number; note?: string; version?: number }) =>
    post(`/topics/${id}/merge`, input),
  bulkMerge: (input: { ids: number[]; targetId: number; note?: string }) =>
    post('/topics/bulk-merge', input),
  unmerge: (id: number) => post(`/topics/${id}/unmerge`, {}),
  lookAlikes: (id: number) => get<LookAlike[]>(`/topics/${id}/similar`),
} satisfies DataProvider

export type JushouDataProvider = typeof dataProvider
export default dataProvider
