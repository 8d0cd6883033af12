import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld } from './helpers'
import { getPage } from './pages-fixtures'
import { slug } from './forms-fixtures'

// The forms builder's rules on the server and on the public page (issue 13, point 9): a form that
// asks for a phone is not opened without a consent question; pick limits are sane, held in the
// browser as well as on the server, and stated once.

let w: Awaited<ReturnType<typeof createWorld>>
beforeAll(async () => {
  w = await createWorld()
})

const phone = { key: 'tel', label: '手机号', type: 'phone', required: true }
const consent = { key: 'ok', label: '我同意居委会用手机号联系我', type: 'consent', required: true }

const create = (body: Record<string, unknown>) =>
  api('/api/forms', {
    cookie: w.cookies.staff,
    body: {
      title: '加装电梯意愿调查',
      neighborhoodId: w.neighborhoodIds[0],
      slug: slug(),
      ...body,
    },
  })

describe('a form asking for a phone', () => {
  it('cannot be opened without a required consent question', async () => {
    const refused = await create({ status: 'open', fields: [phone] })
    expect(refused.status, JSON.stringify(refused.body)).toBe(400)
    expect(refused.body.errors.status).toContain('同意题')

    const draft = await create({ status: 'draft', fields: [phone] })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const publish = await api(`/api/forms/${draft.body.id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { status: 'open', revision: draft.body.revision },
    })
    expect(publish.status, JSON.stringify(publish.body)).toBe(400)
    expect(publish.body.errors.status).toContain('同意题')

    const ok = await create({ status: 'open', fields: [phone, consent] })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    const optional = await create({
      status: 'open',
      fields: [phone, { ...consent, required: false }],
    })
    expect(optional.status).toBe(400)
  })
})

describe('pick limits of a multiple choice', () => {
  const multiple = (over: Record<string, unknown>) => ({
    key: 'needs',
    label: '驿站最需要什么',
    type: 'multiple',
    options: ['充电', '饮水', '休息'],
    ...over,
  })

  it('may not ask for more picks than there are options', async () => {
    const r = await create({ status: 'open', fields: [multiple({ maxPicks: 4 })] })
    expect(r.status).toBe(400)
    expect(r.body.errors['fields.0.maxPicks']).toBe('最多选几项不能多于选项数')
  })

  it('are held in the browser and stated once on the page', async () => {
    const r = await create({ status: 'open', fields: [multiple({ minPicks: 2, maxPicks: 2 })] })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const page = await getPage(`/s/${r.body.slug}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('data-min="2" data-max="2" data-msg="请选 2–2 项"')
    expect(page.text.match(/请选 2–2 项/g)).toHaveLength(2) // the hint and the script's message
    expect(page.text).toContain('<script nonce=')
    expect(page.res.headers.get('content-security-policy')).toContain("script-src 'nonce-")

    const bad = await api(`/s/${r.body.slug}`, {
      body: new URLSearchParams({ _key: `k${Date.now()}abcdefgh`, needs: '充电' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(bad.status).toBe(400)
    // The error says the rule; the hint does not say it a second time.
    const block = bad.text.match(/<fieldset[^>]*id="b-needs"[\s\S]*?<\/fieldset>/)![0]
    expect(block.match(/2–2 项/g)).toHaveLength(2) // data-msg and the error, no hint line
    expect(block).toContain('<p class="err"')
  })
})
