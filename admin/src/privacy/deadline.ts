import { workingDaysLeft } from '@domain/privacy/working-days'

export type Urgency = 'overdue' | 'soon' | 'ok' | 'closed'

/** Working days left at which an open request is shown as due soon. */
const SOON = 3

/**
 * How a request stands against its 15-working-day deadline (domain/privacy/working-days): a
 * closed one no longer counts; an open one is overdue once its due day has passed, due soon in
 * its last `SOON` working days.
 * @example deadlineOf({ status: 'open', dueAt }, now) // { urgency: 'soon', left: 2 }
 */
export const deadlineOf = (r: { status: string; dueAt: number }, now: number) => {
  if (r.status !== 'open') return { urgency: 'closed' as Urgency, left: null }
  const left = workingDaysLeft(r.dueAt, now)
  const urgency: Urgency = now > r.dueAt ? 'overdue' : left <= SOON ? 'soon' : 'ok'
  return { urgency, left }
}
