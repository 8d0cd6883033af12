import type { ActivityKind, RegistrationStatus } from '@domain/vocabulary'

// The records of the registrations API (worker/api/activities/registrations-record.ts).

export type Registration = {
  id: number
  sessionId: number
  activityId: number
  neighborhoodId: number
  kind: ActivityKind
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
