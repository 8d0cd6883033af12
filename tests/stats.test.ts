import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld } from './helpers'
import { fillDays, summarySentence } from '../worker/domain/stats'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

const DAY = 86_400_000
// 2026-05-01 10:00 in Shanghai.
const T0 = Date.UTC(2026, 4, 1, 2, 0)

type TopicSeed = {
  n: number
  status: string
  created: number
  category?: number | null
  accepted?: number
  adopted?: number
  done?: number
}

beforeAll(async () => {
  w = await createWorld()
  const [n1, n2] = w.neighborhoodIds
  const cat = async (name: string, sortOrder: number) =>
    (await env.DB.prepare(
      'INSERT INTO categories (name, name_en, sort_order) VALUES (?, ?, ?) RETURNING id',
    )
      .bind(name, name, sortOrder)
      .first<{ id: number }>())!.id
  const a = await cat('停车', 1)
  const b = await cat('绿化', 2)
  // Milestones are days after creation.
  const seeds: TopicSeed[] = [
    { n: n1, status: 'submitted', created: T0, category: a },
    { n: n1, status: 'accepted', created: T0, category: a, accepted: 1 },
    { n: n1, status: 'adopted', created: T0 + DAY, category: b, accepted: 2, adopted: 4 },
    { n: n1, status: 'done', created: T0 + DAY, category: b, accepted: 1, adopted: 3, done: 10 },
    { n: n1, status: 'declined', created: T0 + 3 * DAY },
    {
      n: n2,
      status: 'done',
      created: T0 + 2 * DAY,
      category: a,
      accepted: 3,
      adopted: 5,
      done: 20,
    },
    // A duplicate merged into another topic: shown by status, not counted again as collected.
    { n: n1, status: 'merged', created: T0 + 3 * DAY },
    // Before the period asked for.
    {
      n: n1,
      status: 'done',
      created: T0 - 10 * DAY,
      category: b,
      accepted: 1,
      adopted: 1,
      done: 1,
    },
  ]
  const at = (s: TopicSeed, days?: number) => (days === undefined ? null : s.created + days * DAY)
  for (const [i, s] of seeds.entries())
    await env.DB.prepare(
      `INSERT INTO topics (neighborhood_id, category_id, title, status, tracking_code, created_at, updated_at,
         accepted_at, adopted_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .bind(
        s.n,
        s.category ?? null,
        `议题${i}`,
        s.status,
        `S-${i}`,
        s.created,
        s.created,
        at(s, s.accepted),
        at(s, s.adopted),
        at(s, s.done),
      )
      .run()
  // Projects started at T0 and finished three days later, with their ratings.
  const project = async (n: number, ratings: [string, number][]) => {
    const p = await env.DB.prepare(
      "INSERT INTO projects (neighborhood_id, title, status, created_at, updated_at, done_at) VALUES (?, '项目', 'done', ?, ?, ?) RETURNING id",
    )
      .bind(n, T0, T0, T0 + 3 * DAY)
      .first<{ id: number }>()
    for (const [i, [resolved, rating]] of ratings.entries())
      await env.DB.prepare(
        'INSERT INTO evaluations (project_id, tracking_code, resolved, satisfaction, created_at) VALUES (?, ?, ?, ?, ?)',
      )
        .bind(p!.id, `E-${p!.id}-${i}`, resolved, rating, T0 + 4 * DAY)
        .run()
  }
  await project(n1, [
    ['solved', 5],
    ['solved', 4],
    ['solved', 3],
    ['solved', 2],
  ])
  // A 部分解决 rated 5 is not satisfied: satisfied means solved AND 4–5.
  await project(n2, [
    ['solved', 5],
    ['partly', 5],
  ])
})

const summary = (cookie: string, params: Record<string, number> = {}) =>
  api(
    `/api/stats/summary?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`,
    { cookie },
  )

describe('GET /api/stats/summary', () => {
  it('sums up every neighborhood for an admin over a period', async () => {
    const r = await summary(w.cookies.admin, { from: T0, to: T0 + 5 * DAY })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const [n1, n2] = w.neighborhoodIds
    expect(r.body).toEqual({
      byStatus: {
        submitted: 1,
        accepted: 1,
        adopted: 1,
        in_progress: 0,
        done: 2,
        merged: 1,
        declined: 1,
        referred: 0,
      },
      byCategory: [
        { categoryId: expect.any(Number), name: '停车', n: 3 },
        { categoryId: expect.any(Number), name: '绿化', n: 2 },
        { categoryId: null, name: '无类别', n: 2 },
      ],
      byNeighborhood: [
        { neighborhoodId: n1, name: expect.any(String), n: 6 },
        { neighborhoodId: n2, name: expect.any(String), n: 1 },
      ],
      overTime: [
        { day: '2026-05-01', n: 2 },
        { day: '2026-05-02', n: 2 },
        { day: '2026-05-03', n: 1 },
        { day: '2026-05-04', n: 2 },
        { day: '2026-05-05', n: 0 },
        { day: '2026-05-06', n: 0 },
      ],
      collected: 6,
      merged: 1,
      adopted: 2,
      done: 2,
      adoptedTopics: 3,
      adoptionRate: 50,
      medianDaysToAccept: 1.5,
      medianDaysToAdopt: 4,
      medianDaysToFinish: 15,
      satisfaction: 50,
      evaluations: 6,
      definitions: {
        collected: expect.objectContaining({ zh: expect.stringContaining('重复') }),
        adopted: expect.objectContaining({ zh: expect.stringContaining('项目') }),
        done: expect.any(Object),
        adoptionRate: expect.any(Object),
        satisfaction: expect.objectContaining({ zh: expect.stringContaining('已解决') }),
      },
      sentence:
        '收集议题 6 个（另有 1 个重复议题已合并，不重复计），立项 2 个，完成 2 个，满意度 50%',
    })
  })

  it('limits staff to their neighborhoods, evaluations included', async () => {
    const r = await summary(w.cookies.staff, { from: T0, to: T0 + 5 * DAY })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      collected: 5,
      merged: 1,
      adopted: 1,
      done: 1,
      satisfaction: 50,
      evaluations: 4,
    })
    expect(r.body.byNeighborhood.map((x: { neighborhoodId: number }) => x.neighborhoodId)).toEqual([
      w.neighborhoodIds[0],
    ])
    expect(r.body.sentence).toBe(
      '收集议题 5 个（另有 1 个重复议题已合并，不重复计），立项 1 个，完成 1 个，满意度 50%',
    )
  })

  it('counts everything without a period, and narrows to one neighborhood', async () => {
    const all = await summary(w.cookies.viewer)
    expect(all.body).toMatchObject({ collected: 6, adopted: 1, done: 1, medianDaysToAccept: 1 })
    const n2 = await summary(w.cookies.town, { neighborhoodId: w.neighborhoodIds[1] })
    expect(n2.status, JSON.stringify(n2.body)).toBe(200)
    expect(n2.body).toMatchObject({
      collected: 1,
      adopted: 1,
      done: 1,
      satisfaction: 50,
      medianDaysToFinish: 20,
    })
  })

  it('returns 404 for a neighborhood out of scope and 400 for a bad period', async () => {
    expect((await summary(w.cookies.staff, { neighborhoodId: w.neighborhoodIds[1] })).status).toBe(
      404,
    )
    const bad = await api('/api/stats/summary?from=yesterday', { cookie: w.cookies.admin })
    expect(bad.status).toBe(400)
    expect((await api('/api/stats/summary')).status).toBe(401)
  })

  it('answers zeros, nulls and a dash when nothing happened', async () => {
    const from = Date.UTC(2026, 7, 9, 16) // 2026-08-10 00:00 in Shanghai
    const r = await summary(w.cookies.admin, { from, to: from + 3 * DAY })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      collected: 0,
      adopted: 0,
      done: 0,
      adoptionRate: null,
      satisfaction: null,
      evaluations: 0,
      medianDaysToAccept: null,
      medianDaysToAdopt: null,
      medianDaysToFinish: null,
      byCategory: [],
      byNeighborhood: [],
      sentence: '收集议题 0 个，立项 0 个，完成 0 个，满意度 —',
    })
    expect(r.body.overTime).toEqual([
      { day: '2026-08-10', n: 0 },
      { day: '2026-08-11', n: 0 },
      { day: '2026-08-12', n: 0 },
    ])
  })
})

describe('stats rules', () => {
  it('fills missing days between the first and the last', () => {
    expect(
      fillDays([
        { day: '2026-02-27', n: 1 },
        { day: '2026-03-02', n: 3 },
      ]),
    ).toEqual([
      { day: '2026-02-27', n: 1 },
      { day: '2026-02-28', n: 0 },
      { day: '2026-03-01', n: 0 },
      { day: '2026-03-02', n: 3 },
    ])
    expect(fillDays([])).toEqual([])
  })

  it('writes the report sentence with one-decimal satisfaction', () => {
    expect(
      summarySentence({ collected: 894, merged: 0, adopted: 211, done: 180, satisfaction: 96.5 }),
    ).toBe('收集议题 894 个，立项 211 个，完成 180 个，满意度 96.5%')
    expect(
      summarySentence({ collected: 894, merged: 12, adopted: 211, done: 180, satisfaction: null }),
    ).toBe(
      '收集议题 894 个（另有 12 个重复议题已合并，不重复计），立项 211 个，完成 180 个，满意度 —',
    )
  })
})
