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
  residentCategory,
  residentChannel,
  residentTopic,
} from './pages-fixtures'
import { newTrackingCode, TRACKING_CODE } from '../worker/domain/tracking-code'
import { createDb } from '../worker/db/client'
import { fileNeed } from '../worker/db/queries/resident/needs'

/** A neighborhood with a category and a QR channel, and the form's first key. */
const setup = async (label = '12号楼1单元 楼道留言板') => {
  const { neighborhoodIds } = await createTown(1)
  const neighborhoodId = neighborhoodIds[0]
  const categoryId = await residentCategory()
  const channel = await residentChannel(neighborhoodId, { label })
  const slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(neighborhoodId)
    .first<{ slug: string }>())!.slug
  const form = await getPage(`/q/${channel.code}`)
  const key = inputValue(form.text, 'key')!
  return { neighborhoodId, categoryId, channel, slug, key }
}

const valid = (categoryId: number, extra: Record<string, string> = {}) => ({
  title: '小区东门路灯坏了',
  details: '晚上很黑，老人走路不方便',
  categoryId: String(categoryId),
  where: '东门',
  name: '',
  phone: '',
  ...extra,
})

const channelCounts = (id: number) =>
  env.DB.prepare('SELECT scans, submissions FROM channels WHERE id = ?')
    .bind(id)
    .first<{ scans: number; submissions: number }>()
const topicCount = (neighborhoodId: number) =>
  env.DB.prepare('SELECT COUNT(*) AS n FROM topics WHERE neighborhood_id = ?')
    .bind(neighborhoodId)
    .first<{ n: number }>()
    .then((r) => r!.n)

describe('GET /q/:code', () => {
  it('renders the needs form in Chinese with its channel, a fresh key and the CSP', async () => {
    const { channel } = await setup()
    const r = await getPage(`/q/${channel.code}`)
    expect(r.status, r.text).toBe(200)
    expect(r.text).toContain('<html lang="zh-CN">')
    expect(r.text).toContain('12号楼1单元 楼道留言板')
    expect(r.text).toContain('<label for="f-title">')
    expect(r.text).toMatch(/<input id="f-consent" type="checkbox" name="consent" value="1"\/>/) // unticked
    expect(inputValue(r.text, 'key')).toMatch(/^[A-Za-z0-9_-]{22}$/)
    const csp = r.res.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    const nonce = csp.match(/'nonce-([^']+)'/)![1]
    expect(r.text).toContain(`<style nonce="${nonce}">`)
    expect(r.text).not.toContain('<script')
  })

  it('counts a scan per client opening, not for "file another", a re-render or a POST', async () => {
    const { channel, categoryId, key } = await setup() // setup opened it once
    expect((await channelCounts(channel.id))!.scans).toBe(1)
    const another = clientAddress()
    await getPage(`/q/${channel.code}`, another)
    await getPage(`/q/${channel.code}`, another) // the same client again: once per window
    await getPage(`/q/${channel.code}?again=1`, clientAddress())
    await postPage(`/q/${channel.code}`, { key, ...valid(categoryId, { title: '' }) })
    expect(await channelCounts(channel.id)).toEqual({ scans: 2, submissions: 0 })
  })

  it('answers 404 for an unknown code', async () => {
    const r = await getPage('/q/NOSUCHCODE')
    expect(r.status).toBe(404)
    expect(r.text).toContain('没有找到这个页面')
  })

  it('answers 404 for an inactive channel, pointing to the neighborhood form', async () => {
    const { neighborhoodIds } = await createTown(1)
    const channel = await residentChannel(neighborhoodIds[0], { active: false })
    const r = await getPage(`/q/${channel.code}`)
    expect(r.status).toBe(404)
    expect(r.text).toMatch(/href="\/n\/[^"]+\/new"/)
    expect((await channelCounts(channel.id))!.scans).toBe(0)
  })

  it('speaks English with ?lang=en and with an English Accept-Language', async () => {
    const { channel } = await setup()
    const byQuery = await getPage(`/q/${channel.code}?lang=en`)
    expect(byQuery.text).toContain('<html lang="en">')
    expect(byQuery.text).toContain('Tell us about a problem')
    expect(byQuery.text).toContain(`action="/q/${channel.code}?lang=en"`)
    const byHeader = await getPage(`/q/${channel.code}`, { 'accept-language': 'en-GB,en;q=0.9' })
    expect(byHeader.text).toContain('<html lang="en">')
    const zhFirst = await getPage(`/q/${channel.code}`, {
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
    })
    expect(zhFirst.text).toContain('<html lang="zh-CN">')
  })
})

describe('POST /q/:code', () => {
  it('files the topic with its channel and shows the receipt with the tracking code', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const r = await postPage(`/q/${channel.code}`, { key, ...valid(categoryId) })
    expect(r.status, r.text).toBe(200)
    const code = receiptCode(r.text)!
    expect(code).toMatch(TRACKING_CODE)
    expect(r.text).toContain(`href="/t/${code}"`)
    expect(r.text).toContain('截图')
    const topic = await env.DB.prepare('SELECT * FROM topics WHERE tracking_code = ?')
      .bind(code)
      .first<Record<string, unknown>>()
    expect(topic).toMatchObject({
      neighborhood_id: neighborhoodId,
      channel_id: channel.id,
      category_id: categoryId,
      title: '小区东门路灯坏了',
      description: '晚上很黑，老人走路不方便',
      location: '东门',
      status: 'submitted',
      submitter_name: null,
      submitter_phone: null,
      consent_at: null,
    })
    expect((await channelCounts(channel.id))!.submissions).toBe(1)
  })

  it('returns the same receipt for a resent key and files one topic', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const posts = await Promise.all(
      [1, 2, 3].map(() => postPage(`/q/${channel.code}`, { key, ...valid(categoryId) })),
    )
    const codes = posts.map((p) => receiptCode(p.text))
    expect(posts.map((p) => p.status)).toEqual([200, 200, 200])
    expect(new Set(codes).size).toBe(1)
    expect(codes[0]).toMatch(TRACKING_CODE)
    const again = await postPage(`/q/${channel.code}`, { key, ...valid(categoryId) })
    expect(receiptCode(again.text)).toBe(codes[0])
    expect(await topicCount(neighborhoodId)).toBe(1)
    expect((await channelCounts(channel.id))!.submissions).toBe(1)
  })

  it('draws another tracking code when the first is taken: one topic, one hit, no 500', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const taken = receiptCode(
      (await postPage(`/q/${channel.code}`, { key, ...valid(categoryId) })).text,
    )!
    const fresh = newTrackingCode()
    const draws = [taken, fresh]
    const hitKey = `needs:clash-${fresh}`
    const filed = await fileNeed(
      createDb(env.DB),
      { code: channel.code },
      {
        key: `clash-${fresh}-0123456789ab`,
        requestHash: 'h',
        hit: { key: hitKey, windowMs: LIMITS.needs.windowMs, limit: LIMITS.needs.limit },
        topic: { categoryId, title: '车棚的灯一直不亮', description: '' },
        confirmed: true,
      },
      Date.now(),
      () => draws.shift()!,
    )
    expect(filed.code).toBe(fresh)
    expect(draws).toEqual([])
    expect(await topicCount(neighborhoodId)).toBe(2)
    const owners = await env.DB.prepare(
      'SELECT tracking_code AS code, title FROM topics WHERE tracking_code IN (?, ?) ORDER BY id',
    )
      .bind(taken, fresh)
      .all<{ code: string; title: string }>()
    expect(owners.results).toEqual([
      { code: taken, title: '小区东门路灯坏了' },
      { code: fresh, title: '车棚的灯一直不亮' },
    ])
    // The failed draw's batch was rolled back whole: its rate-limit hit is not counted twice.
    const hits = await env.DB.prepare('SELECT count FROM rate_limits WHERE key = ?')
      .bind(`${hitKey}:${neighborhoodId}`)
      .first<{ count: number }>()
    expect(hits!.count).toBe(1)
  })

  it('re-renders with every value kept and errors tied to their fields', async () => {
    const { channel, key, neighborhoodId } = await setup()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      title: '',
      details: '第一行\n第二行 "引号" & 符号',
      categoryId: '',
      where: '5号楼302',
      name: '王阿姨',
      phone: '13812345678',
      consent: '1',
    })
    expect(r.status, r.text).toBe(400)
    expect(r.text).toContain('请修改以下 2 处后再提交')
    expect(r.text).toContain('<a href="#f-title">请填写：一句话说明。</a>')
    expect(r.text).toMatch(
      /<input id="f-title"[^>]*aria-invalid="true" aria-describedby="title-hint title-err"/,
    )
    expect(r.text).toContain('<p class="err" id="title-err">请填写：一句话说明。</p>')
    expect(r.text).toMatch(/<select id="f-categoryId"[^>]*aria-describedby="categoryId-err"/)
    expect(r.text).toContain('第一行\n第二行 &quot;引号&quot; &amp; 符号</textarea>')
    expect(inputValue(r.text, 'where')).toBe('5号楼302')
    expect(inputValue(r.text, 'name')).toBe('王阿姨')
    expect(inputValue(r.text, 'phone')).toBe('13812345678')
    expect(r.text).toMatch(/name="consent" value="1" checked=""/)
    expect(inputValue(r.text, 'key')).toBe(key)
    expect(await topicCount(neighborhoodId)).toBe(0)
  })

  it('keeps the chosen category selected on re-render', async () => {
    const { channel, categoryId, key } = await setup()
    const r = await postPage(`/q/${channel.code}`, { key, ...valid(categoryId, { title: '' }) })
    expect(r.status).toBe(400)
    expect(r.text).toContain(`<option value="${categoryId}" selected="">`)
  })

  it('asks for another category, keeping every value, when the chosen one was retired meanwhile', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    await env.DB.prepare('UPDATE categories SET active = 0 WHERE id = ?').bind(categoryId).run()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { details: '写了很久的说明' }),
    })
    expect(r.status, r.text).toBe(400)
    expect(r.text).toContain('请选择：类别。')
    expect(r.text).toContain('写了很久的说明</textarea>')
    expect(inputValue(r.text, 'key')).toBe(key)
    expect(await topicCount(neighborhoodId)).toBe(0)
    expect((await channelCounts(channel.id))!.submissions).toBe(0)
  })

  it('keeps what was typed when the QR point was switched off meanwhile, and sends it on to the web form', async () => {
    const { channel, categoryId, key, neighborhoodId, slug } = await setup()
    await env.DB.prepare('UPDATE channels SET active = 0 WHERE id = ?').bind(channel.id).run()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { details: '写了很久的说明' }),
    })
    expect(r.status).toBe(410)
    expect(r.text).toContain('这个二维码已停用')
    expect(r.text).toContain(`action="/n/${slug}/new"`)
    expect(r.text).toContain('写了很久的说明</textarea>')
    expect(await topicCount(neighborhoodId)).toBe(0)
    const sent = await postPage(`/n/${slug}/new`, {
      key: inputValue(r.text, 'key')!,
      ...valid(categoryId),
    })
    expect(sent.status, sent.text).toBe(200)
    expect(receiptCode(sent.text)).toMatch(TRACKING_CODE)
    expect(await topicCount(neighborhoodId)).toBe(1)
  })

  it('requires consent when a phone number is given, and files nothing', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { phone: '13812345678' }),
    })
    expect(r.status, r.text).toBe(400)
    expect(r.text).toContain(
      '<p class="err" id="consent-err">留下姓名或手机号时，请先勾选同意。</p>',
    )
    expect(inputValue(r.text, 'phone')).toBe('13812345678')
    expect(await topicCount(neighborhoodId)).toBe(0)
  })

  it('requires consent when only a name is given', async () => {
    const { channel, categoryId, key } = await setup()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { name: '李师傅' }),
    })
    expect(r.status).toBe(400)
    expect(r.text).toContain('id="consent-err"')
  })

  it('refuses a phone number that is neither a mainland mobile nor a landline', async () => {
    const { channel, categoryId, key } = await setup()
    for (const phone of ['12345', '23812345678', '1381234567x', '138123456789']) {
      const r = await postPage(`/q/${channel.code}`, {
        key,
        ...valid(categoryId, { phone, consent: '1' }),
      })
      expect(r.status, phone).toBe(400)
      expect(r.text).toContain('<p class="err" id="phone-err">请填写 11 位手机号')
      expect(inputValue(r.text, 'phone')).toBe(phone)
    }
  })

  it('stores a normalised phone and the consent time when consent is ticked', async () => {
    const { channel, categoryId, key } = await setup()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { name: '王阿姨', phone: '+86 138-1234-5678', consent: '1' }),
    })
    expect(r.status, r.text).toBe(200)
    const topic = await env.DB.prepare(
      'SELECT submitter_name, submitter_phone, consent_at FROM topics WHERE tracking_code = ?',
    )
      .bind(receiptCode(r.text))
      .first<{ submitter_name: string; submitter_phone: string; consent_at: number }>()
    expect(topic!.submitter_name).toBe('王阿姨')
    expect(topic!.submitter_phone).toBe('13812345678')
    expect(topic!.consent_at).toBeGreaterThan(0)
    expect(r.text).not.toContain('13812345678')
  })

  it('refuses over-long text with the count, keeping it', async () => {
    const { channel, categoryId, key } = await setup()
    const title = '路'.repeat(61)
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { title, details: '详'.repeat(1001) }),
    })
    expect(r.status).toBe(400)
    expect(r.text).toContain('一句话说明最多 60 个字，现在有 61 个字')
    expect(r.text).toContain('详细情况最多 1000 个字，现在有 1001 个字')
    expect(inputValue(r.text, 'title')).toBe(title)
  })

  it('shows a receipt but files nothing when the honeypot is filled', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId),
      website: 'http://spam.example',
    })
    expect(r.status).toBe(200)
    expect(receiptCode(r.text)).toMatch(TRACKING_CODE)
    expect(await topicCount(neighborhoodId)).toBe(0)
    expect((await channelCounts(channel.id))!.submissions).toBe(0)
  })

  it('asks to resend, keeping the values, when the key is missing', async () => {
    const { channel, categoryId, neighborhoodId } = await setup()
    const r = await postPage(`/q/${channel.code}`, valid(categoryId))
    expect(r.status).toBe(400)
    expect(r.text).toContain('页面已过期，请再点一次提交')
    expect(inputValue(r.text, 'title')).toBe('小区东门路灯坏了')
    expect(inputValue(r.text, 'key')).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(await topicCount(neighborhoodId)).toBe(0)
  })

  it('answers 429 with a friendly page keeping what was typed, per client and neighborhood', async () => {
    await clearOfWindowEdge(LIMITS.needs.windowMs)
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const ip = clientAddress()
    for (let i = 0; i < 20; i++) {
      const r = await postPage(
        `/q/${channel.code}`,
        { key, ...valid(categoryId, { title: '' }) },
        ip,
      )
      expect(r.status).toBe(400)
    }
    const r = await postPage(
      `/q/${channel.code}`,
      { key, ...valid(categoryId, { details: '我写了很多字' }) },
      ip,
    )
    expect(r.status, r.text).toBe(429)
    expect(Number(r.res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(r.text).toContain('操作太频繁了')
    expect(r.text).toContain('您填写的内容都还在')
    expect(inputValue(r.text, 'title')).toBe('小区东门路灯坏了')
    expect(r.text).toContain('我写了很多字</textarea>')
    expect(inputValue(r.text, 'key')).toBe(key)
    expect(await topicCount(neighborhoodId)).toBe(0)
    // Another client is not affected.
    const other = await postPage(
      `/q/${channel.code}`,
      { key, ...valid(categoryId) },
      clientAddress(),
    )
    expect(other.status).toBe(200)
  })

  it('shows hostile text as text', async () => {
    const { channel, categoryId, key } = await setup()
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { title: hostile, details: hostile, phone: 'x' }),
    })
    expect(r.status).toBe(400)
    expect(r.text).not.toContain('<script>alert(1)')
    expect(r.text).not.toContain('<img src=x')
    expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('refuses a cross-site post', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const r = await postPage(
      `/q/${channel.code}`,
      { key, ...valid(categoryId) },
      { origin: 'https://evil.example' },
    )
    expect(r.status).toBe(403)
    expect(await topicCount(neighborhoodId)).toBe(0)
  })
})

describe('similar-topic step', () => {
  const similarSetup = async () => {
    const s = await setup()
    const existing = await residentTopic(s.neighborhoodId, {
      title: '东门路灯坏了，晚上很黑',
      categoryId: s.categoryId,
      status: 'accepted',
      supportCount: 4,
    })
    return { ...s, existing }
  }

  it('offers open look-alike topics before filing, carrying every value', async () => {
    const { channel, categoryId, key, existing, neighborhoodId } = await similarSetup()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId, { name: '王阿姨', phone: '13812345678', consent: '1' }),
    })
    expect(r.status, r.text).toBe(200)
    expect(r.text).toContain('这些事是不是和您说的一样？')
    expect(r.text).toContain('东门路灯坏了，晚上很黑')
    expect(r.text).toContain('附议 4 人')
    expect(r.text).toContain(`<input type="hidden" name="topicId" value="${existing.id}"/>`)
    expect(r.text).toContain('<input type="hidden" name="confirmed" value="1"/>')
    expect(r.text).toContain('<input type="hidden" name="title" value="小区东门路灯坏了"/>')
    expect(r.text).toContain('<input type="hidden" name="phone" value="13812345678"/>')
    expect(r.text).toContain('<input type="hidden" name="consent" value="1"/>')
    expect(r.text).toContain(`<input type="hidden" name="key" value="${key}"/>`)
    expect(await topicCount(neighborhoodId)).toBe(1)
  })

  it('does not offer topics of another category, closed ones or another neighborhood', async () => {
    const s = await setup()
    const other = await residentCategory()
    await residentTopic(s.neighborhoodId, { title: '小区东门路灯坏了', categoryId: other })
    await residentTopic(s.neighborhoodId, {
      title: '小区东门路灯坏了',
      categoryId: s.categoryId,
      status: 'done',
    })
    await residentTopic(s.neighborhoodId, {
      title: '小区东门路灯坏了',
      categoryId: s.categoryId,
      status: 'declined',
    })
    const { neighborhoodIds } = await createTown(1)
    await residentTopic(neighborhoodIds[0], { title: '小区东门路灯坏了', categoryId: s.categoryId })
    const r = await postPage(`/q/${s.channel.code}`, { key: s.key, ...valid(s.categoryId) })
    expect(r.status).toBe(200)
    expect(receiptCode(r.text)).toMatch(TRACKING_CODE)
  })

  it('lets the resident support one instead: a support code, a count, no new topic', async () => {
    const { channel, categoryId, key, existing, slug, neighborhoodId } = await similarSetup()
    const step = await postPage(`/q/${channel.code}`, { key, ...valid(categoryId) })
    expect(step.text).toContain(`action="/b/${slug}/support"`)
    const r = await postPage(`/b/${slug}/support`, { key, topicId: String(existing.id) })
    expect(r.status, r.text).toBe(200)
    const code = receiptCode(r.text)!
    expect(code).toMatch(TRACKING_CODE)
    expect(r.text).toContain('附议成功')
    const support = await env.DB.prepare(
      'SELECT topic_id, source FROM supports WHERE tracking_code = ?',
    )
      .bind(code)
      .first()
    expect(support).toEqual({ topic_id: existing.id, source: 'support' })
    const topic = await env.DB.prepare('SELECT support_count FROM topics WHERE id = ?')
      .bind(existing.id)
      .first<{ support_count: number }>()
    expect(topic!.support_count).toBe(5)
    expect(await topicCount(neighborhoodId)).toBe(1)
    const track = await getPage(`/t/${code}`)
    expect(track.status).toBe(200)
    expect(track.text).toContain('东门路灯坏了，晚上很黑')
  })

  it("files the resident's own topic anyway with confirmed=1", async () => {
    const { channel, categoryId, key, neighborhoodId } = await similarSetup()
    const r = await postPage(`/q/${channel.code}`, { key, ...valid(categoryId), confirmed: '1' })
    expect(r.status, r.text).toBe(200)
    expect(receiptCode(r.text)).toMatch(TRACKING_CODE)
    expect(await topicCount(neighborhoodId)).toBe(2)
  })

  it('goes back to the form with the values when asked to edit', async () => {
    const { channel, categoryId, key, neighborhoodId } = await similarSetup()
    const r = await postPage(`/q/${channel.code}`, {
      key,
      ...valid(categoryId),
      confirmed: '1',
      edit: '1',
    })
    expect(r.status).toBe(200)
    expect(inputValue(r.text, 'title')).toBe('小区东门路灯坏了')
    expect(await topicCount(neighborhoodId)).toBe(1)
  })
})

describe('/n/:slug/new', () => {
  it('uses one web channel per neighborhood, counting its scans and submissions', async () => {
    const { neighborhoodIds } = await createTown(1)
    const categoryId = await residentCategory()
    const slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
      .bind(neighborhoodIds[0])
      .first<{ slug: string }>())!.slug
    const first = await getPage(`/n/${slug}/new`)
    expect(first.status, first.text).toBe(200)
    await getPage(`/n/${slug}/new`, clientAddress())
    const r = await postPage(`/n/${slug}/new`, {
      key: inputValue(first.text, 'key')!,
      ...valid(categoryId),
    })
    expect(r.status, r.text).toBe(200)
    const channels = await env.DB.prepare(
      "SELECT id, scans, submissions FROM channels WHERE neighborhood_id = ? AND kind = 'web'",
    )
      .bind(neighborhoodIds[0])
      .all<{ id: number; scans: number; submissions: number }>()
    expect(channels.results).toHaveLength(1)
    expect(channels.results[0]).toMatchObject({ scans: 2, submissions: 1 })
    const topic = await env.DB.prepare('SELECT channel_id FROM topics WHERE tracking_code = ?')
      .bind(receiptCode(r.text))
      .first<{ channel_id: number }>()
    expect(topic!.channel_id).toBe(channels.results[0].id)
  })

  it("answers 404, filing nothing, when the neighborhood's web form was switched off", async () => {
    const { neighborhoodIds } = await createTown(1)
    const categoryId = await residentCategory()
    const slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
      .bind(neighborhoodIds[0])
      .first<{ slug: string }>())!.slug
    const form = await getPage(`/n/${slug}/new`)
    await env.DB.prepare(
      "UPDATE channels SET active = 0 WHERE neighborhood_id = ? AND kind = 'web'",
    )
      .bind(neighborhoodIds[0])
      .run()
    const r = await postPage(`/n/${slug}/new`, {
      key: inputValue(form.text, 'key')!,
      ...valid(categoryId),
    })
    expect(r.status).toBe(404)
    expect(await topicCount(neighborhoodIds[0])).toBe(0)
  })

  it('answers 404 for an unknown neighborhood', async () => {
    const r = await getPage('/n/no-such-place/new')
    expect(r.status).toBe(404)
  })
})

describe('resends racing each other', () => {
  it('file once per key, answering every one with the first receipt', async () => {
    const { channel, categoryId, key, neighborhoodId } = await setup()
    const pages = await Promise.all(
      Array.from({ length: 5 }, () =>
        postPage(`/q/${channel.code}`, { key, ...valid(categoryId) }),
      ),
    )
    for (const page of pages) expect(page.status, page.text).toBe(200)
    const codes = new Set(pages.map((p) => receiptCode(p.text)))
    expect(codes.size).toBe(1)
    expect([...codes][0]).toMatch(TRACKING_CODE)
    expect(await topicCount(neighborhoodId)).toBe(1)
    expect(await channelCounts(channel.id)).toMatchObject({ submissions: 1 })
  })
})
