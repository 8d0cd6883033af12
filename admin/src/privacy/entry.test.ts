import { describe, expect, it } from 'vitest'
import { describeEntry } from './entry'

describe('an access-log entry on screen', () => {
  it('reads a reveal’s purpose, an export’s rows and reason', () => {
    expect(
      describeEntry({ action: 'reveal', after: '{"purpose":"callback","field":"phone"}' }),
    ).toEqual({
      purpose: 'revealPurpose.callback',
      rows: null,
      reason: null,
    })
    expect(
      describeEntry({
        action: 'export',
        after: '{"format":"csv","rows":12,"purpose":"roster","reason":"交给带班老师"}',
      }),
    ).toEqual({ purpose: 'exportPurpose.roster', rows: 12, reason: '交给带班老师' })
  })

  it('says nothing of a purpose outside its list, or of unreadable JSON', () => {
    expect(describeEntry({ action: 'reveal', after: '{"purpose":"curiosity"}' }).purpose).toBeNull()
    // An export's purpose is not a reveal's.
    expect(describeEntry({ action: 'export', after: '{"purpose":"verify"}' }).purpose).toBeNull()
    const nothing = { purpose: null, rows: null, reason: null }
    expect(describeEntry({ action: 'export', after: 'not json' })).toEqual(nothing)
    expect(describeEntry({ action: 'export', after: null })).toEqual(nothing)
  })
})
