import { fetchUtils } from 'react-admin'

/**
 * POSTs to a workflow endpoint of the API (no-show, cancel, check-in …) and returns its JSON.
 * Errors are react-admin HttpErrors carrying the server's `{ code, message, errors }` body.
 * @example await postAction(`/activity-sessions/${id}/no-show`)
 */
export const postAction = async <T = unknown>(path: string, body: unknown = {}): Promise<T> => {
  const { json } = await fetchUtils.fetchJson(`/api${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    credentials: 'same-origin',
  })
  return json as T
}
