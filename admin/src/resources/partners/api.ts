import { fetchUtils } from 'react-admin'
import type { Matches, PartnerLogin } from './types'

// The partner calls outside simple-rest. Errors are react-admin HttpErrors carrying the server's
// `{ code, message, errors }` body.

const call = async <T>(path: string, body?: unknown): Promise<T> => {
  const { json } = await fetchUtils.fetchJson(`/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  })
  return json as T
}

/** The partners whose offers match a project, best first. */
export const fetchMatches = (projectId: number) =>
  call<Matches>(`/partners/matches?projectId=${projectId}`)

/** A partner's own logins. */
export const fetchLogins = (partnerId: number) =>
  call<PartnerLogin[]>(`/partners/${partnerId}/logins`)

/** Opens a login for a partner (admins and the town's coordinators). */
export const createLogin = (
  partnerId: number,
  body: { username: string; displayName: string; password: string },
) => call<PartnerLogin>(`/partners/${partnerId}/logins`, body)
