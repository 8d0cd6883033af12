import { fetchUtils } from 'react-admin'
import type { PrivacyRequestKind, PrivacyRequestStatus, PurgeKind } from '@domain/vocabulary'

// The calls of the privacy screens to /api/privacy (worker/api/privacy/index.ts).

export type PrivacyRequest = {
  id: number
  townId: number | null
  phoneHint: string
  kind: PrivacyRequestKind
  status: PrivacyRequestStatus
  verifiedVia: 'code' | 'committee'
  receivedAt: number
  dueAt: number
  note: string
  doneAt: number | null
}

export type Retention = {
  policy: Record<string, { amount: number; unit: 'days' | 'hours' }>
  preview: { kind: PurgeKind; dueNow: number; dueSoon: number }[]
  log: { id: number; at: number; kind: PurgeKind; count: number; requestId: number | null }[]
}

export type AccessEntry = {
  id: number
  at: number
  userId: number | null
  userName: string | null
  action: string
  resource: string
  recordId: string | null
  after: string | null
}

/**
 * A JSON call to `/api/privacy<path>` (GET without a body, POST with one).
 * @example await privacyCall<PrivacyRequest[]>('/requests')
 */
export const privacyCall = async <T>(path: string, body?: unknown): Promise<T> =>
  (
    await fetchUtils.fetchJson(`/api/privacy${path}`, {
      credentials: 'same-origin',
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    })
  ).json as T
