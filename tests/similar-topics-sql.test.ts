import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../worker/index'
import { createDb } from '../worker/db/client'
import { similarTopicsQuery } from '../worker/db/queries/topics/similar'
import { findSimilar, storedTokens } from '../worker/domain/similar-topics'
import { upkeep } from '../worker/scheduled'
import { api, createWorld, fileTopic } from './helpers'
import { residentCategory, residentTopic } from './pages-fixtures'

// The needs form runs the look-alike rule in SQL (db/queries/topics/similar.ts) over tokens
// kept by triggers; these tests hold it to the rule in domain/similar-topics.ts.

const similarInDb = (
  neighborhoodId: number,
  categoryId: number,
  text: { title: string; description?: string },
  limit = 3,
) =>
  createDb(env.DB).all<{
    id: number
    score: number
    title: string
    supportCount: number
    status: string
  }>(similarTopicsQuery({ neighborhoodId, categoryId, tokens: storedTokens(text) }, limit))

const tokenRows = (topicId: number) =>
  env.DB.prepare(
    'SELECT neighborhood_id AS n, category_id AS c, count(*) AS rows FROM topic_tokens WHERE topic_id = ? GROUP BY 1, 2',
  )
    .bind(topicId)
    .all<{ n: number; c: number; rows: number }>()
    .then((r) => r.results)

// Fragments that overlap the way residents' texts do, with numbers, Latin words and punctuation.
const FRAGMENTS = [
  '东门',
  '路灯',
  '坏了',
  '不亮',
  '3号楼',
  '12号楼',
  '电梯',
  '垃圾房',
  '太臭',
  '晚上很黑',
  '楼道',
  '堆物',
  'Lift',
  'wifi',
  '停车',
  '充电',
  '，',
  ' ',
  '！',
  '老人',
  '不方便',
  '漏水',
  '噪音',
  '豈',
]

const rng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}

const phrase = (next: () => number, min: number, max: number) => {
  const n = min + Math.floor(next() * (max - min + 1))
  return Array.from({ length: n }, () => FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]).join('')
}

describe('similar topics in SQL', () => {
  it('finds exactly what the domain rule finds, scores and order included', async () => {
    const {
      neighborhoodIds: [n1, n2],
    } = await createWorld()
    const [c1, c2] = [await residentCategory(), await residentCategory()]
    const next = rng(42)
    const statuses = [
      'submitted',
      'accepted',
      'adopted',
      'in_progress',
      'done',
      'merged',
      'declined',
      'referred',
    ]
    const t0 = Date.UTC(2026, 10, 1)
    const open: {
      id: number
      categoryId: number
      title: string
      description: string
      createdAt: number
    }[] = []
    for (let i = 0; i < 160; i++) {
      const fields = {
        title: phrase(next, 1, 4),
        description: next() < 0.4 ? '' : phrase(next, 1, 5),
        categoryId: next() < 0.7 ? c1 : c2,
        status: statuses[Math.floor(next() * statuses.length)],
        createdAt: t0 + i * 1000,
      }
      const neighborhoodId = next() < 0.85 ? n1 : n2
      const { id } = await fileTopic(neighborhoodId, fields)
      if (
        neighborhoodId === n1 &&
        ['submitted', 'accepted', 'adopted', 'in_progress'].includes(fields.status)
      )
        open.push({ id, ...fields })
    }
    const newestFirst = [...open].sort((a, b) => b.createdAt - a.createdAt)
    let compared = 0
    let found = 0
    for (let i = 0; i < 80; i++) {
      const draft = {
        categoryId: next() < 0.7 ? c1 : c2,
        title: phrase(next, 1, 4),
        description: next() < 0.5 ? '' : phrase(next, 1, 5),
      }
      const expected = findSimilar(draft, newestFirst, { limit: 1000 }).map((t) => ({
        id: t.id,
        score: t.score,
      }))
      const actual = (await similarInDb(n1, draft.categoryId, draft, 1000)).map((t) => ({
        id: t.id,
        score: t.score,
      }))
      expect(actual, JSON.stringify(draft)).toEqual(expected)
      compared++
      found += expected.length
    }
    expect(compared).toBe(80)
    // The comparison is only worth something if the drafts did find look-alikes.
    expect(found).toBeGreaterThan(80)
  })

  it('uses the token index, not a scan', async () => {
    const query = createDb(env.DB)
      .all(
        similarTopicsQuery({
          neighborhoodId: 1,
          categoryId: 1,
          tokens: storedTokens({ title: '路灯' }),
        }),
      )
      .getQuery()
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>()
    const details = plan.results.map((r) => r.detail).join('\n')
    expect(details).toMatch(
      /SEARCH tt USING PRIMARY KEY \(neighborhood_id=\? AND category_id=\? AND token=\?\)/,
    )
    expect(details).not.toMatch(/SCAN tt/)
    expect(details).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/)
  })
})

describe('token upkeep', () => {
  let w: Awaited<ReturnType<typeof createWorld>>
  let cat: number
  let other: number
  beforeAll(async () => {
    w = await createWorld()
    cat = await residentCategory()
    other = await residentCategory()
  })

  it('follows a staff edit of the title and a move to another category', async () => {
    const [n1] = w.neighborhoodIds
    const { id } = await fileTopic(n1, { title: '垃圾房太臭了', categoryId: cat })
    expect((await similarInDb(n1, cat, { title: '垃圾房太臭' })).map((t) => t.id)).toEqual([id])

    const edit = await api(`/api/topics/${id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { title: '东门路灯不亮' },
    })
    expect(edit.status, edit.text).toBe(200)
    expect(edit.body).not.toHaveProperty('tokens')
    expect(await similarInDb(n1, cat, { title: '垃圾房太臭' })).toEqual([])
    expect((await similarInDb(n1, cat, { title: '东门路灯不亮了' })).map((t) => t.id)).toEqual([id])

    const move = await api(`/api/topics/${id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { categoryId: other },
    })
    expect(move.status, move.text).toBe(200)
    expect(await similarInDb(n1, cat, { title: '东门路灯不亮了' })).toEqual([])
    expect((await similarInDb(n1, other, { title: '东门路灯不亮了' })).map((t) => t.id)).toEqual([
      id,
    ])
    expect(await tokenRows(id)).toEqual([{ n: n1, c: other, rows: 5 }])
  })

  it("lists a topic's possible duplicates for staff: open, same neighborhood and category, not itself", async () => {
    const [n1, n2] = w.neighborhoodIds
    const { id } = await fileTopic(n1, { title: '二号楼电梯经常停运', categoryId: cat })
    const alike = await fileTopic(n1, { title: '二号楼电梯又停运了', categoryId: cat })
    await fileTopic(n1, { title: '二号楼电梯经常停运', categoryId: other })
    await fileTopic(n1, { title: '二号楼电梯经常停运', categoryId: cat, status: 'done' })
    const elsewhere = await fileTopic(n2, { title: '二号楼电梯经常停运', categoryId: cat })
    const r = await api(`/api/topics/${id}/similar`, { cookie: w.cookies.viewer })
    expect(r.status, r.text).toBe(200)
    expect(r.body.map((t: { id: number }) => t.id)).toEqual([alike.id])
    expect(r.body[0]).toMatchObject({
      title: '二号楼电梯又停运了',
      status: 'submitted',
      supportCount: 0,
    })
    expect(r.body[0].score).toBeGreaterThanOrEqual(0.25)
    expect(
      (await api(`/api/topics/${elsewhere.id}/similar`, { cookie: w.cookies.staff })).status,
    ).toBe(404)
    const noCategory = await fileTopic(n1, { title: '二号楼电梯经常停运' })
    expect(
      (await api(`/api/topics/${noCategory.id}/similar`, { cookie: w.cookies.staff })).body,
    ).toEqual([])
  })

  it("drops a deleted topic's tokens", async () => {
    const [n1] = w.neighborhoodIds
    const { id } = await fileTopic(n1, { title: '楼道堆物很多', categoryId: cat })
    expect((await tokenRows(id))[0].rows).toBeGreaterThan(0)
    const r = await api(`/api/topics/${id}`, { method: 'DELETE', cookie: w.cookies.admin })
    expect(r.status, r.text).toBe(200)
    expect(await tokenRows(id)).toEqual([])
  })

  it('tokenizes topics filed before the index existed, from the cron job', async () => {
    const [n1] = w.neighborhoodIds
    const legacy = await residentTopic(n1, {
      title: '地下车库漏水严重',
      categoryId: cat,
      untokenized: true,
    })
    const alsoLegacy = await residentTopic(n1, {
      title: '健身器材坏了',
      categoryId: cat,
      untokenized: true,
    })
    expect(await similarInDb(n1, cat, { title: '地下车库漏水' })).toEqual([])

    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '*/10 * * * *' }), env, ctx)
    await waitOnExecutionContext(ctx)

    expect((await similarInDb(n1, cat, { title: '地下车库漏水' })).map((t) => t.id)).toEqual([
      legacy.id,
    ])
    expect((await similarInDb(n1, cat, { title: '健身器材坏了' })).map((t) => t.id)).toEqual([
      alsoLegacy.id,
    ])
    const left = await env.DB.prepare(
      'SELECT count(*) AS n FROM topics t WHERE NOT EXISTS (SELECT 1 FROM topic_token_sets s WHERE s.topic_id = t.id)',
    ).first<{ n: number }>()
    expect(left!.n).toBe(0)
    expect(await upkeep(env)).toBe(0)
  })
})
