import { describe, expect, it } from 'vitest'
import {
  arrivalStatus,
  capacityViolations,
  checkInRefusal,
  promotions,
  registrantSchema,
  registrationWindow,
  replayArrivals,
  waitlistPositions,
  type Queued,
} from '../worker/domain/capacity'
import { escapeText, foldLine, icsCalendar } from '../worker/domain/ics'

const q = (id: number, seq: number, partySize: number, status: Queued['status']): Queued => ({
  id,
  seq,
  partySize,
  status,
})

describe('capacity rules', () => {
  it('confirms an arrival only when its party fits the free seats', () => {
    expect(arrivalStatus(2, 10, 8)).toBe('confirmed')
    expect(arrivalStatus(3, 10, 8)).toBe('waitlisted')
  })

  it('lets a later small party take seats a bigger earlier one does not fit into', () => {
    expect(
      replayArrivals(4, [
        { seq: 1, partySize: 3 },
        { seq: 2, partySize: 2 },
        { seq: 3, partySize: 1 },
      ]),
    ).toEqual(['confirmed', 'waitlisted', 'confirmed'])
  })

  it('promotes in arrival order, skipping parties that do not fit, until the seats run out', () => {
    const regs = [
      q(1, 5, 3, 'waitlisted'),
      q(2, 2, 2, 'waitlisted'),
      q(3, 9, 1, 'waitlisted'),
      q(4, 1, 4, 'confirmed'),
    ]
    // 10 seats, 4 held: seq 2 (2) fits → 4 free; seq 5 (3) fits → 1 free; seq 9 (1) fits.
    expect(promotions(10, 4, regs)).toEqual([2, 1, 3])
    // 1 free: only the party of 1 (last in line) fits; none free: nobody moves.
    expect(promotions(10, 9, regs)).toEqual([3])
    expect(promotions(10, 10, regs)).toEqual([])
    expect(promotions(10, 8, regs)).toEqual([2])
  })

  it('numbers the waitlist 1..n by arrival', () => {
    const map = waitlistPositions([
      q(7, 9, 1, 'waitlisted'),
      q(3, 2, 1, 'cancelled'),
      q(5, 4, 2, 'waitlisted'),
    ])
    expect([...map.entries()]).toEqual([
      [5, 1],
      [7, 2],
    ])
  })

  it('reports over-booking and a waitlisted party that would fit', () => {
    expect(capacityViolations(3, [q(1, 1, 2, 'confirmed'), q(2, 2, 2, 'checked_in')])).toEqual([
      'seats 4 > capacity 3',
    ])
    expect(capacityViolations(3, [q(1, 1, 2, 'confirmed'), q(2, 2, 1, 'waitlisted')])).toEqual([
      'waitlisted #2 (party 1) fits in 1 free seats',
    ])
    expect(capacityViolations(3, [q(1, 1, 2, 'confirmed'), q(2, 2, 2, 'waitlisted')])).toEqual([])
  })

  it('refuses check-in for every status but confirmed', () => {
    expect(checkInRefusal('confirmed')).toBeNull()
    for (const s of ['waitlisted', 'cancelled', 'checked_in', 'no_show'] as const)
      expect(checkInRefusal(s)).toBeTruthy()
  })

  it('tells the registration window from status and times', () => {
    const now = 1_000_000
    expect(registrationWindow({ status: 'published', opensAt: now + 1, closesAt: null }, now)).toBe(
      'not_open',
    )
    expect(registrationWindow({ status: 'published', opensAt: now, closesAt: now + 1 }, now)).toBe(
      'open',
    )
    expect(registrationWindow({ status: 'published', opensAt: null, closesAt: now }, now)).toBe(
      'closed',
    )
    expect(registrationWindow({ status: 'cancelled', opensAt: null, closesAt: null }, now)).toBe(
      'cancelled',
    )
  })

  it('normalises the registrant: phone with +86 and spaces, full-width digits, party size from a form', () => {
    const r = registrantSchema(3).parse({
      name: ' 王芳 ',
      phone: '+86 138 1234 5678',
      partySize: '２',
    })
    expect(r).toEqual({ name: '王芳', phone: '13812345678', partySize: 2 })
    expect(
      registrantSchema(3).safeParse({ name: '王芳', phone: '13812345678', partySize: 4 }).success,
    ).toBe(false)
    expect(registrantSchema(1).parse({ name: '王芳', phone: '13812345678' }).partySize).toBe(1)
  })
})

describe('icsCalendar', () => {
  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne')
    const line = `SUMMARY:${'暑托班'.repeat(20)}`
    const folded = foldLine(line)
    const parts = folded.split('\r\n ')
    expect(parts.join('')).toBe(line)
    for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75)
  })

  it('writes one event in UTC with CRLF line ends', () => {
    const ics = icsCalendar({
      uid: 'registration-1@jushou',
      title: '暑托班',
      startsAt: Date.UTC(2026, 6, 1, 1, 0),
      endsAt: Date.UTC(2026, 6, 1, 3, 0),
      place: '活动室',
      stamp: Date.UTC(2026, 5, 1),
    })
    expect(ics).toContain('DTSTART:20260701T010000Z\r\n')
    expect(ics).toContain('DTEND:20260701T030000Z\r\n')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })
})
