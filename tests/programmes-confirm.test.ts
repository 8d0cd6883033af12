import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api } from './helpers'
import { getPage, inputValue, postPage, residentTopic } from './pages-fixtures'
import { createProgramme, createProgrammeWorld, rows, scalar, step } from './programmes-fixtures'

// 居民打钩: staff mark a public step done with its evidence; residents of that neighborhood
// confirm or dispute it once each (a tracking code of the neighborhood, or a volunteer's phone
// with their code); one device gives one voice per window; paper sheets add counts; the page
// works without JavaScript and stays small.

type World = Awaited<ReturnType<typeof createProgrammeWorld>>
let w: World
let slug: string
let items: { id: number; neighborhood_id: number; sort_order: number }[]
let codes: string[]
let otherCode: string

const gzipSize = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}

let ip = 0
/** A fresh client (address and browser) per call unless one is given. */
const device = (n = ++ip) => ({
  'cf-connecting-ip': `203.0.113.${n}`,
  'user-agent': `test-browser/${n}`,
})

const answer = async (
  itemId: number,
  fields: Record<string, string>,
  headers: Record<string, string> = device(),
) => {
  const page = await getPage(`/g/${slug}/${itemId}`, headers)
  const key = inputValue(page.text, 'key')!
  return postPage(`/g/${slug}/${itemId}`, { key, ...fields }, headers)
}

const counts = (itemId: number) =>
  rows<{ verdict: string; people: number }>(
    'SELECT verdict, sum(people) AS people FROM confirmations WHERE item_id = ? GROUP BY verdict ORDER BY verdict',
    itemId,
  )

beforeAll(async () => {
  w = await createProgrammeWorld(2)
  slug = (
    await rows<{ slug: string }>(
      'SELECT slug FROM neighborhoods WHERE id = ?',
      w.neighborhoodIds[0],
    )
  )[0].slug
  const p = await createProgramme(w.cookies.town, w.townId, [
    step('一次走访', { evidence: 'note' }),
    step('一次议事', { evidence: 'photo' }),
    step('一份台账', { evidence: 'number', public: false }),
  ])
  await api(`/api/programmes/${p.id}/apply`, { cookie: w.cookies.town, body: { all: true } })
  items = await rows(
    `SELECT ci.id, p.neighborhood_id, ci.sort_order FROM projects p JOIN checklist_items ci
     ON ci.project_id = p.id WHERE p.programme_id = ? AND p.neighborhood_id = ? ORDER BY ci.sort_order`,
    p.id,
    w.neighborhoodIds[0],
  )
  codes = []
  for (let i = 0; i < 6; i++) codes.push((await residentTopic(w.neighborhoodIds[0])).code)
  otherCode = (await residentTopic(w.neighborhoodIds[1])).code
  await env.DB.prepare(
    `INSERT INTO volunteers (phone, name, neighborhood_id, code, created_at, updated_at)
     VALUES ('13900001111', '王阿姨', ?, 'VOL234', ?, ?)`,
  )
    .bind(w.neighborhoodIds[0], Date.now(), Date.now())
    .run()
})

describe('staff mark a step done (POST /api/programme-items/:id/done)', () => {
  it('requires the evidence the step asks for, and audits it', async () => {
    const [visit, meeting] = items
    const bad = await api(`/api/programme-items/${visit.id}/done`, {
      cookie: w.cookies.staff,
      body: { note: '' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual({ note: '这一步要写明完成情况' })
    const badPhoto = await api(`/api/programme-items/${meeting.id}/done`, {
      cookie: w.cookies.staff,
      body: { photoUrl: 'javascript:alert(1)' },
    })
    expect(badPhoto.body.errors).toEqual({ photoUrl: '照片链接应以 http:// 或 https:// 开头' })
    const ok = await api(`/api/programme-items/${visit.id}/done`, {
      cookie: w.cookies.staff,
      body: { note: '书记带队走访 3 号楼、5 号楼 42 户', number: 42 },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body).toMatchObject({ done: true, state: 'done', evidence: { number: 42 } })
    const photo = await api(`/api/programme-items/${meeting.id}/done`, {
      cookie: w.cookies.staff,
      body: { photoUrl: 'https://example.com/yishi.jpg' },
    })
    expect(photo.status).toBe(200)
    expect(
      await scalar(
        "SELECT count(*) FROM audit_log WHERE resource = 'programme-items' AND action = 'done' AND record_id IN (?, ?)",
        String(visit.id),
        String(meeting.id),
      ),
    ).toBe(2)
  })

  it('is refused to viewers (403) and outside the scope (404)', async () => {
    expect(
      (
        await api(`/api/programme-items/${items[0].id}/done`, {
          cookie: w.cookies.viewer,
          body: { note: 'x' },
        })
      ).status,
    ).toBe(403)
    const other = await rows<{ id: number }>(
      `SELECT ci.id FROM checklist_items ci JOIN projects p ON p.id = ci.project_id
       WHERE p.neighborhood_id = ? AND ci.step_id IS NOT NULL LIMIT 1`,
      w.neighborhoodIds[1],
    )
    expect(
      (
        await api(`/api/programme-items/${other[0].id}/done`, {
          cookie: w.cookies.staff,
          body: { note: 'x' },
        })
      ).status,
    ).toBe(404)
  })
})

describe('GET /g/<slug>', () => {
  it('lists the public steps, done ones with their answers, without JavaScript and under 14 KB', async () => {
    const page = await getPage(`/g/${slug}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('一次走访')
    expect(page.text).toContain('居民确认 0 人，有异议 0 人')
    expect(page.text).not.toContain('一份台账')
    expect(page.text).not.toContain('<script')
    expect(await gzipSize(page.text)).toBeLessThan(14 * 1024)
    const one = await getPage(`/g/${slug}/${items[0].id}`)
    expect(one.status).toBe(200)
    expect(one.text).toContain('书记带队走访 3 号楼、5 号楼 42 户')
    expect(one.text).toContain('我确认已完成')
    expect(one.text).toContain('还没有做到')
    expect(inputValue(one.text, 'key')).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(await gzipSize(one.text)).toBeLessThan(14 * 1024)
    expect((await getPage(`/g/${slug}/${items[2].id}`)).status).toBe(404)
    expect((await getPage('/g/no-such-place')).status).toBe(404)
    // The neighborhood's board leads there.
    expect((await getPage(`/b/${slug}`)).text).toContain(`href="/g/${slug}"`)
  })
})

describe('POST /g/<slug>/<item> (one voice per resident)', () => {
  it('records a tracking code of the neighborhood once; a resend records nothing more', async () => {
    const itemId = items[0].id
    const headers = device()
    const page = await getPage(`/g/${slug}/${itemId}`, headers)
    const key = inputValue(page.text, 'key')!
    const first = await postPage(
      `/g/${slug}/${itemId}`,
      { key, voice: codes[0].toLowerCase().replace('-', ' '), verdict: 'confirmed' },
      headers,
    )
    expect(first.status, first.text).toBe(200)
    expect(first.text).toContain('已记下：您确认这一项已经完成。')
    const resend = await postPage(
      `/g/${slug}/${itemId}`,
      { key, voice: codes[0], verdict: 'confirmed' },
      headers,
    )
    expect(resend.status).toBe(200)
    expect(await counts(itemId)).toEqual([{ verdict: 'confirmed', people: 1 }])
    // The same code again, from another device and form: the first answer stands.
    const again = await answer(itemId, { voice: codes[0], verdict: 'disputed' })
    expect(again.status).toBe(409)
    expect(again.text).toContain('您已经打过钩了')
    expect(await counts(itemId)).toEqual([{ verdict: 'confirmed', people: 1 }])
  })

  it('answers 422 for the form key reused with another answer, and records nothing more', async () => {
    const itemId = items[0].id
    const headers = device()
    const page = await getPage(`/g/${slug}/${itemId}`, headers)
    const key = inputValue(page.text, 'key')!
    const first = await postPage(
      `/g/${slug}/${itemId}`,
      { key, voice: codes[5], verdict: 'confirmed' },
      headers,
    )
    expect(first.status, first.text).toBe(200)
    const before = await counts(itemId)
    const other = await postPage(
      `/g/${slug}/${itemId}`,
      { key, voice: codes[5], verdict: 'disputed', comment: '还没做完' },
      headers,
    )
    expect(other.status).toBe(422)
    expect(other.text).toContain('页面已过期')
    expect(inputValue(other.text, 'key')).not.toBe(key)
    expect(inputValue(other.text, 'voice')).toBe(codes[5])
    expect(await counts(itemId)).toEqual(before)
  })

  it('refuses codes of another neighborhood and unknown ones, keeping what was typed', async () => {
    const r = await answer(items[0].id, {
      voice: otherCode,
      verdict: 'confirmed',
      comment: '看到了',
    })
    expect(r.status).toBe(400)
    expect(r.text).toContain('这个查询码不是本小区的')
    expect(r.text).toContain(otherCode)
    const bad = await answer(items[0].id, { voice: 'ABC', verdict: 'confirmed' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('查询码应为 6 位')
    const none = await answer(items[0].id, { voice: codes[1] })
    expect(none.status).toBe(400)
    expect(none.text).toContain('请选择“我确认已完成”或“还没有做到”')
  })

  it('counts a cookie-less repeat from one device and address once within the window', async () => {
    const itemId = items[1].id
    const same = device()
    expect((await answer(itemId, { voice: codes[1], verdict: 'confirmed' }, same)).status).toBe(200)
    const second = await answer(itemId, { voice: codes[2], verdict: 'confirmed' }, same)
    expect(second.status).toBe(409)
    expect(second.text).toContain('这台手机刚打过钩')
    expect(await counts(itemId)).toEqual([{ verdict: 'confirmed', people: 1 }])
    // Another device is another voice; once the window passed, the same device is too.
    expect(
      (await answer(itemId, { voice: codes[2], verdict: 'disputed', comment: '还有照片里的堆物' }))
        .status,
    ).toBe(200)
    await env.DB.prepare(
      'UPDATE confirmations SET created_at = created_at - 3600000 WHERE item_id = ?',
    )
      .bind(itemId)
      .run()
    expect((await answer(itemId, { voice: codes[3], verdict: 'confirmed' }, same)).status).toBe(200)
    expect(await counts(itemId)).toEqual([
      { verdict: 'confirmed', people: 2 },
      { verdict: 'disputed', people: 1 },
    ])
  })

  it('takes a verified phone: a volunteer of the neighborhood with their code', async () => {
    const itemId = items[0].id
    const wrong = await answer(itemId, {
      voice: '139 0000 1111',
      vcode: 'XXXXXX',
      verdict: 'confirmed',
    })
    expect(wrong.status).toBe(400)
    const noCode = await answer(itemId, { voice: '13900001111', verdict: 'confirmed' })
    expect(noCode.text).toContain('填手机号时请同时填写志愿者码')
    const ok = await answer(itemId, {
      voice: '13900001111',
      vcode: 'vol-234',
      verdict: 'confirmed',
    })
    expect(ok.status, ok.text).toBe(200)
    const twice = await answer(itemId, {
      voice: '13900001111',
      vcode: 'VOL234',
      verdict: 'confirmed',
    })
    expect(twice.status).toBe(409)
    const stored = await rows<{ voice: string; source: string }>(
      "SELECT voice, source FROM confirmations WHERE item_id = ? AND source = 'volunteer'",
      itemId,
    )
    // The voice names the volunteer record, never the phone number.
    expect(stored).toHaveLength(1)
    expect(stored[0].voice).toMatch(/^volunteer:\d+$/)
  })

  it('is closed on a step not done, and once staff reopen it', async () => {
    const itemId = items[0].id
    await api(`/api/programme-items/${itemId}/reopen`, { cookie: w.cookies.staff, body: {} })
    const page = await getPage(`/g/${slug}/${itemId}`)
    expect(page.text).toContain('这一项还没有标记完成')
    expect(inputValue(page.text, 'voice')).toBeUndefined()
    const r = await postPage(
      `/g/${slug}/${itemId}`,
      { key: 'k123456789abcdef', voice: codes[4], verdict: 'confirmed' },
      device(),
    )
    expect(r.status).toBe(409)
    await api(`/api/programme-items/${itemId}/done`, {
      cookie: w.cookies.staff,
      body: { note: '补充走访后完成' },
    })
  })
})

describe('paper tick sheets and what is shown', () => {
  it('adds staff-entered counts (source 纸质) and shows the totals publicly and to staff', async () => {
    const itemId = items[1].id
    const paper = await api(`/api/programme-items/${itemId}/paper`, {
      cookie: w.cookies.staff,
      body: { confirmed: 10, disputed: 0, note: '楼组长收回的纸质打钩单' },
    })
    expect(paper.status, JSON.stringify(paper.body)).toBe(200)
    expect(paper.body).toMatchObject({
      confirmed: 12,
      disputed: 1,
      bySource: { paper: { confirmed: 10, disputed: 0 }, code: { confirmed: 2, disputed: 1 } },
    })
    expect(
      (
        await api(`/api/programme-items/${itemId}/paper`, {
          cookie: w.cookies.viewer,
          body: { confirmed: 1, disputed: 0 },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await api(`/api/programme-items/${itemId}/paper`, {
          cookie: w.cookies.staff,
          body: { confirmed: 0, disputed: 0 },
        })
      ).status,
    ).toBe(400)
    const page = await getPage(`/g/${slug}/${itemId}`)
    expect(page.text).toContain('居民确认 12 人，有异议 1 人')
    // Staff read the objection's words; the voice itself is not shown.
    const list = await api(
      `/api/confirmations?filter=${encodeURIComponent(JSON.stringify({ itemId, verdict: 'disputed' }))}`,
      { cookie: w.cookies.staff },
    )
    expect(list.body.map((r: any) => r.comment)).toEqual(['还有照片里的堆物'])
    expect(list.body[0]).not.toHaveProperty('voice')
    // A step with objections is flagged in the matrix.
    const programmeId = (
      await rows<{ programme_id: number }>(
        'SELECT p.programme_id FROM checklist_items ci JOIN projects p ON p.id = ci.project_id WHERE ci.id = ?',
        itemId,
      )
    )[0].programme_id
    const m = await api(`/api/programmes/${programmeId}/matrix`, { cookie: w.cookies.town })
    expect(m.body.rows[0].cells[1]).toMatchObject({ confirmed: 12, disputed: 1 })
    expect(m.body.rows[0].disputed).toBe(1)
  })
})
