import { describe, expect, it } from 'vitest'
import { daysUntil, deadlineFromDay, groupByWeek } from './dates'

// Instants are written as Shanghai wall time: `sh('2026-05-10T09:00')`.
const sh = (local: string) => Date.parse(`${local}:00+08:00`)

describe('project deadlines', () => {
  it('reads a picked day as the end of that day in Shanghai', () => {
    expect(deadlineFromDay('2026-06-30')).toBe(sh('2026-07-01T00:00') - 1)
  })

  it('counts days left, negative once past', () => {
    const now = sh('2026-06-10T12:00')
    expect(daysUntil(deadlineFromDay('2026-06-12'), now)).toBe(3)
    expect(daysUntil(sh('2026-06-08T12:00'), now)).toBe(-2)
  })

  it('groups overdue first, then one group per week from Monday, then those without a deadline', () => {
    const now = sh('2026-06-10T12:00') // a Wednesday
    const p = (id: number, deadline: string | null) => ({
      id,
      deadlineAt: deadline ? sh(deadline) : null,
    })
    const groups = groupByWeek(
      [
        p(1, '2026-06-21T23:59'),
        p(2, null),
        p(3, '2026-06-01T00:00'),
        p(4, '2026-06-14T23:59'),
        p(5, '2026-06-15T00:00'),
        p(6, '2026-06-09T10:00'),
      ],
      now,
    )
    expect(
      groups.map((g) => [g.kind, g.kind === 'week' ? g.offset : null, g.items.map((i) => i.id)]),
    ).toEqual([
      ['overdue', null, [3, 6]],
      ['week', 0, [4]],
      ['week', 1, [5, 1]],
      ['none', null, [2]],
    ])
    const [, thisWeek] = groups
    expect(thisWeek.kind === 'week' && thisWeek.start).toBe(sh('2026-06-08T00:00'))
  })

  it("follows the server's overdue flag over the clock", () => {
    const now = sh('2026-06-10T12:00')
    const groups = groupByWeek([{ id: 1, deadlineAt: sh('2026-06-01T00:00'), overdue: false }], now)
    expect(groups.map((g) => g.kind)).toEqual(['week'])
  })
})
