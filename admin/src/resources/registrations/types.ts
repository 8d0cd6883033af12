// The records of the registrations API (worker/api/registrations.ts).

export const REGISTRATION_STATUSES = [
  'confirmed',
  'waitlisted',
  'cancelled',
  'checked_in',
  'no_show',
] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

export type Registration = {
  id: number
  sessionId: number
  activityId: number
  neighborhoodId: number
  kind: 'event' | 'volunteer'
  activityTitle: string
  sessionLabel: string
  sessionStartsAt: number
  sessionEndsAt: number
  name: string
  phone: string
  partySize: number
  answers: Record<string, unknown>
  answerText: Record<string, string>
  status: RegistrationStatus
  seq: number
  waitlistPosition: number | null
  source: 'web' | 'staff'
  createdAt: number
  confirmedAt: number | null
  promotedAt: number | null
  cancelledAt: number | null
  checkedInAt: number | null
  creditedMinutes: number | null
  creditedHours: number | null
}
