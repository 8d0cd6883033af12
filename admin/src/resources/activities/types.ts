import type { ActivityKind, ActivityStatus, RegistrationWindow } from '@domain/vocabulary'

// The records of the activities API (worker/api/activities/record.ts, sessions.ts).

/** Question types offered for an activity's extra questions (a subset of the forms engine's). */
export const QUESTION_TYPES = [
  'text',
  'longtext',
  'number',
  'phone',
  'single',
  'multiple',
  'date',
  'consent',
] as const

export type Question = {
  key: string
  type: (typeof QUESTION_TYPES)[number]
  label: string
  required?: boolean
  help?: string
  options?: string[]
  /** Sensitive personal information (health notes): masked but for the activity's staff. */
  sensitive?: boolean
}

export type Activity = {
  id: number
  neighborhoodId: number
  kind: ActivityKind
  slug: string
  title: string
  description: string
  place: string
  audience: string
  opensAt: number | null
  closesAt: number | null
  status: ActivityStatus
  questions: Question[]
  window: RegistrationWindow
  sessionCount: number
  capacity: number
  seatsTaken: number
  waitlistCount: number
  registrationCount: number
  firstStartsAt: number | null
  lastEndsAt: number | null
  publicUrl: string
  qrUrl: string
  posterUrl: string
  createdAt: number
  updatedAt: number
}

export type Session = {
  id: number
  activityId: number
  neighborhoodId: number
  kind: Activity['kind']
  activityTitle: string
  label: string
  startsAt: number
  endsAt: number
  capacity: number
  maxParty: number
  seatsTaken: number
  seatsLeft: number
  confirmedCount: number
  waitlistCount: number
  waitlistSeats: number
  checkedInCount: number
  noShowCount: number
  cancelledCount: number
  ended: boolean
  checkinUrl: string
}
