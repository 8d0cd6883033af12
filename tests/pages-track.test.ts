import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { clearOfWindowEdge, createTown } from './helpers'
import { LIMITS } from '../worker/pages/common'
import {
  clientAddress,
  getPage,
  residentCategory,
  residentEvent,
  residentProject,
  residentTopic,
} from './pages-fixtures'

const town = async () => (await createTown(1)).neighborhoodIds[0]

describe('GET /t/:code', () => {
  it('shows the status in words and each public reply, never internal notes or personal data', async () => {
    const n = await town()
    const categoryId = await residentCategory('楼道')
    const topic = await residentTopic(n, {
      title: '楼道灯不亮',
      description: '3楼到5楼都不亮',
      categoryId,
      status: 'accepted',
      publicReply: '已联系物业，本周内修好',
      submitterName: '王秀英',
      submitterPhone: '13812345678',
    })
    await residentEvent(topic.id, { kind: 'submitted', toStatus: 'submitted' })
    await residentEvent(topic.id, {
      toStatus: 'accepted',
      publicNote: '已联系物业，本周内修好',
      internalNote: '物业经理老张电话 021-5555',
    })
    const r = await getPage(`/t/${topic.code}`)
    expect(r.status, r.text).toBe(200)
    expect(r.text).toContain('楼道灯不亮')
    expect(r.text).toContain('3楼到5楼都不亮')
    expect(r.text).toContain('<strong>居委会已受理</strong>')
    expect(r.text).toContain('已联系物业，本周内修好')
    expect(r.text).toContain('已提交，等待居委会受理') // the first event
    expect(r.text).not.toContain('老张')
    expect(r.text).not.toContain('王秀英')
    expect(r.text).not.toContain('13812345678')
    expect(r.text).not.toContain('5678')
    expect(r.res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(r.res.headers.get('cache-control')).toBe('no-store')
  })

  it('shows the project with owning body, deadline, checklist progress and public updates only', async () => {
    const n = await town()
    const topic = await residentTopic(n, { title: '加装电梯', status: 'in_progress' })
    await residentProject(n, {
      title: '5号楼加装电梯',
      owningBody: '慧华苑居民区党总支',
      deadlineAt: Date.UTC(2030, 5, 30, 4),
      checklist: [
        ['征询意见', true],
        ['方案设计', true],
        ['施工', false],
      ],
      updates: [
        ['方案已公示', true],
        ['内部：预算待批', false],
      ],
      topicIds: [topic.id],
    })
    const r = await getPage(`/t/${topic.code}`)
    expect(r.status).toBe(200)
    expect(r.text).toContain('5号楼加装电梯')
    expect(r.text).toContain('慧华苑居民区党总支')
    expect(r.text).toContain('2030-06-30')
    expect(r.text).toContain('进度 2/3 项')
    expect(r.text).toMatch(/<progress value="2" max="3"/)
    expect(r.text).toContain('方案已公示')
    expect(r.text).not.toContain('预算待批')
    expect(r.text).not.toContain('去评议') // not done yet
  })

  it('shows the latest ten events and updates, and all of them on request', async () => {
    const n = await town()
    const topic = await residentTopic(n, { status: 'in_progress' })
    for (let i = 1; i <= 12; i++)
      await residentEvent(topic.id, {
        publicNote: `第${i}次说明`,
        at: Date.now() - (20 - i) * 60_000,
      })
    await residentProject(n, {
      updates: Array.from({ length: 7 }, (_, i) => [`动态${i + 1}号`, true] as [string, boolean]),
      topicIds: [topic.id],
    })
    const r = await getPage(`/t/${topic.code}`)
    expect(r.text).not.toContain('第2次说明')
    expect(r.text).toContain('第3次说明')
    expect(r.text).toContain('第12次说明')
    expect(r.text.match(/动态\d号/g)).toHaveLength(5)
    expect(r.text).toContain(`href="/t/${topic.code}?all=1"`)
    const all = await getPage(`/t/${topic.code}?all=1`)
    expect(all.text).toContain('第1次说明')
    expect(all.text.match(/动态\d号/g)).toHaveLength(7)
  })

  it('marks an overdue project', async () => {
    const n = await town()
    const topic = await residentTopic(n, { status: 'in_progress' })
    await residentProject(n, { deadlineAt: Date.now() - 86_400_000, topicIds: [topic.id] })
    const r = await getPage(`/t/${topic.code}`)
    expect(r.text).toContain('已超期')
  })

  it("shows the topic a merged one went into, with that topic's project", async () => {
    const n = await town()
    const target = await residentTopic(n, {
      title: '东门停车太乱',
      status: 'adopted',
      publicReply: '合并处理',
    })
    await residentProject(n, { title: '东门停车整治', topicIds: [target.id] })
    const merged = await residentTopic(n, {
      title: '东门乱停车',
      status: 'merged',
      mergedIntoId: target.id,
    })
    const r = await getPage(`/t/${merged.code}`)
    expect(r.status, r.text).toBe(200)
    expect(r.text).toContain('已与相同的议题合并')
    expect(r.text).toContain('<strong>东门停车太乱</strong>')
    expect(r.text).toContain('东门停车整治')
    expect(r.text).not.toContain(target.code) // the target's private code is not shown
  })

  it("resolves a support code to its topic without the submitter's details", async () => {
    const n = await town()
    const topic = await residentTopic(n, {
      title: '垃圾房异味',
      description: '就在我家 302 室楼下',
      status: 'submitted',
    })
    await env.DB.prepare(
      "INSERT INTO supports (topic_id, tracking_code, source, created_at) VALUES (?, 'SUP-234', 'support', ?)",
    )
      .bind(topic.id, Date.now())
      .run()
    const r = await getPage('/t/sup-234')
    expect(r.status, r.text).toBe(200)
    expect(r.text).toContain('垃圾房异味')
    expect(r.text).toContain('您附议了这一条')
    expect(r.text).not.toContain('302 室')
  })

  it('answers 404 for an unknown code, with the lookup form', async () => {
    for (const code of ['ZZZ-ZZZ', 'not-a-code', '%3Cscript%3E']) {
      const r = await getPage(`/t/${code}`)
      expect(r.status, code).toBe(404)
      expect(r.text).toContain('没有找到这个页面')
      expect(r.text).toContain('name="code"')
      expect(r.text).not.toContain('<script>')
    }
  })

  it('rate limits lookups per client with a 429 page', async () => {
    await clearOfWindowEdge(LIMITS.track.windowMs)
    const ip = clientAddress()
    for (let i = 0; i < 120; i++) expect((await getPage('/t/ZZZ-ZZZ', ip)).status).toBe(404)
    const r = await getPage('/t/ZZZ-ZZZ', ip)
    expect(r.status).toBe(429)
    expect(Number(r.res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(r.text).toContain('查询太频繁了')
    expect((await getPage('/t/ZZZ-ZZZ', clientAddress())).status).toBe(404)
  })

  it('shows hostile text as text', async () => {
    const n = await town()
    const topic = await residentTopic(n, {
      title: '<script>alert(1)</script>',
      publicReply: '<b onmouseover=x>hi</b>',
    })
    await residentEvent(topic.id, { publicNote: '"><img src=x onerror=alert(3)>' })
    const r = await getPage(`/t/${topic.code}`)
    expect(r.status).toBe(200)
    expect(r.text).not.toContain('<script>alert')
    expect(r.text).not.toContain('<b onmouseover')
    expect(r.text).not.toContain('<img src=x')
    expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('speaks English with ?lang=en', async () => {
    const n = await town()
    const topic = await residentTopic(n, { status: 'accepted' })
    const r = await getPage(`/t/${topic.code}?lang=en`)
    expect(r.text).toContain('Accepted by the committee')
    expect(r.text).toContain('<html lang="en">')
  })
})

describe('GET /t', () => {
  it('shows the lookup form and sends a typed code to its page', async () => {
    const form = await getPage('/t')
    expect(form.status).toBe(200)
    expect(form.text).toContain('<label for="f-code">')
    const r = await getPage('/t?code=k7q%204mx')
    expect(r.status).toBe(303)
    expect(r.res.headers.get('location')).toBe('/t/K7Q-4MX')
  })
})
