import { describe, expect, it } from 'vitest'
import { describeEntry } from './entry'

describe('an access-log entry on screen', () => {
  it('reads a reveal’s purpose, an export’s rows and reason', () => {
    expect(describeEntry({ after: '{"purpose":"callback","field":"phone"}' })).toEqual({
      purpose: 'callback',
      rows: null,
      reason: null,
    })
    expect(
      describeEntry({ after: '{"format":"csv","rows":12,"reason":"交给带班老师的点名册"}' }),
    ).toEqual({ purpose: null, rows: 12, reason: '交给带班老师的点名册' })
  })

  it('says nothing of a purpose outside the vocabulary, or of unreadable JSON', () => {
    expect(describeEntry({ after: '{"purpose":"curiosity"}' }).purpose).toBeNull()
    expect(describeEntry({ after: 'not json' })).toEqual({
      purpose: null,
      rows: null,
      reason: null,
    })
    expect(describeEntry({ after: null })).toEqual({ purpose: null, rows: null, reason: null })
  })
})
