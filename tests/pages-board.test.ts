import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { clearOfWindowEdge, createTown } from './helpers'
import { LIMITS } from '../worker/pages/common'
import {
  clientAddress,
  getPage,
  inputValue,
  postPage,
  receiptCode,
  residentProject,
  residentTopic,
} from './pages-fixtures'
import { TRACKING_CODE } from '../worker/domain/tracking-code'
import { createDb } from '../worker/db/client'
import { boardTopicsQuery } from '../worker/db/queries/resident/board'

const neighborhood = async () => {
  const { neighborhoodIds } = await createTown(2)
  const rows = await env.DB.prepare(
    'SELECT id, slug, name FROM neighborhoods WHERE id IN (?, ?) ORDER BY id',
  )
    .bind(neighborhoodIds[0], neighborhoodIds[1])
    .all<{ id: number; slug: string; name: string }>()
  return { n: rows.results[0], other: rows.results[1] }
}

const supportCount = (id: number) =>
  env.DB.prepare('SELECT support_count AS n FROM topics WHERE id = ?')
    .bind(id)
    .first<{ n: number }>()
    .then((r) => r!.n)

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0]

describe('GET /b/:slug', () => {
  it('lists projects with progress, deadline, owning body and satisfaction, and open topics', async () => {
    const { n, other } = await neighborhood()
    await residentProject(n.id, {
      title: '非机动车充电棚',
      status: 'in_progress',
      owningBody: '居民区党总支',
      deadlineAt: Date.UTC(2031, 0, 15, 4),
      checklist: [
        ['选址', true],
        ['施工', false],
      ],
    })
    await residentProject(n.id, { title: '健身苑点改造', status: 'planned' })
    const done = await residentProject(n.id, { title: '楼道清理', status: 'done' })
    await residentProject(n.id, { title: '取消的项目', status: 'cancelled' })
    await residentProject(other.id, { title: '别的小区项目' })
    for (const [code, resolved, s] of [
      ['EVA-222', 'solved', 5],
      ['EVA-223', 'solved', 4],
      ['EVA-224', 'not', 2],
    ] as const)
      await env.DB.prepare(
        'INSERT INTO evaluations (project_id, tracking_code, resolved, satisfaction, created_at) VALUES (?, ?, ?, ?, ?)',
      )
        .bind(done, code, resolved, s, Date.now())
        .run()
    await residentTopic(n.id, { title: '希望增设晾衣架', status: 'accepted', supportCount: 7 })
    await residentTopic(n.id, { title: '新提交的事', status: 'submitted' })
    await residentTopic(n.id, { title: '已立项的事', status: 'adopted' })
    await residentTopic(n.id, { title: '不受理的事', status: 'declined' })
    await residentTopic(other.id, { title: '别的小区的事' })

    const r = await getPage(`/b/${n.slug}`)
    expect(r.status, r.text).toBe(200)
    expect(r.text).toContain(`${n.name} 公示栏`)
    expect(r.text).toContain('非机动车充电棚')
    expect(r.text).toContain('居民区党总支')
    expect(r.text).toContain('2031-01-15')
    expect(r.text).toMatch(/<progress value="1" max="2"/)
    expect(r.text).toContain('健身苑点改造')
    expect(r.text).toContain('楼道清理')
    expect(r.text).toContain('满意度 66.7%（3 人评议）')
    expect(r.text).not.toContain('取消的项目')
    expect(r.text).not.toContain('别的小区')
    expect(r.text).toContain('希望增设晾衣架')
    expect(r.text).toContain('附议 7 人')
    expect(r.text).toContain('新提交的事')
    expect(r.text).not.toContain('已立项的事')
    expect(r.text).not.toContain('不受理的事')
    expect(r.text).toContain('>我也需要</button>')
    expect(r.res.headers.get('content-security-policy')).toContain("form-action 'self'")
  })

  it('answers 404 for an unknown neighborhood', async () => {
    expect((await getPage('/b/nowhere')).status).toBe(404)
  })

  it('shows hostile titles as text', async () => {
    const { n } = await neighborhood()
    await residentTopic(n.id, { title: '<script>alert(1)</script>' })
    await residentProject(n.id, { title: '<img src=x onerror=alert(1)>', owningBody: '<b>x</b>' })
    const r = await getPage(`/b/${n.slug}`)
    expect(r.text).not.toContain('<script>alert')
    expect(r.text).not.toContain('<img src=x')
    expect(r.text).not.toContain('<b>x</b>')
    expect(r.text).toContain('&lt;script&gt;')
  })
})

describe('POST /b/:slug/support', () => {
  it('records one "me too" per browser and topic, with its own tracking code', async () => {
    const { n } = await neighborhood()
    const topic = await residentTopic(n.id, { title: '希望增设晾衣架', status: 'accepted' })
    const board = await getPage(`/b/${n.slug}`)
    const key = inputValue(board.text, 'key')!
    const first = await postPage(`/b/${n.slug}/support`, { key, topicId: String(topic.id) })
    expect(first.status, first.text).toBe(200)
    const code = receiptCode(first.text)!
    expect(code).toMatch(TRACKING_CODE)
    expect(first.text).toContain(`href="/t/${code}"`)
    const cookie = cookieOf(first.res)!
    expect(first.res.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(first.res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)
    expect(await supportCount(topic.id)).toBe(1)

    // Same browser, a new page (new key): the same code back, no second count.
    const again = await postPage(
      `/b/${n.slug}/support`,
      { key: 'another-key-123', topicId: String(topic.id) },
      { cookie },
    )
    expect(receiptCode(again.text)).toBe(code)
    expect(await supportCount(topic.id)).toBe(1)
    const marked = await getPage(`/b/${n.slug}`, { cookie })
    expect(marked.text).toContain('>已附议</button>')

    // Another browser counts.
    const other = await postPage(`/b/${n.slug}/support`, {
      key: 'third-key-12345',
      topicId: String(topic.id),
    })
    expect(receiptCode(other.text)).not.toBe(code)
    expect(await supportCount(topic.id)).toBe(2)
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM supports WHERE topic_id = ?')
      .bind(topic.id)
      .first<{ n: number }>()
    expect(rows!.n).toBe(2)
  })

  it('returns the first receipt for a resent key', async () => {
    const { n } = await neighborhood()
    const topic = await residentTopic(n.id)
    const a = await postPage(`/b/${n.slug}/support`, {
      key: 'resent-key-1234',
      topicId: String(topic.id),
    })
    const b = await postPage(`/b/${n.slug}/support`, {
      key: 'resent-key-1234',
      topicId: String(topic.id),
    })
    expect(receiptCode(b.text)).toBe(receiptCode(a.text))
    expect(await supportCount(topic.id)).toBe(1)
  })

  it('answers 404 for a closed topic or one of another neighborhood', async () => {
    const { n, other } = await neighborhood()
    const done = await residentTopic(n.id, { status: 'done' })
    const elsewhere = await residentTopic(other.id)
    for (const id of [done.id, elsewhere.id, 999999]) {
      const r = await postPage(`/b/${n.slug}/support`, {
        key: `closed-key-${id}`,
        topicId: String(id),
      })
      expect(r.status).toBe(404)
    }
    expect(await supportCount(done.id)).toBe(0)
    expect(await supportCount(elsewhere.id)).toBe(0)
  })

  it('rate limits ticks per client address with a 429 page', async () => {
    await clearOfWindowEdge(LIMITS.support.windowMs)
    const { n } = await neighborhood()
    const topic = await residentTopic(n.id)
    const ip = clientAddress()
    for (let i = 0; i < 30; i++)
      await postPage(
        `/b/${n.slug}/support`,
        { key: `rate-key-${i}-abcdef`, topicId: String(topic.id) },
        ip,
      )
    const r = await postPage(
      `/b/${n.slug}/support`,
      { key: 'rate-key-last-abc', topicId: String(topic.id) },
      ip,
    )
    expect(r.status).toBe(429)
    expect(r.res.headers.get('retry-after')).toBeTruthy()
    // Thirty ticks from one address within the window count once (domain/voice.ts).
    expect(await supportCount(topic.id)).toBe(1)
  })

  it('refuses a cross-site post', async () => {
    const { n } = await neighborhood()
    const topic = await residentTopic(n.id)
    const r = await postPage(
      `/b/${n.slug}/support`,
      { key: 'cross-site-key-1', topicId: String(topic.id) },
      { 'sec-fetch-site': 'cross-site' },
    )
    expect(r.status).toBe(403)
    expect(await supportCount(topic.id)).toBe(0)
  })
})

describe('the board query', () => {
  it('walks topics_board in board order instead of sorting every open topic', async () => {
    const query = createDb(env.DB).all(boardTopicsQuery(1, 'client')).getQuery()
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>()
    const details = plan.results.map((r) => r.detail).join('\n')
    expect(details).toMatch(/SEARCH t USING (COVERING )?INDEX topics_board \(neighborhood_id=\?\)/)
    expect(details).not.toMatch(/TEMP B-TREE/)
  })
})
