import type { TopicStatus } from '@domain/vocabulary'

/**
 * The moves the admin offers, in button order; each maps to one dialog. Which of them a topic
 * may take is the server's machine (worker/domain/topic-workflow.ts), sent with each record as
 * `allowedTransitions`; a test checks that every move of the machine has a button here.
 */
export const MOVES = [
  'accepted',
  'adopted',
  'in_progress',
  'done',
  'merged',
  'referred',
  'declined',
] as const satisfies readonly TopicStatus[]
export type Move = (typeof MOVES)[number]

/** The moves offered on several rows at once (in_progress/done follow the project instead). */
export const BULK_MOVES: readonly Move[] = ['accepted', 'adopted', 'merged', 'referred', 'declined']

/**
 * The moves the state machine allows for EVERY one of `records` (each carries the server's
 * `allowedTransitions`), in button order; nothing when no record is given.
 * @example commonMoves([{ allowedTransitions: ['accepted', 'merged'] }, { allowedTransitions: ['merged'] }]) // ['merged']
 */
export const commonMoves = (
  records: ReadonlyArray<{ allowedTransitions?: readonly string[] } | undefined>,
  offered: readonly Move[] = MOVES,
): Move[] => {
  if (!records.length || records.some((r) => !r)) return []
  return offered.filter((move) => records.every((r) => r!.allowedTransitions?.includes(move)))
}

/**
 * The one neighborhood all `records` share (a project adopts topics of one neighborhood), or null.
 * @example sharedNeighborhood([{ neighborhoodId: 2 }, { neighborhoodId: 2 }]) // 2
 */
export const sharedNeighborhood = (records: ReadonlyArray<{ neighborhoodId: number }>) => {
  const ids = new Set(records.map((r) => r.neighborhoodId))
  return ids.size === 1 ? [...ids][0] : null
}
