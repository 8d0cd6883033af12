import type { StepState } from '../vocabulary'
import { DAY_MS } from './days'

// A step's state in one neighborhood, as the matrix, the timetable and the weekly check-in show
// it. The rules, in order:
// 1. done: staff marked the item done (whatever its due date).
// 2. overdue: not done and its due date has passed.
// 3. due: not done and due within the next DUE_SOON_DAYS days (the check-in's "next two weeks").
// 4. not_started: not done, due later or without a due date.
// A step with residents' objections (disputed > 0) is flagged, whatever its state.

/** "Due soon" looks this far ahead: the weekly check-in's next two weeks. */
export const DUE_SOON_DAYS = 14

export type CellItem = { done: boolean | number; dueAt: number | null }

/**
 * The state of one step's item (rules 1–4).
 * @example cellState({ done: false, dueAt: now - 1 }, now) // 'overdue'
 */
export const cellState = (item: CellItem, now: number): StepState => {
  if (item.done) return 'done'
  if (item.dueAt === null) return 'not_started'
  if (item.dueAt < now) return 'overdue'
  return item.dueAt < now + DUE_SOON_DAYS * DAY_MS ? 'due' : 'not_started'
}

/** Counts of each state, every state present (zeros included). */
export type StateCounts = Record<StepState, number>

export const emptyCounts = (): StateCounts => ({ done: 0, due: 0, overdue: 0, not_started: 0 })

/**
 * Counts the states of `items` (a row or a column of the matrix).
 * @example countStates(['done', 'done', 'overdue']) // { done: 2, due: 0, overdue: 1, not_started: 0 }
 */
export const countStates = (states: Iterable<StepState>): StateCounts => {
  const counts = emptyCounts()
  for (const s of states) counts[s]++
  return counts
}
