import { fetchJson } from '../../lib/early'
import type { Confirmation, Item, Matrix, Programme } from './types'

// The programme API's calls beyond simple-rest (apply, matrix, items, due dates), same-origin
// with the session cookie; errors are react-admin HttpErrors with the server's message.

const call = async <T>(path: string, method = 'GET', body?: unknown): Promise<T> => {
  const { json } = await fetchJson(`/api${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return json as T
}

export type Owner = { neighborhoodId: number; post: string; userId: number }

export const programmeApi = {
  matrix: (id: number) => call<Matrix>(`/programmes/${id}/matrix`),
  apply: (id: number, body: { all?: boolean; neighborhoodIds?: number[]; owners?: Owner[] }) =>
    call<{ neighborhoodIds: number[]; projectsCreated: number; itemsCreated: number }>(
      `/programmes/${id}/apply`,
      'POST',
      body,
    ),
  addMissingSteps: (id: number) =>
    call<{ itemsCreated: number }>(`/programmes/${id}/add-missing-steps`, 'POST', {}),
  moveStep: (
    id: number,
    stepId: number,
    body: { dueAt?: number; dueDays?: number; moveItems: boolean },
  ) =>
    call<Programme & { itemsMoved: number }>(`/programmes/${id}/steps/${stepId}/due`, 'PUT', body),
  item: (id: number) => call<Item>(`/programme-items/${id}`),
  done: (id: number, body: { note: string; photoUrl?: string | null; number?: number | null }) =>
    call<Item>(`/programme-items/${id}/done`, 'POST', body),
  reopen: (id: number) => call<Item>(`/programme-items/${id}/reopen`, 'POST', {}),
  moveItem: (id: number, dueAt: number) =>
    call<Item>(`/programme-items/${id}/due`, 'PUT', { dueAt }),
  paper: (id: number, body: { confirmed: number; disputed: number; note: string }) =>
    call<Item>(`/programme-items/${id}/paper`, 'POST', body),
  objections: (itemId: number) =>
    call<Confirmation[]>(
      `/confirmations?filter=${encodeURIComponent(JSON.stringify({ itemId, verdict: 'disputed' }))}&range=${encodeURIComponent('[0,49]')}`,
    ),
  posts: (neighborhoodIds: number[]) =>
    call<Owner[]>(
      `/neighborhood-posts?filter=${encodeURIComponent(JSON.stringify({ neighborhoodId: neighborhoodIds }))}&range=${encodeURIComponent('[0,2499]')}`,
    ),
}

/** The export's URL (a plain link: the browser downloads it with the session cookie). */
export const matrixExportUrl = (id: number) => `/api/programmes/${id}/matrix/export`

/**
 * The matrix query, one key for every screen part that shows it (the show screen asks for it beside
 * the programme, the matrix and the timetable render it). Its first answer is fresh for 10 s: the
 * parts mounting after it (or after a page load's prefetch) do not ask again; writes refetch it.
 * @example const { data } = useQuery(matrixQuery(7))
 */
export const matrixQuery = (id: number) => ({
  queryKey: ['programme-matrix', id],
  queryFn: () => programmeApi.matrix(id),
  staleTime: 10_000,
})
