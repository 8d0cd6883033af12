import { fetchUtils } from 'react-admin'
import type { MeetingDecision } from '@domain/vocabulary'
import type { Attendee, Meeting } from './types'

// The meeting calls beyond simple-rest: an item's tally and decision, the sign-ins, the 台账.

export type TallyBody = {
  present: number
  inFavour: number
  against: number
  abstain: number
  decision?: MeetingDecision | null
  projectId?: number | null
  project?: { title: string } | null
  referredTo?: string | null
  note?: string | null
  confirm?: boolean
}

const json = async <T>(path: string, init: fetchUtils.Options = {}) =>
  (await fetchUtils.fetchJson(`/api${path}`, { credentials: 'same-origin', ...init })).json as T

/**
 * Records an agenda item's tally (and decision); answers the meeting with its items. A 409
 * whose body has `errors.confirm` asks to confirm a low-support 立项 (send `confirm: true`).
 * @example await saveTally(7, 40, { present: 23, inFavour: 19, against: 2, abstain: 2, decision: 'defer' })
 */
export const saveTally = (meetingId: number, itemId: number, body: TallyBody) =>
  json<Meeting>(`/meetings/${meetingId}/items/${itemId}/tally`, {
    method: 'POST',
    body: JSON.stringify(body),
  })

export const fetchAttendees = (meetingId: number) =>
  json<Attendee[]>(`/meetings/${meetingId}/attendees`)

/** GET /api/reports/meetings: the figures of the period, per neighborhood and in total. */
export type MeetingReport = {
  total: {
    meetings: number
    attendance: number
    decided: number
    projects: number
    byDecision: Record<MeetingDecision, number>
  }
  sentence: string
}

/** The 台账's query string for a period and an optional neighborhood. */
export const reportQuery = (range: { from: number; to: number }, neighborhoodId?: number) => {
  const params = new URLSearchParams({ from: String(range.from), to: String(range.to) })
  if (neighborhoodId) params.set('neighborhoodId', String(neighborhoodId))
  return params
}

export const fetchReport = (range: { from: number; to: number }, neighborhoodId?: number) =>
  json<MeetingReport>(`/reports/meetings?${reportQuery(range, neighborhoodId)}`)
