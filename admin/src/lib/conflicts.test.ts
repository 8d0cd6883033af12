import { describe, expect, it } from 'vitest'
import {
  changesOf,
  conflictCurrent,
  diffOf,
  onConflict,
  publishConflict,
  reapplied,
  versionField,
} from './conflicts'

const read = { id: 7, title: '楼道灯不亮', location: '', categoryId: 3, version: 1 }
const current = { id: 7, title: '3号楼楼道灯不亮', location: '', categoryId: 4, version: 2 }

describe('edit conflicts', () => {
  it("takes the user's changes from what they send, leaving the version out", () => {
    expect(changesOf({ ...read, location: '5号楼', version: 1 }, read)).toEqual({
      location: '5号楼',
    })
    expect(changesOf({ title: '楼道灯不亮', categoryId: null }, read)).toEqual({
      categoryId: null,
    })
  })

  it('lists their fields first, flagging those both changed, then those only others changed', () => {
    const conflict = {
      resource: 'topics',
      id: 7,
      read,
      mine: { title: '楼道灯坏了', location: '5号楼' },
      current,
    }
    expect(diffOf(conflict)).toEqual([
      {
        field: 'title',
        read: '楼道灯不亮',
        mine: '楼道灯坏了',
        current: '3号楼楼道灯不亮',
        clash: true,
      },
      { field: 'location', read: '', mine: '5号楼', current: '', clash: false },
      { field: 'categoryId', read: 3, mine: 3, current: 4, clash: false },
    ])
    expect(reapplied(conflict)).toEqual({
      id: 7,
      data: { ...current, title: '楼道灯坏了', location: '5号楼' },
      previousData: current,
    })
  })

  it('recognises the API conflict and tells the listeners', () => {
    const error = { status: 409, body: { code: 'conflict', message: '…', current } }
    expect(conflictCurrent(error)).toEqual(current)
    expect(conflictCurrent({ status: 409, body: { code: 'illegal_transition' } })).toBeNull()
    expect(conflictCurrent(new Error('x'))).toBeNull()
    const seen: unknown[] = []
    const stop = onConflict((c) => seen.push(c.id))
    publishConflict({ resource: 'topics', id: 7, read, mine: {}, current })
    stop()
    publishConflict({ resource: 'topics', id: 8, read, mine: {}, current })
    expect(seen).toEqual([7])
    expect(versionField('forms')).toBe('revision')
    expect(versionField('topics')).toBe('version')
  })
})
