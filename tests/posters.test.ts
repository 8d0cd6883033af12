import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld } from './helpers'

// 批量打印 (issue 13, point 12): every active QR point of a neighborhood as its poster, one A4
// page each, with the committee's name and phone for residents who cannot scan.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number
let n2: number
let n1Name: string
const PHONE = '021-5678 1234'

const createChannel = async (body: Record<string, unknown>) => {
  const res = await api('/api/channels', { cookie: w.cookies.town, body })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: number; code: string; label: string }
}

/** The posters of a page: each <section class="poster"> as its text. */
const postersOf = (html: string) =>
  [...html.matchAll(/<section class="poster">([\s\S]*?)<\/section>/g)].map((m) =>
    m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
  )

beforeAll(async () => {
  w = await createWorld()
  ;[n1, n2] = w.neighborhoodIds
  const me = await api(`/api/neighborhoods/${n1}`, { cookie: w.cookies.admin })
  n1Name = me.body.name
})

describe('the committee phone of a neighborhood', () => {
  it('is kept by the API (admin), checked, and empty by default', async () => {
    const before = await api(`/api/neighborhoods/${n1}`, { cookie: w.cookies.admin })
    expect(before.body.contactPhone).toBe('')
    const bad = await api(`/api/neighborhoods/${n1}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { ...before.body, contactPhone: '请打电话' },
    })
    expect(bad.status, JSON.stringify(bad.body)).toBe(400)
    expect(bad.body.errors.contactPhone).toBeTruthy()
    const put = await api(`/api/neighborhoods/${n1}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { ...before.body, contactPhone: PHONE },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.contactPhone).toBe(PHONE)
    // a client that does not send it keeps it
    const { contactPhone: _, ...withoutPhone } = put.body
    const again = await api(`/api/neighborhoods/${n1}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { ...withoutPhone, name: n1Name },
    })
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    expect(again.body.contactPhone).toBe(PHONE)
  })
})

describe('GET /staff/posters/:neighborhoodId', () => {
  let points: { code: string; label: string }[]
  beforeAll(async () => {
    points = [
      await createChannel({ neighborhoodId: n1, kind: 'qr', label: '10号楼楼道' }),
      await createChannel({ neighborhoodId: n1, kind: 'qr', label: '2号楼楼道' }),
      await createChannel({ neighborhoodId: n1, kind: 'box', label: '社区会客厅意见箱' }),
    ]
    // not printed: inactive, not on a wall, another neighborhood
    await createChannel({ neighborhoodId: n1, kind: 'qr', label: '旧点位', active: false })
    await createChannel({ neighborhoodId: n1, kind: 'phone', label: '电话' })
    await createChannel({ neighborhoodId: n2, kind: 'qr', label: '别的居民区' })
  })

  it('prints every active wall point of the neighborhood, one page each, in natural order', async () => {
    const res = await api(`/staff/posters/${n1}`, { cookie: w.cookies.staff })
    expect(res.status, res.text.slice(0, 300)).toBe(200)
    expect(res.res.headers.get('content-type')).toContain('text/html')
    const posters = postersOf(res.text)
    expect(posters).toHaveLength(3)
    expect(posters[0]).toContain('2号楼楼道')
    expect(posters[1]).toContain('10号楼楼道')
    expect(posters[2]).toContain('社区会客厅意见箱')
    for (const [i, code] of [points[1].code, points[0].code, points[2].code].entries())
      expect(posters[i]).toContain(`/q/${code}`)
    expect(res.text).not.toContain('旧点位')
    expect(res.text).not.toContain('别的居民区')
    // one A4 page per poster when printed, the screen note not printed
    expect(res.text).toMatch(/\.poster\{break-after:page/)
    expect(res.text).toMatch(/@media print\{\.screen\{display:none\}\}/)
    expect(res.text).toContain('共 3 张')
  })

  it("carries the committee's name and phone on every poster", async () => {
    const res = await api(`/staff/posters/${n1}`, { cookie: w.cookies.staff })
    for (const poster of postersOf(res.text)) {
      expect(poster).toContain(`不方便扫码？请打电话给${n1Name}居委会：`)
      expect(poster).toContain(PHONE)
    }
    const en = await api(`/staff/posters/${n1}?lang=en`, { cookie: w.cookies.staff })
    expect(postersOf(en.text)[0]).toContain(`Call the ${n1Name} residents`)
  })

  it('the single poster of a point carries them too; without a phone, no such line', async () => {
    const one = await api(`/q/${points[0].code}/poster`)
    expect(one.status).toBe(200)
    expect(postersOf(one.text)).toHaveLength(1)
    expect(postersOf(one.text)[0]).toContain(PHONE)
    const other = await createChannel({ neighborhoodId: n2, kind: 'qr', label: '无电话点位' })
    const none = await api(`/q/${other.code}/poster`)
    expect(none.status).toBe(200)
    expect(none.text).not.toContain('不方便扫码')
  })

  it('asks to sign in first, and answers 404 outside the scope or for no neighborhood', async () => {
    const anon = await api(`/staff/posters/${n1}`)
    expect(anon.status).toBe(401)
    expect(anon.text).toContain('请先登录')
    expect((await api(`/staff/posters/${n2}`, { cookie: w.cookies.staff })).status).toBe(404)
    expect((await api(`/staff/posters/${n2}`, { cookie: w.cookies.town })).status).toBe(200)
    expect((await api('/staff/posters/999999', { cookie: w.cookies.admin })).status).toBe(404)
    expect((await api('/staff/posters/abc', { cookie: w.cookies.admin })).status).toBe(404)
  })
})
