import { describe, expect, it } from 'vitest'
import { errorText } from './errors'

describe('errorText', () => {
  it('shows the server message and the refused topics of a bulk move', () => {
    const error = {
      message: '2 个议题不能这样改，均未修改',
      body: {
        code: 'illegal_transition',
        message: '2 个议题不能这样改，均未修改',
        errors: { '12': '已合并，不能受理', '15': '已完成，不能受理' },
      },
    }
    expect(errorText(error)).toBe(
      '2 个议题不能这样改，均未修改：#12 已合并，不能受理；#15 已完成，不能受理',
    )
  })

  it('shows field errors without ids and caps the list', () => {
    const errors = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [String(i + 1), '不行']))
    expect(errorText({ body: { message: 'x', errors } }, 2)).toBe('x：#1 不行；#2 不行 …(+5)')
    expect(errorText({ body: { message: '请检查', errors: { note: '请填写公开答复' } } })).toBe(
      '请检查：请填写公开答复',
    )
  })

  it('falls back to the error message', () => {
    expect(errorText(new Error('Forbidden'))).toBe('Forbidden')
  })
})
