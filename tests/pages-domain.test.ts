import { describe, expect, it } from 'vitest'
import {
  findSimilar,
  jaccard,
  storedTokens,
  textSimilarity,
  tokens,
} from '../worker/domain/similar-topics'
import { canEvaluate, checkEvaluation, summarize } from '../worker/domain/evaluation'
import { langFromHeader, t } from '../worker/pages/i18n'

describe('similar topics', () => {
  it('compares Chinese text by character bigrams', () => {
    expect([...tokens('路灯不亮')]).toEqual(['路灯', '灯不', '不亮'])
    expect(jaccard(tokens('路灯不亮'), tokens('路灯不亮了'))).toBe(0.75)
    expect(jaccard(tokens(''), tokens('路灯'))).toBe(0)
  })

  it('tokenizes mixed text: numbers joined to the next CJK character, Latin words lower-cased', () => {
    expect(tokens('3 号楼 Lift2，电梯!')).toEqual(
      new Set(['3', '3号', '号楼', 'lift2', 'lift2电', '电梯']),
    )
    expect(tokens('豈')).toEqual(new Set(['豈']))
    expect(tokens('😀 ？！')).toEqual(new Set())
  })

  it('scores a topic again after its text changes', () => {
    const draft = { categoryId: 1, title: '东门路灯坏了' }
    const topic = { id: 1, categoryId: 1, title: '东门路灯坏了' }
    expect(findSimilar(draft, [topic])[0].score).toBe(1)
    expect(findSimilar(draft, [topic])[0].score).toBe(1)
    expect(findSimilar(draft, [{ ...topic, title: '垃圾房太臭' }])).toEqual([])
  })

  it("stores the title's tokens and the rest of the text's apart, CJK as integers", () => {
    const [title, rest] = JSON.parse(storedTokens({ title: '路灯 3', description: '号楼路灯不亮' }))
    expect(title).toHaveLength(2) // 路灯, 3
    expect(title).toContain('3')
    expect(rest).toContain('3号') // a number joins the CJK character after it, across title and description
    expect(rest).toHaveLength(5) // 3号, 号楼, 楼路, 灯不, 不亮 (路灯 is already in the title)
    expect(rest.filter((t: unknown) => typeof t === 'number')).toHaveLength(4)
    expect(storedTokens({ title: '！！' })).toBe('[[],[]]')
  })

  it('keeps building numbers apart', () => {
    const a = textSimilarity(
      { categoryId: 1, title: '3号楼路灯不亮' },
      { categoryId: 1, title: '3号楼门口路灯坏了不亮' },
    )
    const b = textSimilarity(
      { categoryId: 1, title: '3号楼路灯不亮' },
      { categoryId: 1, title: '12号楼电梯坏了' },
    )
    expect(a).toBeGreaterThanOrEqual(0.25)
    expect(b).toBeLessThan(0.25)
  })

  it('finds look-alikes of the same category, best first, at most three', () => {
    const candidates = [
      { id: 1, categoryId: 2, title: '东门路灯坏了' },
      { id: 2, categoryId: 2, title: '东门路灯坏了好几天，晚上很黑' },
      { id: 3, categoryId: 5, title: '东门路灯坏了' },
      { id: 4, categoryId: 2, title: '垃圾房太臭' },
      { id: 5, categoryId: 2, title: '东门的路灯坏了' },
      { id: 6, categoryId: 2, title: '东门路灯坏了吗' },
    ]
    const found = findSimilar({ categoryId: 2, title: '东门路灯坏了' }, candidates)
    expect(found.map((f) => f.id)).toEqual([1, 6, 5])
    expect(found[0].score).toBe(1)
  })
})

describe('evaluation rules', () => {
  it('allows a rating only for a done project, with a voice, once', () => {
    const voice = 'code' as const
    expect(canEvaluate({ projectStatus: 'done', voice, alreadyEvaluated: false })).toEqual({
      ok: true,
    })
    expect(canEvaluate({ projectStatus: 'in_progress', voice, alreadyEvaluated: false })).toEqual({
      ok: false,
      reason: 'not_done',
    })
    expect(canEvaluate({ projectStatus: null, voice, alreadyEvaluated: false })).toEqual({
      ok: false,
      reason: 'no_project',
    })
    expect(canEvaluate({ projectStatus: 'done', voice, alreadyEvaluated: true })).toEqual({
      ok: false,
      reason: 'already',
    })
    expect(canEvaluate({ projectStatus: 'done', voice: null, alreadyEvaluated: false })).toEqual({
      ok: false,
      reason: 'no_voice',
    })
  })

  it('checks the choices and the comment length', () => {
    expect(checkEvaluation({ resolved: 'partly', satisfaction: '3', comment: ' 还行 ' })).toEqual({
      ok: true,
      value: { resolved: 'partly', satisfaction: 3, comment: '还行' },
    })
    expect(checkEvaluation({ resolved: 'maybe', satisfaction: '6' })).toEqual({
      ok: false,
      errors: { resolved: 'choose', satisfaction: 'choose' },
    })
    expect(
      checkEvaluation({ resolved: 'not', satisfaction: '1', comment: '字'.repeat(501) }),
    ).toEqual({ ok: false, errors: { comment: 'too_long' } })
  })

  it('sums ratings up for the board', () => {
    expect(summarize({ count: 4, satisfactionSum: 17, solved: 3, satisfied: 2 })).toEqual({
      count: 4,
      satisfactionAvg: 4.3,
      resolvedShare: 75,
      satisfactionRate: 50,
    })
    expect(summarize({ count: 0, satisfactionSum: 0, solved: 0, satisfied: 0 })).toEqual({
      count: 0,
      satisfactionAvg: null,
      resolvedShare: null,
      satisfactionRate: null,
    })
  })
})

describe('i18n', () => {
  it('fills parameters and falls back to Chinese', () => {
    expect(t('zh', 'err.too_long', { label: '标题', max: 60, n: 72 })).toBe(
      '标题最多 60 个字，现在有 72 个字。',
    )
    expect(t('en', 'board.supporters', { n: 3 })).toBe('3 supporter(s)')
  })

  it('picks the language from Accept-Language by preference', () => {
    expect(langFromHeader(undefined)).toBe('zh')
    expect(langFromHeader('en-US,en;q=0.9')).toBe('en')
    expect(langFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh')
    expect(langFromHeader('en;q=0.5,zh-TW;q=0.8')).toBe('zh')
    expect(langFromHeader('fr-FR,en;q=0.7')).toBe('en')
    expect(langFromHeader('fr-FR,de;q=0.7')).toBe('zh')
  })
})
