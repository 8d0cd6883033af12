import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createActivity, createTown, createWorld, registerJson, testPhone } from './helpers'
import {
  getPage,
  inputValue,
  postPage,
  residentCategory,
  residentChannel,
  residentProject,
  residentTopic,
} from './pages-fixtures'
import { dictionary, t } from '../worker/pages/i18n'
import { isContactPhone, normalizePhone } from '../worker/domain/masking'
import { sentence } from '../worker/domain/messages'
import { FORM_MESSAGES } from '../worker/domain/forms/messages'
import { REGISTRATION_MESSAGES } from '../worker/domain/capacity'

// Words that are kind and exact (issue 13, point 10): what residents read says what is so, in
// sentences, and the English pages are English all through.

/** Chinese characters and full-width punctuation (、。，：；！？（）「」 and the like). */
const NOT_ENGLISH = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u

/** Every string of a dictionary, calling word functions with sample arguments. */
const strings = (dict: Record<string, unknown>) =>
  Object.entries(dict).map(([key, value]) => [
    key,
    typeof value === 'function' ? String(value('12', 3)) : String(value),
  ])

describe('the English words', () => {
  it('have no Chinese characters or full-width punctuation in any English dictionary', () => {
    const dictionaries = {
      pages: dictionary('en'),
      forms: FORM_MESSAGES.en,
      registration: REGISTRATION_MESSAGES.en,
    }
    const bad = Object.entries(dictionaries).flatMap(([name, dict]) =>
      strings(dict as Record<string, unknown>)
        // The language switch names the other language in that language.
        .filter(([key, text]) => key !== 'common.lang_switch' && NOT_ENGLISH.test(text))
        .map(([key, text]) => `${name}.${key}: ${text}`),
    )
    expect(bad).toEqual([])
  })

  it('render English pages without Chinese punctuation around what staff typed', async () => {
    const { neighborhoodIds } = await createTown(1)
    const n = neighborhoodIds[0]
    await env.DB.prepare("UPDATE neighborhoods SET name = 'Elm Court' WHERE id = ?").bind(n).run()
    const slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
      .bind(n)
      .first<{ slug: string }>())!.slug
    const topic = await residentTopic(n, {
      title: 'Broken lamp',
      status: 'adopted',
      publicReply: 'We will fix it',
    })
    await residentProject(n, {
      title: 'New lamps',
      owningBody: 'Party branch',
      deadlineAt: Date.UTC(2030, 0, 1),
      checklist: [['Buy lamps', true]],
      topicIds: [topic.id],
    })
    for (const path of [`/b/${slug}?lang=en`, `/t/${topic.code}?lang=en`]) {
      const page = await getPage(path)
      expect(page.status, path).toBe(200)
      const text = page.text.replace(/<style[\s\S]*?<\/style>/, '').replaceAll('中文', '')
      expect(text.match(new RegExp(NOT_ENGLISH.source, 'gu')) ?? [], path).toEqual([])
    }
  })
})

describe('error messages', () => {
  it('are sentences: a question label is not followed by a full stop, others get one', () => {
    expect(t('zh', 'err.choose', { label: t('zh', 'eval.resolved') })).toBe(
      '请选择：问题解决了吗？',
    )
    expect(t('zh', 'err.required', { label: t('zh', 'needs.field_title') })).toBe(
      '请填写：一句话说明。',
    )
    expect(t('en', 'err.choose', { label: t('en', 'eval.resolved') })).toBe(
      'Please choose: Was the problem solved?',
    )
    expect(sentence('en', 'Please fill in: Name')).toBe('Please fill in: Name.')
  })

  it('read as sentences on the evaluation page', async () => {
    const { neighborhoodIds } = await createTown(1)
    const topic = await residentTopic(neighborhoodIds[0], { status: 'done' })
    await residentProject(neighborhoodIds[0], { status: 'done', topicIds: [topic.id] })
    const r = await postPage(`/t/${topic.code}/evaluate`, { key: 'words-eval-missing-1' })
    expect(r.status).toBe(400)
    expect(r.text).toContain('请选择：问题解决了吗？')
    expect(r.text).toContain('请选择：满意程度。')
  })
})

describe('the evaluation thank-you', () => {
  it('thanks and says the rating was received, not that it was already given', async () => {
    const { neighborhoodIds } = await createTown(1)
    const topic = await residentTopic(neighborhoodIds[0], { status: 'done' })
    await residentProject(neighborhoodIds[0], { status: 'done', topicIds: [topic.id] })
    const r = await postPage(`/t/${topic.code}/evaluate`, {
      key: 'words-eval-thanks-1',
      resolved: 'solved',
      satisfaction: '5',
      comment: '',
    })
    expect(r.status).toBe(200)
    expect(r.text).toContain('谢谢您的评议！')
    expect(r.text).toContain('您的评议已经收到')
    expect(r.text).not.toContain('已评议过')
  })
})

describe('activity sessions', () => {
  let world: Awaited<ReturnType<typeof createWorld>>
  beforeAll(async () => {
    world = await createWorld()
  })

  it('say 已结束 for a session that is over, 已开始 only while it runs', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        sessions: [
          {
            label: '早班',
            startsAt: Date.now() + 3600_000,
            endsAt: Date.now() + 7200_000,
            capacity: 5,
          },
          {
            label: '晚班',
            startsAt: Date.now() + 3600_000,
            endsAt: Date.now() + 7200_000,
            capacity: 5,
          },
        ],
      },
    )
    const [ended, running] = sessions.sort((a, b) => a.id - b.id)
    const now = Date.now()
    const move = (id: number, from: number, to: number) =>
      env.DB.prepare('UPDATE activity_sessions SET starts_at = ?, ends_at = ? WHERE id = ?')
        .bind(from, to, id)
        .run()
    await move(ended.id, now - 5 * 3600_000, now - 3 * 3600_000)
    await move(running.id, now - 3600_000, now + 3600_000)
    const page = await getPage(`/a/${activity.slug}`)
    const card = (label: string) =>
      page.text.split('<li class="box">').find((li) => li.includes(label))!
    expect(card('早班')).toContain('已结束')
    expect(card('早班')).not.toContain('已开始')
    expect(card('晚班')).toContain('已开始')
  })

  it('count the people waiting, not the registrations', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        sessions: [
          {
            label: '亲子班',
            startsAt: Date.now() + 86_400_000,
            endsAt: Date.now() + 90_000_000,
            capacity: 1,
            maxParty: 3,
          },
        ],
      },
    )
    const sid = sessions[0].id
    for (const [i, partySize] of [1, 3, 2].entries()) {
      const r = await registerJson(activity.slug, sid, {
        name: `家长${i}`,
        phone: testPhone(7100 + i),
        partySize,
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
    }
    const page = await getPage(`/a/${activity.slug}`)
    expect(page.text).toContain('已有 5 人候补')
  })
})

describe('landlines where a phone is optional', () => {
  it('are contact phones; short or foreign numbers are not', () => {
    for (const ok of ['021-56781234', '0571-8888888', '010 6512 3456', '13812345678'])
      expect(isContactPhone(normalizePhone(ok)), ok).toBe(true)
    for (const bad of ['56781234', '021-123', '1381234567', '+1 415 555 0100', '12345678901'])
      expect(isContactPhone(normalizePhone(bad)), bad).toBe(false)
  })

  it('are taken on the needs form and stored as typed digits', async () => {
    const { neighborhoodIds } = await createTown(1)
    const categoryId = await residentCategory()
    const { code } = await residentChannel(neighborhoodIds[0])
    const form = await getPage(`/q/${code}`)
    const r = await postPage(`/q/${code}`, {
      key: inputValue(form.text, 'key')!,
      title: '楼道灯不亮请来修',
      categoryId: String(categoryId),
      phone: '021-56781234',
      consent: '1',
    })
    expect([200, 303]).toContain(r.status)
    const row = await env.DB.prepare(
      "SELECT submitter_phone AS phone FROM topics WHERE title = '楼道灯不亮请来修'",
    ).first<{ phone: string }>()
    expect(row?.phone).toBe('02156781234')
  })
})
