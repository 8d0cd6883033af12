import { describe, expect, it } from 'vitest'
import { addWorkingDays } from '@domain/privacy/working-days'
import { deadlineOf } from './deadline'

// Shanghai wall-clock time as epoch ms.
const sh = (y: number, m: number, d: number, h = 10) => Date.UTC(y, m - 1, d, h - 8)

describe('a request against its deadline', () => {
  // Received Friday 4 Dec 2026: due at the end of Friday 25 Dec (15 working days).
  const dueAt = addWorkingDays(sh(2026, 12, 4), 15)

  it('counts working days left while open, and says when it is due soon', () => {
    expect(deadlineOf({ status: 'open', dueAt }, sh(2026, 12, 4))).toEqual({
      urgency: 'ok',
      left: 15,
    })
    // Monday 21 Dec: Tuesday to Friday are left (4); Tuesday 22: 3, due soon.
    expect(deadlineOf({ status: 'open', dueAt }, sh(2026, 12, 21)).urgency).toBe('ok')
    expect(deadlineOf({ status: 'open', dueAt }, sh(2026, 12, 22))).toEqual({
      urgency: 'soon',
      left: 3,
    })
    // On the due day itself, late in the evening, it is still not overdue.
    expect(deadlineOf({ status: 'open', dueAt }, sh(2026, 12, 25, 23))).toEqual({
      urgency: 'soon',
      left: 0,
    })
  })

  it('is overdue from the next day on (a weekend after the due day counts no working day)', () => {
    expect(deadlineOf({ status: 'open', dueAt }, sh(2026, 12, 26))).toEqual({
      urgency: 'overdue',
      left: 0,
    })
    expect(deadlineOf({ status: 'open', dueAt }, sh(2026, 12, 29))).toEqual({
      urgency: 'overdue',
      left: -2,
    })
  })

  it('stops counting once the request is done or refused', () => {
    for (const status of ['done', 'refused'])
      expect(deadlineOf({ status, dueAt }, sh(2026, 12, 29))).toEqual({
        urgency: 'closed',
        left: null,
      })
  })
})
