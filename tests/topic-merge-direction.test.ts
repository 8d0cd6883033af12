import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { mergeDirection, type MergeCandidate } from '../worker/domain/topic-workflow'
import { api, createWorld } from './helpers'

// Merging from the possible-duplicates panel: the topic that survives is the one staff mean —
// the more-supported, then the older — whichever of the two pages the merge starts from.

const t = (over: Partial<MergeCandidate>): MergeCandidate => ({
  id: 1,
  status: 'submitted',
  supportCount: 0,
  createdAt: 1000,
  ...over,
})

describe('mergeDirection', () => {
  it('keeps the more-supported topic, then the older, then the lower number', () => {
    const older = t({ id: 5, createdAt: 1000, supportCount: 3 })
    const newer = t({ id: 9, createdAt: 2000, supportCount: 0 })
    expect(mergeDirection(newer, older)).toEqual({ target: older, source: newer })
    expect(mergeDirection(older, newer)).toEqual({ target: older, source: newer })
    const popularNew = t({ id: 9, createdAt: 2000, supportCount: 8 })
    expect(mergeDirection(older, popularNew)?.target).toBe(popularNew)
    const sameButOlder = t({ id: 7, createdAt: 500, supportCount: 3 })
    expect(mergeDirection(older, sameButOlder)?.target).toBe(sameButOlder)
    const twin = t({ id: 4, createdAt: 1000, supportCount: 3 })
    expect(mergeDirection(older, twin)?.target).toBe(twin)
  })

  it('follows the state machine: an adopted topic survives, two unmergeable ones give null', () => {
    const adopted = t({ id: 9, status: 'adopted', createdAt: 3000 })
    const older = t({ id: 2, createdAt: 1000, supportCount: 5 })
    expect(mergeDirection(older, adopted)).toEqual({ target: adopted, source: older })
    expect(mergeDirection(adopted, t({ id: 3, status: 'in_progress' }))).toBeNull()
    // A done topic can neither be merged away nor receive a merge.
    expect(mergeDirection(t({ id: 3, status: 'done' }), older)).toBeNull()
  })
})

describe('GET /api/topics/:id/similar', () => {
  let w: Awaited<ReturnType<typeof createWorld>>
  let older: number
  let newer: number

  beforeAll(async () => {
    w = await createWorld()
    const cat = await env.DB.prepare(
      'INSERT INTO categories (name, name_en, sort_order, active) VALUES (?, ?, 0, 1) RETURNING id',
    )
      .bind('环境卫生', 'Sanitation')
      .first<{ id: number }>()
    const file = async (title: string) => {
      const r = await api('/api/topics', {
        cookie: w.cookies.staff,
        body: { neighborhoodId: w.neighborhoodIds[0], title, categoryId: cat!.id },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body.id as number
    }
    older = await file('5号楼垃圾房太臭了')
    newer = await file('5号楼垃圾房太臭')
    // The older one is a week old and three neighbours support it.
    await env.DB.prepare('UPDATE topics SET created_at = ?, support_count = 3 WHERE id = ?')
      .bind(Date.now() - 7 * 86_400_000, older)
      .run()
  })

  it('proposes the older, supported topic as the survivor from either side', async () => {
    const fromNew = await api(`/api/topics/${newer}/similar`, { cookie: w.cookies.staff })
    expect(fromNew.status, JSON.stringify(fromNew.body)).toBe(200)
    expect(fromNew.body.map((x: any) => [x.id, x.mergeTargetId])).toEqual([[older, older]])
    const fromOld = await api(`/api/topics/${older}/similar`, { cookie: w.cookies.staff })
    expect(fromOld.body.map((x: any) => [x.id, x.mergeTargetId])).toEqual([[newer, older]])
  })

  it("merging the way it proposes keeps the older topic open with both topics' supporters", async () => {
    const r = await api(`/api/topics/${newer}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'merged', targetId: older },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const kept = await api(`/api/topics/${older}`, { cookie: w.cookies.staff })
    expect(kept.body.status).toBe('submitted')
    const gone = await api(`/api/topics/${newer}`, { cookie: w.cookies.staff })
    expect([gone.body.status, gone.body.mergedIntoId]).toEqual(['merged', older])
  })
})
