import { fetchUtils } from 'react-admin'
import type { Claim, PartnerReport } from './types'

// The claim calls outside simple-rest. Errors are react-admin HttpErrors carrying the server's
// `{ code, message, errors }` body.

const post = async <T>(path: string, body: unknown): Promise<T> => {
  const { json } = await fetchUtils.fetchJson(`/api${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    credentials: 'same-origin',
  })
  return json as T
}

export type ClaimAction = 'accept' | 'decline' | 'withdraw'

/** Moves one claim: accept, decline (with the reason in `note`) or withdraw. */
export const moveClaim = (id: number, action: ClaimAction, note?: string) =>
  post<Claim>(`/claims/${id}/${action}`, { note: note || null })

/** Accepts or declines many claims, all or nothing. */
export const bulkMoveClaims = (ids: number[], to: 'accepted' | 'declined', note?: string) =>
  post<{ data: Claim[] }>('/claims/bulk', { ids, to, note: note || null })

/** The query string of the partner report for a period and place. */
export const reportQuery = (range: { from: number; to: number }, neighborhoodId?: number) =>
  new URLSearchParams({
    from: String(range.from),
    to: String(range.to),
    ...(neighborhoodId ? { neighborhoodId: String(neighborhoodId) } : {}),
  }).toString()

/** The partner figures for a period and place. */
export const fetchReport = async (range: { from: number; to: number }, neighborhoodId?: number) =>
  (
    await fetchUtils.fetchJson(`/api/reports/partners?${reportQuery(range, neighborhoodId)}`, {
      credentials: 'same-origin',
    })
  ).json as PartnerReport
