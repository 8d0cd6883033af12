import { describe, expect, it } from 'vitest'
import { allowedTransitions } from '@domain/topic-workflow'
import {
  ACTIVITY_KIND_LABEL,
  ACTIVITY_KINDS,
  ACTIVITY_STATUS_LABEL,
  ACTIVITY_STATUSES,
  CHANNEL_KIND_LABEL,
  CHANNEL_KINDS,
  FORM_STATUS_LABEL,
  FORM_STATUSES,
  type Label,
  PROJECT_STATUS_LABEL,
  PROJECT_STATUS_LOOK,
  PROJECT_STATUSES,
  REGISTRATION_STATUS_LABEL,
  REGISTRATION_STATUSES,
  ROLE_LABEL,
  ROLES,
  TOPIC_STATUS_LABEL,
  TOPIC_STATUS_LOOK,
  TOPIC_STATUSES,
} from '@domain/vocabulary'
import { statusChoices, statusColor } from '../lib/status'
import { BULK_MOVES, MOVES } from '../resources/topics/transitions'
import app from './app'
import en from './en'
import { mergeMessages } from './merge'
import { resourceMessages } from './resources'
import zh from './zh'

type Tree = { [key: string]: string | Tree }

const at = (tree: object, path: string) =>
  path
    .split('.')
    .reduce<string | Tree | undefined>(
      (node, key) => (node as Tree | undefined)?.[key],
      tree as Tree,
    )

const strings = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : strings(v)))

// Each enum of worker/domain/vocabulary.ts, its names there, and the i18n section the admin
// translates it from (the keys screens use: `translate('app.topicStatus.' + status)` ...).
const SECTIONS: [section: string, values: readonly string[], labels: Record<string, Label>][] = [
  ['app.role', ROLES, ROLE_LABEL],
  ['app.topicStatus', TOPIC_STATUSES, TOPIC_STATUS_LABEL],
  ['app.projectStatus', PROJECT_STATUSES, PROJECT_STATUS_LABEL],
  ['app.channelKind', CHANNEL_KINDS, CHANNEL_KIND_LABEL],
  ['registrations.status', REGISTRATION_STATUSES, REGISTRATION_STATUS_LABEL],
  ['activities.kind', ACTIVITY_KINDS, ACTIVITY_KIND_LABEL],
  ['activities.status', ACTIVITY_STATUSES, ACTIVITY_STATUS_LABEL],
  ['forms.status', FORM_STATUSES, FORM_STATUS_LABEL],
]

const sorted = (values: readonly string[]) => [...values].sort()

describe('the admin speaks the vocabulary of worker/domain', () => {
  for (const [section, values, labels] of SECTIONS)
    it(`${section}: the server's word for every value, in zh and en, and nothing else`, () => {
      expect(sorted(Object.keys(labels)), 'vocabulary labels').toEqual(sorted(values))
      for (const [lang, messages] of [
        ['zh', zh],
        ['en', en],
      ] as const) {
        const shown = at(messages, section) as Tree
        expect(sorted(Object.keys(shown)), `${lang} ${section}`).toEqual(sorted(values))
        for (const value of values) {
          expect(shown[value], `${lang} ${section}.${value}`).toBe(labels[value][lang])
          expect(shown[value], `${lang} ${section}.${value}`).not.toBe('')
        }
      }
    })

  it('colours every topic and project status with the server colour', () => {
    expect(sorted(Object.keys(TOPIC_STATUS_LOOK))).toEqual(sorted(TOPIC_STATUSES))
    expect(sorted(Object.keys(PROJECT_STATUS_LOOK))).toEqual(sorted(PROJECT_STATUSES))
    for (const s of TOPIC_STATUSES) expect(statusColor('topic', s)).toBe(TOPIC_STATUS_LOOK[s])
    for (const s of PROJECT_STATUSES) expect(statusColor('project', s)).toBe(PROJECT_STATUS_LOOK[s])
  })

  it('offers every status as a choice, in the server order', () => {
    expect(statusChoices('topic').map((c) => c.id)).toEqual([...TOPIC_STATUSES])
    expect(statusChoices('project').map((c) => c.id)).toEqual([...PROJECT_STATUSES])
  })

  it("has a button for each move of the server's machine, and none it never makes", () => {
    const targets = new Set(TOPIC_STATUSES.flatMap((s) => allowedTransitions(s)))
    expect(sorted(MOVES)).toEqual(sorted([...targets]))
    for (const move of BULK_MOVES) expect(MOVES).toContain(move)
  })
})

// The decisions of docs/glossary.md, checked where they can drift.
describe('the glossary', () => {
  it('holds in the vocabulary', () => {
    expect(TOPIC_STATUS_LABEL.in_progress.zh).toBe('实施中')
    expect(PROJECT_STATUS_LABEL.in_progress.zh).toBe('实施中')
    expect(TOPIC_STATUS_LABEL.done.zh).toBe('已完成')
    expect(PROJECT_STATUS_LABEL.done.zh).toBe('已完成')
    expect(TOPIC_STATUS_LABEL.declined.zh).toBe('不予采纳')
    expect(REGISTRATION_STATUS_LABEL.waitlisted.zh).toBe('候补')
  })

  it("keeps the words it rules out off the admin's own screens", () => {
    const ours = strings(mergeMessages(app.zh, resourceMessages('zh')))
    const ruledOut = [
      '跟踪码',
      '追踪码',
      '支持', // a resident's "me too" is 附议
      '分类', // 类别
      '进行中', // 实施中
      '正在办理',
      '办结', // 已完成; not final = 未结束
      '暂不受理', // 不予采纳
      '诉求', // 议题
      '小区', // 居民区
      '社区',
      '评价', // 评议
      '表单', // 问卷
    ]
    for (const word of ruledOut)
      expect(
        ours.filter((text) => text.includes(word)),
        word,
      ).toEqual([])
  })
})
