import { describe, expect, it } from 'vitest'
import { TOPIC_STATUSES } from '@domain/vocabulary'
import englishMessages from 'ra-language-english'
import raChinese from './ra-zh'
import zh from './zh'
import en from './en'

type Tree = { [key: string]: string | Tree }

const paths = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : paths(value, `${prefix}${key}.`),
  )

const at = (tree: Tree, path: string) =>
  path
    .split('.')
    .reduce<string | Tree | undefined>((node, key) => (node as Tree | undefined)?.[key], tree)

const CJK = /[\u4e00-\u9fff]/
const placeholders = (text: string) => (text.match(/%\{\w+\}/g) ?? []).sort()

describe('Chinese messages for react-admin', () => {
  it('cover exactly the keys of ra-language-english', () => {
    expect(paths(raChinese as unknown as Tree).sort()).toEqual(
      paths(englishMessages as unknown as Tree).sort(),
    )
  })

  it('are Chinese and use only placeholders react-admin passes', () => {
    for (const path of paths(englishMessages as unknown as Tree)) {
      const english = at(englishMessages as unknown as Tree, path) as string
      const chinese = at(raChinese as unknown as Tree, path) as string
      const onlyPlaceholders =
        english
          .replace(/%\{\w+\}/g, '')
          .replace(/\|/g, '')
          .trim() === ''
      if (!onlyPlaceholders) expect(chinese, path).toMatch(CJK)
      for (const p of placeholders(chinese)) expect(placeholders(english), path).toContain(p)
      if (english.includes('%{smart_count}')) expect(chinese, path).toContain('%{smart_count}')
    }
  })
})

describe('zh and en admin messages', () => {
  it('have the same keys (every resource bundle translated both ways)', () => {
    const zhKeys = paths(zh as unknown as Tree).sort()
    const enKeys = paths(en as unknown as Tree).sort()
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      'only in zh',
    ).toEqual([])
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      'only in en',
    ).toEqual([])
  })

  it('use one plural form in Chinese (polyglot shows only the first of "a |||| b" for zh)', () => {
    const split = paths(zh as unknown as Tree).filter((k) => {
      const forms = String(at(zh as unknown as Tree, k))
        .split('||||')
        .map((f) => f.trim())
      return new Set(forms).size > 1
    })
    expect(split).toEqual([])
  })

  it('label every topic status in both languages', () => {
    for (const status of TOPIC_STATUSES) {
      expect(at(zh as unknown as Tree, `app.topicStatus.${status}`)).toMatch(CJK)
      expect(at(en as unknown as Tree, `app.topicStatus.${status}`)).toMatch(/^[A-Z]/)
    }
  })
})
