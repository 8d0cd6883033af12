import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, clearOfWindowEdge, createWorld } from './helpers'
import {
  createForm,
  newKey,
  responseCount,
  riderAnswers,
  slug,
  submit,
  submitOk,
} from './forms-fixtures'
import { SUBMIT_LIMIT } from '../worker/pages/forms/routes'

// The public form at /s/<slug>: rendering, submission, refusals, replay, QR and poster.

let world: Awaited<ReturnType<typeof createWorld>>
let staff: string
let n1: number

beforeAll(async () => {
  world = await createWorld()
  staff = world.cookies.staff
  n1 = world.neighborhoodIds[0]
})

const gzipSize = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}

describe('GET /s/:slug', () => {
  it('renders the form in Chinese with a label and HTML5 constraints on every input', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const r = await api(`/s/${form.slug}`)
    expect(r.status, r.text.slice(0, 500)).toBe(200)
    expect(r.res.headers.get('content-type')).toMatch(/text\/html/)
    expect(r.res.headers.get('cache-control')).toBe('no-store')
    const html = r.text
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('小哥驿站需求调查')
    expect(html).toContain('提交')
    // Every visible input has a label pointing at it (radios / checkboxes via their wrapping label's for).
    const ids = [...html.matchAll(/<(?:input|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1])
    expect(ids.length).toBeGreaterThan(10)
    for (const id of ids) expect(html, id).toContain(`for="${id}"`)
    expect(html).toMatch(
      /<input[^>]*type="number"[^>]*min="1"[^>]*max="24"[^>]*step="1"|<input[^>]*min="1"[^>]*max="24"/,
    )
    expect(html).toMatch(/<input[^>]*type="tel"[^>]*required=""[^>]*pattern="/)
    expect(html).toMatch(/<input[^>]*type="radio"[^>]*name="platform"[^>]*required=""/)
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*name="agree"[^>]*required=""/)
    expect(html).toContain('name="_key"')
    expect(html).toContain('最多选 2 项')
    // The conditional field is shown with its condition in words, and not required in HTML.
    expect(html).toContain('仅当「驿站最需要什么」选了“充电”时填写')
    expect(html).toMatch(/<input[^>]*name="charge_spots"/)
    expect(html).not.toMatch(/<input[^>]*name="charge_spots"[^>]*required=""/)
  })

  it('allows its one inline script by nonce in the CSP', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const r = await api(`/s/${form.slug}`)
    const csp = r.res.headers.get('content-security-policy')!
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]
    expect(r.text).toContain(`<script nonce="${nonce}">`)
    expect(csp).toContain("default-src 'none'")
  })

  it('speaks English with ?lang=en or Accept-Language: en', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const byQuery = await api(`/s/${form.slug}?lang=en`)
    expect(byQuery.text).toContain('<html lang="en">')
    expect(byQuery.text).toContain('Submit')
    expect(byQuery.text).toContain('name="_lang" value="en"')
    const byHeader = await api(`/s/${form.slug}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    })
    expect(byHeader.text).toContain('Submit')
    const zh = await api(`/s/${form.slug}`, { headers: { 'accept-language': 'zh-CN,en;q=0.5' } })
    expect(zh.text).toContain('提交')
  })

  it('prefills answers and hidden fields from the query', async () => {
    const form = await createForm(staff, {
      neighborhoodId: n1,
      fields: [
        { key: 'home', label: '住址', type: 'building', required: true },
        { key: 'platform', label: '平台', type: 'single', options: ['美团', '饿了么'] },
        { key: 'src', label: '来源', type: 'hidden' },
      ],
    })
    const r = await api(
      `/s/${form.slug}?building=12&room=301&platform=${encodeURIComponent('饿了么')}&src=poster`,
    )
    expect(r.text).toMatch(/name="home\.building" value="12"/)
    expect(r.text).toMatch(/name="home\.room" value="301"/)
    expect(r.text).toMatch(/value="饿了么"[^>]*checked=""/)
    expect(r.text).toContain('<input type="hidden" name="src" value="poster"/>')
  })

  it('escapes hostile text typed by staff or put in the query', async () => {
    const evil = '<script>alert(1)</script>'
    const form = await createForm(staff, {
      neighborhoodId: n1,
      title: `调查${evil}`,
      description: `说明"><img src=x onerror=alert(1)>`,
      fields: [
        {
          key: 'a',
          label: `问题${evil}`,
          type: 'single',
          options: [`"><b>x</b>`, '正常'],
          help: evil,
        },
        { key: 'b', label: 'B', type: 'text' },
      ],
    })
    const r = await api(`/s/${form.slug}?b=${encodeURIComponent('"><script>alert(2)</script>')}`)
    expect(r.status).toBe(200)
    expect(r.text).not.toContain('<script>alert')
    expect(r.text).not.toContain('<img src=x')
    expect(r.text).not.toContain('"><b>')
    expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('stays under 14 KB compressed for a 20-field form', async () => {
    const types = [
      'text',
      'longtext',
      'number',
      'phone',
      'single',
      'multiple',
      'date',
      'building',
      'rating',
      'consent',
    ]
    const fields = Array.from({ length: 20 }, (_, i) => {
      const type = types[i % types.length]
      return {
        key: `f${i}`,
        label: `第 ${i + 1} 题：您对小区驿站在这一方面的看法如何？`,
        type,
        required: i % 2 === 0 || type === 'consent', // a phone needs a required consent
        help: '请根据实际情况填写，谢谢您的配合',
        ...(type === 'single' || type === 'multiple'
          ? { options: ['非常需要', '比较需要', '一般', '不太需要', '完全不需要'] }
          : {}),
        ...(i === 15 ? { condition: { field: 'f4', value: '一般' } } : {}),
      }
    })
    const form = await createForm(staff, {
      neighborhoodId: n1,
      description: '为了建好骑手驿站，请您花两分钟填写。',
      fields,
    })
    const r = await api(`/s/${form.slug}`)
    expect(r.status).toBe(200)
    const size = await gzipSize(r.text)
    console.log(`20-field form page: ${r.text.length} bytes, ${size} bytes gzip`)
    expect(size).toBeLessThanOrEqual(14 * 1024)
  })

  it('answers 404 with a page for an unknown slug and for a draft', async () => {
    const missing = await api('/s/no-such-form')
    expect(missing.status).toBe(404)
    expect(missing.text).toContain('问卷不存在')
    const draft = await createForm(staff, { neighborhoodId: n1, status: 'draft' })
    expect((await api(`/s/${draft.slug}`)).status).toBe(404)
  })

  it('lets signed-in staff in scope preview a draft, with submit disabled', async () => {
    const draft = await createForm(staff, { neighborhoodId: n1, status: 'draft' })
    const r = await api(`/s/${draft.slug}`, { cookie: staff })
    expect(r.status).toBe(200)
    expect(r.text).toContain('预览')
    expect(r.text).toMatch(/<button[^>]*disabled=""/)
    expect((await submit(draft.slug, riderAnswers())).status).toBe(404)
    expect(await responseCount(draft.id)).toBe(0)
  })
})

describe('POST /s/:slug', () => {
  it('stores a valid response with its version and redirects to the receipt', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const receipt = await submitOk(form.slug, {
      ...riderAnswers({ phone: '+86 139-1234-5678' }),
      src: 'poster',
    })
    const row = await env.DB.prepare('SELECT * FROM form_responses WHERE receipt = ?')
      .bind(receipt)
      .first<any>()
    expect(row.form_id).toBe(form.id)
    expect(row.version).toBe(1)
    expect(row.phone).toBe('13912345678')
    expect(JSON.parse(row.answers)).toEqual({
      platform: '美团',
      hours: 10,
      needs: ['充电', '休息'],
      charge_spots: 6,
      score: 4,
      phone: '13912345678',
      agree: true,
      src: 'poster',
    })
    const page = await api(`/s/${form.slug}/r/${receipt}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('提交成功')
    expect(page.text).toContain(receipt)
    expect(page.text).not.toContain('13912345678')
  })

  it('drops the answer of a conditional field whose condition does not hold', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const receipt = await submitOk(form.slug, riderAnswers({ needs: ['饮水'], charge_spots: '99' }))
    const row = await env.DB.prepare('SELECT answers FROM form_responses WHERE receipt = ?')
      .bind(receipt)
      .first<any>()
    expect(JSON.parse(row.answers).charge_spots).toBeUndefined()
  })

  it('re-renders with every value kept and the errors in plain Chinese tied to their fields', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const r = await submit(
      form.slug,
      riderAnswers({
        phone: '12345',
        hours: '30',
        needs: ['充电', '饮水', '热饭'],
        agree: undefined,
      }),
    )
    expect(r.status).toBe(400)
    const html = r.text
    expect(html).toContain('请修改以下 4 处后再提交')
    expect(html).toContain('请输入 11 位手机号，例如 13812345678')
    expect(html).toContain('不能大于 24')
    expect(html).toContain('最多选 2 项')
    expect(html).toContain('请勾选同意后再提交')
    expect(html).toMatch(
      /<input[^>]*name="phone"[^>]*value="12345"[^>]*aria-describedby="phone-hint phone-err"[^>]*aria-invalid="true"/,
    )
    expect(html).toContain('<p class="err" id="phone-err">')
    expect(html).toMatch(/value="美团"[^>]*checked=""/)
    expect(html).toMatch(/value="热饭"[^>]*checked=""/)
    expect(html).toContain('href="#f-phone"')
    expect(await responseCount(form.id)).toBe(0)
  })

  it('is idempotent: the same key twice stores one response and gives the same receipt', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const key = newKey()
    const first = await submitOk(form.slug, riderAnswers(), { key })
    const again = await submitOk(form.slug, riderAnswers(), { key })
    expect(again).toBe(first)
    // The same key with other answers is another request, not a resend (trust issue, point 8).
    expect((await submit(form.slug, riderAnswers({ hours: '5' }), { key })).status).toBe(422)
    expect(await responseCount(form.id)).toBe(1)
  })

  it('stores one response when resends of the same key race, answering each with its receipt', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const key = newKey()
    const receipts = await Promise.all(
      Array.from({ length: 5 }, () => submitOk(form.slug, riderAnswers(), { key })),
    )
    expect(new Set(receipts).size).toBe(1)
    expect(await responseCount(form.id)).toBe(1)
  })

  it('gives a resend its receipt even after the form filled up or closed', async () => {
    const form = await createForm(staff, { neighborhoodId: n1, maxResponses: 1 })
    const key = newKey()
    const first = await submitOk(form.slug, riderAnswers(), { key })
    expect((await submit(form.slug, riderAnswers())).status).toBe(409)
    expect(await submitOk(form.slug, riderAnswers(), { key })).toBe(first)
    await env.DB.prepare("UPDATE forms SET status = 'closed' WHERE id = ?").bind(form.id).run()
    expect(await submitOk(form.slug, riderAnswers(), { key })).toBe(first)
    expect(await responseCount(form.id)).toBe(1)
  })

  it('keeps a key per form: the same key on another form is another response', async () => {
    const [a, b] = [
      await createForm(staff, { neighborhoodId: n1 }),
      await createForm(staff, { neighborhoodId: n1 }),
    ]
    const key = newKey()
    const onA = await submitOk(a.slug, riderAnswers(), { key })
    const onB = await submitOk(b.slug, riderAnswers(), { key })
    expect(onB).not.toBe(onA)
    expect([await responseCount(a.id), await responseCount(b.id)]).toEqual([1, 1])
  })

  it('asks to resubmit when the idempotency key is missing', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const r = await submit(form.slug, riderAnswers(), { key: '' })
    expect(r.status).toBe(400)
    expect(r.text).toContain('页面已过期')
    expect(r.text).toMatch(/name="_key" value="[A-Za-z0-9_-]{16,}"/)
  })

  it('allows one response per phone when the form says so, whatever the phone format', async () => {
    const form = await createForm(staff, { neighborhoodId: n1, onePerPhone: true })
    await submitOk(form.slug, riderAnswers({ phone: '13800001111' }))
    const dup = await submit(form.slug, riderAnswers({ phone: '+86 138 0000 1111' }))
    expect(dup.status).toBe(409)
    expect(dup.text).toContain('这个手机号已经提交过了')
    expect(dup.text).toMatch(/value="\+86 138 0000 1111"/)
    await submitOk(form.slug, riderAnswers({ phone: '13800002222' }))
    expect(await responseCount(form.id)).toBe(2)
    // Without the rule the same phone may answer twice.
    const open = await createForm(staff, { neighborhoodId: n1 })
    await submitOk(open.slug, riderAnswers({ phone: '13800001111' }))
    await submitOk(open.slug, riderAnswers({ phone: '13800001111' }))
  })

  it('refuses a form that is not open yet, with the opening time', async () => {
    const opensAt = Date.UTC(2099, 0, 1, 1, 30) // 09:30 in Shanghai
    const form = await createForm(staff, { neighborhoodId: n1, opensAt })
    const page = await api(`/s/${form.slug}`)
    expect(page.text).toContain('尚未开始')
    expect(page.text).toContain('2099-01-01 09:30')
    expect(page.text).not.toContain('<form')
    const post = await submit(form.slug, riderAnswers())
    expect(post.status).toBe(409)
    expect(post.text).toContain('尚未开始')
    expect(await responseCount(form.id)).toBe(0)
  })

  it('refuses a closed form: by status and past its closing time', async () => {
    const closed = await createForm(staff, { neighborhoodId: n1, status: 'closed' })
    expect((await api(`/s/${closed.slug}`)).text).toContain('已结束')
    const post = await submit(closed.slug, riderAnswers())
    expect(post.status).toBe(409)
    expect(post.text).toContain('本问卷已停止收集')
    const past = await createForm(staff, {
      neighborhoodId: n1,
      opensAt: Date.now() - 7200_000,
      closesAt: Date.now() - 3600_000,
    })
    expect((await submit(past.slug, riderAnswers())).status).toBe(409)
    expect(await responseCount(past.id)).toBe(0)
  })

  it('refuses once the limit of responses is reached, and says so', async () => {
    const form = await createForm(staff, { neighborhoodId: n1, maxResponses: 2 })
    expect((await api(`/s/${form.slug}`)).text).toContain('还可提交 2 份')
    await submitOk(form.slug, riderAnswers())
    await submitOk(form.slug, riderAnswers())
    const third = await submit(form.slug, riderAnswers())
    expect(third.status).toBe(409)
    expect(third.text).toContain('已收满')
    expect((await api(`/s/${form.slug}`)).text).toContain('已收满')
    expect(await responseCount(form.id)).toBe(2)
  })

  it('never exceeds the limit under concurrent submissions', async () => {
    const form = await createForm(staff, { neighborhoodId: n1, maxResponses: 3 })
    const results = await Promise.all(
      Array.from({ length: 8 }, () => submit(form.slug, riderAnswers())),
    )
    expect(results.filter((r) => r.status === 303).length).toBe(3)
    expect(await responseCount(form.id)).toBe(3)
  })

  it('thanks a bot that fills the honeypot but stores nothing', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const r = await submit(form.slug, riderAnswers(), {
      extra: { _website: 'http://spam.example' },
    })
    expect(r.status).toBe(200)
    expect(r.text).toContain('提交成功')
    expect(await responseCount(form.id)).toBe(0)
  })

  it('refuses cross-site posts', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const byOrigin = await submit(form.slug, riderAnswers(), {
      headers: { origin: 'https://evil.example' },
    })
    expect(byOrigin.status).toBe(403)
    const bySite = await submit(form.slug, riderAnswers(), {
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(bySite.status).toBe(403)
    await submitOk(form.slug, riderAnswers(), {
      headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    })
    expect(await responseCount(form.id)).toBe(1)
  })

  it('rate-limits a client address with 429 and Retry-After', async () => {
    await clearOfWindowEdge(SUBMIT_LIMIT.windowMs)
    const form = await createForm(staff, { neighborhoodId: n1 })
    const ip = '203.0.113.77'
    const now = Date.now()
    await env.DB.prepare(
      'INSERT OR REPLACE INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)',
    )
      .bind(`form-submit:${ip}`, now - (now % SUBMIT_LIMIT.windowMs), SUBMIT_LIMIT.limit)
      .run()
    const r = await submit(form.slug, riderAnswers(), { headers: { 'cf-connecting-ip': ip } })
    expect(r.status).toBe(429)
    expect(r.res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(r.text).toContain('提交太频繁')
    await submitOk(form.slug, riderAnswers(), { headers: { 'cf-connecting-ip': '203.0.113.78' } })
  })

  it('keeps English across the post when chosen with ?lang=en', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const r = await submit(form.slug, riderAnswers({ phone: '1' }), { extra: { _lang: 'en' } })
    expect(r.status).toBe(400)
    expect(r.text).toContain('Please enter an 11-digit mobile number')
    const ok = await submit(form.slug, riderAnswers(), { extra: { _lang: 'en' } })
    expect(ok.res.headers.get('location')).toMatch(/\?lang=en$/)
  })
})

describe('QR code and poster', () => {
  it('serves the form address as an SVG QR code', async () => {
    const form = await createForm(staff, { neighborhoodId: n1 })
    const r = await api(`/s/${form.slug}/qr.svg`)
    expect(r.status).toBe(200)
    expect(r.res.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(r.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/)
    expect(r.text).toContain('<path fill="#000" d="M4 4h7v1h-7z')
  })

  it('renders a printable A4 poster with the QR and the address', async () => {
    const form = await createForm(staff, { neighborhoodId: n1, description: '建驿站，听您说' })
    const r = await api(`/s/${form.slug}/poster`)
    expect(r.status).toBe(200)
    expect(r.text).toContain('@page{size:A4')
    expect(r.text).toContain('<svg')
    expect(r.text).toContain(`http://localhost/s/${form.slug}`)
    expect(r.text).toContain('扫码填写')
    expect(r.text).toContain('建驿站，听您说')
  })

  it('answers 404 for an unknown form', async () => {
    expect((await api(`/s/${slug('none')}/qr.svg`)).status).toBe(404)
  })
})
