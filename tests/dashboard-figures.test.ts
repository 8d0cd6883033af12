import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { isSatisfied, SATISFACTION_DEFINITION, satisfactionRate } from '../worker/domain/evaluation'
import { api, createWorld, fileTopic, ORIGIN } from './helpers'

// The dashboard's sentence means what it says: 立项 counts projects, 收集议题 leaves merged
// duplicates out (and says so), and 满意度 is one figure, defined once, shown the same way on
// the dashboard and on the residents' board.

describe('满意度: one definition', () => {
  it('is satisfied only when the problem is solved AND the score is 4 or 5', () => {
    expect(isSatisfied({ resolved: 'solved', satisfaction: 4 })).toBe(true)
    expect(isSatisfied({ resolved: 'solved', satisfaction: 3 })).toBe(false)
    expect(isSatisfied({ resolved: 'partly', satisfaction: 5 })).toBe(false)
    expect(isSatisfied({ resolved: 'not', satisfaction: 5 })).toBe(false)
    expect(satisfactionRate(1, 3)).toBe(33.3)
    expect(satisfactionRate(0, 0)).toBeNull()
  })
})

describe('dashboard and board', () => {
  let w: Awaited<ReturnType<typeof createWorld>>
  let slug: string
  let projectId: number

  beforeAll(async () => {
    w = await createWorld()
    const n1 = w.neighborhoodIds[0]
    slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
      .bind(n1)
      .first<{ slug: string }>())!.slug
    const [a, b, dup, other] = [
      await fileTopic(n1, { title: '东门路灯不亮' }),
      await fileTopic(n1, { title: '西门路灯不亮' }),
      await fileTopic(n1, { title: '东门路灯坏了' }),
      await fileTopic(n1, { title: '楼道堆物' }),
    ]
    const merged = await api(`/api/topics/${dup.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'merged', targetId: a.id },
    })
    expect(merged.status, JSON.stringify(merged.body)).toBe(200)
    // Two topics adopted into ONE project: one 立项.
    const p = await api('/api/projects', {
      cookie: w.cookies.staff,
      body: { title: '更换东西门路灯', neighborhoodId: n1, topicIds: [a.id, b.id] },
    })
    expect(p.status, JSON.stringify(p.body)).toBe(201)
    projectId = p.body.id
    const done = await api(`/api/projects/${projectId}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { status: 'done' },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    for (const [resolved, satisfaction] of [
      ['solved', 5],
      ['partly', 5],
      ['solved', 3],
    ] as const) {
      const r = await api('/api/evaluations', {
        cookie: w.cookies.staff,
        body: { projectId, source: 'paper', resolved, satisfaction },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
    }
    expect(other.status).toBe('submitted')
  })

  it('counts projects as 立项, leaves merged duplicates out of 收集议题 and says so', async () => {
    const r = await api(`/api/stats/summary?neighborhoodId=${w.neighborhoodIds[0]}`, {
      cookie: w.cookies.staff,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      collected: 3,
      merged: 1,
      adopted: 1,
      done: 1,
      adoptedTopics: 2,
      evaluations: 3,
      satisfaction: 33.3,
    })
    expect(r.body.sentence).toBe(
      '收集议题 3 个（另有 1 个重复议题已合并，不重复计），立项 1 个，完成 1 个，满意度 33.3%',
    )
    expect(r.body.definitions.satisfaction).toEqual(SATISFACTION_DEFINITION)
  })

  it('shows the same 满意度, defined in the same words, on the residents’ board', async () => {
    const res = await SELF.fetch(`${ORIGIN}/b/${slug}`)
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('满意度 33.3%（3 人评议）')
    expect(html).toContain(SATISFACTION_DEFINITION.zh)
    expect(html).not.toContain('/5（')
    const en = await (await SELF.fetch(`${ORIGIN}/b/${slug}?lang=en`)).text()
    expect(en).toContain('Satisfaction 33.3% (3 rating(s))')
    expect(en).toContain(SATISFACTION_DEFINITION.en)
  })
})
