import { describe, expect, it } from 'vitest'
import { diffRows, showValue } from './diff'

describe('audit diffRows', () => {
  it('lists changed fields first and marks fields the write did not touch as context', () => {
    expect(
      diffRows({ title: 'a', status: 'planned', owner: 3 }, { status: 'done', owner: 3 }),
    ).toEqual([
      { key: 'status', before: 'planned', after: 'done', change: 'changed' },
      { key: 'owner', before: 3, after: 3, change: 'same' },
      { key: 'title', before: 'a', after: undefined, change: 'context' },
    ])
  })

  it('shows a create as all added and a delete as all removed', () => {
    expect(diffRows(null, { name: '慧华苑' })).toEqual([
      { key: 'name', before: undefined, after: '慧华苑', change: 'added' },
    ])
    expect(diffRows({ name: '慧华苑' }, null)).toEqual([
      { key: 'name', before: '慧华苑', after: undefined, change: 'removed' },
    ])
  })

  it('compares nested values by content', () => {
    expect(diffRows({ ids: [1, 2] }, { ids: [1, 2] })[0].change).toBe('same')
    expect(diffRows({ ids: [1, 2] }, { ids: [2] })[0].change).toBe('changed')
  })

  it('returns nothing when neither side was recorded', () => {
    expect(diffRows(null, null)).toEqual([])
  })
})

describe('audit showValue', () => {
  const time = (ms: number) => `T${ms}`
  it('formats epoch-ms …At fields as times, null as a dash and other values as JSON', () => {
    expect(showValue('deadlineAt', 1_751_299_199_999, time)).toBe('T1751299199999')
    expect(showValue('sortOrder', 12, time)).toBe('12')
    expect(showValue('title', '楼道堆物', time)).toBe('楼道堆物')
    expect(showValue('topicIds', [1, 2], time)).toBe('[1,2]')
    expect(showValue('x', undefined, time)).toBe('')
    expect(showValue('deadlineAt', null, time)).toBe('—')
  })
})
