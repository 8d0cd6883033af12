import type { TopicStatus } from '@domain/vocabulary'

/** A topic as GET /api/topics returns it (see notes/API.md). */
export type Topic = {
  id: number
  neighborhoodId: number
  gridId: number | null
  categoryId: number | null
  channelId: number | null
  title: string
  description: string
  location: string
  status: TopicStatus
  trackingCode: string
  submitterName: string | null
  submitterPhone: string | null
  consentAt: number | null
  publicReply: string | null
  referredTo: string | null
  mergedIntoId: number | null
  projectId: number | null
  supportCount: number
  createdBy: number | null
  createdAt: number
  updatedAt: number
  acceptedAt: number | null
  adoptedAt: number | null
  doneAt: number | null
  /** Moves on with every edit; updates and moves name the one they read. */
  version: number
  allowedTransitions: TopicStatus[]
  /** How its supports add up (GET /api/topics/:id only). */
  supportTally?: SupportTally
  /** Whether the repeats look like one person ticking many times (GET /api/topics/:id only). */
  supportBurst?: boolean
}

/** Supports that count, and the ticks not counted again (worker/domain/voice.ts). */
export type SupportTally = {
  counted: number
  verified: number
  merged: number
  sameDevice: number
  sameAddress: number
}

export type TopicEvent = {
  id: number
  topicId: number
  at: number
  actorUserId: number | null
  actorName: string | null
  kind: string
  fromStatus: string | null
  toStatus: string | null
  publicNote: string | null
  internalNote: string | null
}
