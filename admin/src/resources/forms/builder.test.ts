import { describe, expect, it } from 'vitest'
import { slugFromTitle } from '@domain/forms/codes'
import { FORM_SLUG } from '@domain/forms/definition'
import { keyFromLabel, lacksConsent, picksProblem } from './builder'

describe('the forms builder', () => {
  it('makes keys from labels, never taken ones', () => {
    expect(keyFromLabel('Building No.', [])).toBe('building_no')
    expect(keyFromLabel('您家住几号楼', ['q1'])).toBe('q2')
    expect(keyFromLabel('Building No.', ['building_no', 'q1'])).toBe('q2')
  })

  it('makes a readable address from a title', () => {
    const dec = Date.UTC(2026, 11, 5)
    expect(slugFromTitle('加装电梯意愿调查', dec)).toBe('elevator-wishes-survey-2612')
    expect(slugFromTitle('小哥驿站需求调查', dec)).toBe('station-needs-survey-2612')
    expect(slugFromTitle('2026 Summer Camp', dec)).toBe('2026-summer-camp-2612')
    expect(slugFromTitle('你好', dec)).toBe('survey-2612')
    for (const title of [
      '加装电梯意愿调查',
      '!!!',
      'A very long English title that goes on and on',
    ])
      expect(slugFromTitle(title, dec)).toMatch(FORM_SLUG)
  })

  it('checks pick limits and the consent a phone needs', () => {
    expect(picksProblem({ options: ['a', 'b'], maxPicks: 3 })).toBe('tooManyMax')
    expect(picksProblem({ options: ['a', 'b', 'c'], minPicks: 3, maxPicks: 2 })).toBe('minOverMax')
    expect(picksProblem({ options: ['a', 'b', 'c'], minPicks: 1, maxPicks: 2 })).toBeNull()
    expect(lacksConsent([{ type: 'phone' }])).toBe(true)
    expect(lacksConsent([{ type: 'phone' }, { type: 'consent', required: true }])).toBe(false)
    expect(lacksConsent([{ type: 'text' }])).toBe(false)
  })
})
