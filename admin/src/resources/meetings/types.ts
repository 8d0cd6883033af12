import type { MeetingDecision, MeetingKind, MeetingStatus, TopicStatus } from '@domain/vocabulary'

/** An agenda item of GET /api/meetings/:id, with its tally and decision. */
export type MeetingItem = {
  id: number
  meetingId: number
  topicId: number
  sortOrder: number
  present: number | null
  inFavour: number | null
  against: number | null
  abstain: number | null
  decision: MeetingDecision | null
  projectId: number | null
  referredTo: string | null
  note: string | null
  confirmedLowSupport: boolean
  decidedAt: number | null
  topicTitle: string
  topicStatus: TopicStatus
  projectTitle: string | null
}

/** A meeting as the API sends it (the list leaves `items` out). */
export type Meeting = {
  id: number
  neighborhoodId: number
  gridId: number | null
  kind: MeetingKind
  title: string
  startsAt: number
  endsAt: number | null
  place: string
  host: string
  status: MeetingStatus
  code: string
  headcount: number | null
  minutes: string
  signIns: number
  attendance: number
  itemCount: number
  decidedCount: number
  topicIds: number[]
  signInUrl: string
  qrUrl: string
  items?: MeetingItem[]
}

export type Attendee = {
  id: number
  name: string | null
  phone: string | null
  source: 'qr' | 'staff'
  createdAt: number
}
