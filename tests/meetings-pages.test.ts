import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld, fileTopic } from './helpers'
import { getPage, inputValue, postPage } from './pages-fixtures'

// What residents see of meetings: the door sign-in page /m/<code> (no JavaScript, ≤ 14 KB,
// Chinese by default, idempotent POST, personal data optional with consent, one sign-in per
// phone, phone masked), and a meeting's decisions on the board and on each topic's timeline.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number

const MINUTE = 60_000
const HAND = { present: 23, inFavour: 19, against: 2, abstain: 2 }

const gzipSize = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}
const signIns = async (meetingId: number) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM meeting_attendees WHERE meeting_id = ?')
    .bind(meetingId)
    .first<{ n: number }>())!.n

const meeting = async (body: Record<string, unknown> = {}, cookie = w.cookies.staff) => {
  const r = await api('/api/meetings', {
    cookie,
    body: {
      neighborhoodId: n1,
      kind: 'council',
      startsAt: Date.now() - 10 * MINUTE,
      place: '居委会二楼会议室',
      host: '书记 陈建国',
      ...body,
    },
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

beforeAll(async () => {
  w = await createWorld()
  n1 = w.neighborhoodIds[0]
})

describe('the door sign-in page /m/<code>', () => {
  it('shows the meeting, its agenda and a form that works without JavaScript, under 14 KB', async () => {
    const topic = await fileTopic(n1, { title: '3号楼门口路灯不亮' })
    const m = await meeting({ topicIds: [topic.id] })
    const page = await getPage(`/m/${m.code}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('<html lang="zh-CN"')
    expect(page.text).toContain('议事会签到')
    expect(page.text).toContain(m.title)
    expect(page.text).toContain('3号楼门口路灯不亮')
    expect(page.text).toContain('居委会二楼会议室')
    expect(page.text).toContain('已签到 0 人')
    expect(page.text).toMatch(/<form method="post" action="\/m\/[A-Z0-9]+"/)
    expect(page.text).not.toContain('<script')
    expect(inputValue(page.text, 'key')).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(await gzipSize(page.text)).toBeLessThan(14 * 1024)
    const en = await getPage(`/m/${m.code}?lang=en`)
    expect(en.text).toContain('Sign in')
    // codes are typed as printed: lower case and dashes do not matter
    expect(
      (await getPage(`/m/${m.code.toLowerCase().slice(0, 4)}-${m.code.slice(4)}`)).status,
    ).toBe(200)
    expect((await getPage('/m/AAAAAAAA')).status).toBe(404)
    expect((await getPage('/m/not-a-code!')).status).toBe(404)
  })

  it('counts a bare tap, once per key (a resend finds the first sign-in)', async () => {
    const m = await meeting()
    const form = { key: 'door-key-0001-abcdef' }
    const first = await postPage(`/m/${m.code}`, form)
    expect(first.status).toBe(200)
    expect(first.text).toContain('签到成功')
    expect(first.text).toContain('第 1 位')
    const again = await postPage(`/m/${m.code}`, form)
    expect(again.status).toBe(200)
    expect(again.text).toContain('第 1 位')
    expect(await signIns(m.id)).toBe(1)
    const second = await postPage(`/m/${m.code}`, { key: 'door-key-0002-abcdef' })
    expect(second.text).toContain('第 2 位')
    expect(await signIns(m.id)).toBe(2)
    const row = await env.DB.prepare(
      'SELECT name, phone, consent_at FROM meeting_attendees WHERE meeting_id = ? ORDER BY id LIMIT 1',
    )
      .bind(m.id)
      .first()
    expect(row).toEqual({ name: null, phone: null, consent_at: null })
  })

  it('answers 422 for the form key reused with another name or phone, and signs no one else in', async () => {
    const m = await meeting()
    const form = { key: 'door-key-0009-abcdef', name: '王建国', consent: '1' }
    const first = await postPage(`/m/${m.code}`, form)
    expect(first.text).toContain('签到成功')
    const other = await postPage(`/m/${m.code}`, { ...form, name: '李秀英' })
    expect(other.status).toBe(422)
    expect(other.text).toContain('页面已过期')
    expect(inputValue(other.text, 'name')).toBe('李秀英')
    expect(inputValue(other.text, 'key')).not.toBe(form.key)
    expect(await signIns(m.id)).toBe(1)
    // The same form sent again still finds the first sign-in.
    expect((await postPage(`/m/${m.code}`, form)).text).toContain('第 1 位')
  })

  it('keeps a name or phone only with consent, masks the phone, one sign-in per phone', async () => {
    const m = await meeting()
    const refused = await postPage(`/m/${m.code}`, {
      key: 'door-key-0003-abcdef',
      name: '王建国',
      phone: '138 1234 1234',
    })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('请先勾选同意')
    expect(inputValue(refused.text, 'name')).toBe('王建国')
    expect(inputValue(refused.text, 'phone')).toBe('138 1234 1234')
    expect(await signIns(m.id)).toBe(0)
    const badPhone = await postPage(`/m/${m.code}`, {
      key: 'door-key-0004-abcdef',
      phone: '12345',
      consent: '1',
    })
    expect(badPhone.status).toBe(400)
    expect(badPhone.text).toContain('请填写 11 位手机号')
    const ok = await postPage(`/m/${m.code}`, {
      key: 'door-key-0005-abcdef',
      name: '王建国',
      phone: '138 1234 1234',
      consent: '1',
    })
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('138****1234')
    expect(ok.text).not.toContain('13812341234')
    expect(ok.text).not.toContain('王建国')
    const row = await env.DB.prepare(
      'SELECT name, phone, consent_at FROM meeting_attendees WHERE meeting_id = ?',
    )
      .bind(m.id)
      .first<{ name: string; phone: string; consent_at: number }>()
    expect(row).toMatchObject({ name: '王建国', phone: '13812341234' })
    expect(row!.consent_at).toBeGreaterThan(0)
    const twice = await postPage(`/m/${m.code}`, {
      key: 'door-key-0006-abcdef',
      phone: '13812341234',
      consent: '1',
    })
    expect(twice.status).toBe(200)
    expect(twice.text).toContain('已经签到过了')
    expect(await signIns(m.id)).toBe(1)
    // the count on the public page, never the phone
    const page = await getPage(`/m/${m.code}`)
    expect(page.text).toContain('已签到 1 人')
    expect(page.text).not.toContain('1234')
  })

  it('takes no sign-in before the door opens, after it closes, or for a cancelled meeting', async () => {
    const later = await meeting({ startsAt: Date.now() + 2 * 86_400_000 })
    const page = await getPage(`/m/${later.code}`)
    expect(page.text).toContain('签到将于')
    expect(page.text).not.toContain('<form method="post"')
    const early = await postPage(`/m/${later.code}`, { key: 'door-key-0007-abcdef' })
    expect(early.status).toBe(409)
    expect(await signIns(later.id)).toBe(0)
    const past = await meeting({ startsAt: Date.now() - 86_400_000 })
    expect((await getPage(`/m/${past.code}`)).text).toContain('签到已经结束')
    expect((await postPage(`/m/${past.code}`, { key: 'door-key-0008-abcdef' })).status).toBe(409)
    const off = await meeting()
    await api(`/api/meetings/${off.id}`, {
      cookie: w.cookies.staff,
      method: 'PUT',
      body: { status: 'cancelled' },
    })
    expect((await getPage(`/m/${off.code}`)).text).toContain('本次会议已取消')
    expect((await postPage(`/m/${off.code}`, { key: 'door-key-0009-abcdef' })).status).toBe(409)
  })

  it('serves the door QR as SVG for the printed sheet', async () => {
    const m = await meeting()
    const qr = await getPage(`/m/${m.code}/qr.svg`)
    expect(qr.status).toBe(200)
    expect(qr.res.headers.get('content-type')).toContain('image/svg+xml')
    expect(qr.text).toMatch(/^<svg/)
  })
})

describe('decisions on the board and the timeline', () => {
  it('shows the minutes with each tally and decision, and the next meeting with its agenda', async () => {
    // A neighborhood of its own: the door tests above leave meetings under way in n1.
    const n2 = w.neighborhoodIds[1]
    const cookie = w.cookies.town
    const board2 = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
      .bind(n2)
      .first<{ slug: string }>())!.slug
    const a = await fileTopic(n2, { title: '12号楼加装电梯', status: 'accepted' })
    const b = await fileTopic(n2, { title: '小区东门停车难', status: 'accepted' })
    const c = await fileTopic(n2, { title: '广场舞音响扰民' })
    const held = await meeting({ neighborhoodId: n2, topicIds: [a.id, b.id, c.id] }, cookie)
    await api(`/api/meetings/${held.id}`, {
      cookie,
      method: 'PUT',
      body: { minutes: '三个议题逐项举手表决。', headcount: 25 },
    })
    const [ia, ib, ic] = held.items
    const tally = (itemId: number, body: Record<string, unknown>) =>
      api(`/api/meetings/${held.id}/items/${itemId}/tally`, { cookie, body })
    expect(
      (await tally(ia.id, { ...HAND, decision: 'adopt', project: { title: '12号楼加装电梯工程' } }))
        .status,
    ).toBe(200)
    expect(
      (await tally(ib.id, { ...HAND, decision: 'refer', referredTo: '大场镇城管中队' })).status,
    ).toBe(200)
    expect(
      (
        await tally(ic.id, {
          present: 23,
          inFavour: 3,
          against: 18,
          abstain: 2,
          decision: 'decline',
          note: '已与舞队协商降低音量',
        })
      ).status,
    ).toBe(200)
    const next = await fileTopic(n2, { title: '楼道灯不亮' })
    await meeting(
      {
        neighborhoodId: n2,
        startsAt: Date.now() + 3 * 86_400_000,
        topicIds: [next.id],
        title: '下周议事会',
      },
      cookie,
    )

    const board = await getPage(`/b/${board2}`)
    expect(board.status).toBe(200)
    expect(board.text).toContain('议事纪要')
    expect(board.text).toContain(held.title)
    expect(board.text).toContain('到会 25 人')
    expect(board.text).toContain('三个议题逐项举手表决。')
    expect(board.text).toContain('12号楼加装电梯</strong>：立项「12号楼加装电梯工程」')
    expect(board.text).toContain('转办至大场镇城管中队')
    expect(board.text).toContain('不予采纳（已与舞队协商降低音量）')
    expect(board.text).toContain('到会 23 人，赞成 19、反对 2、弃权 2')
    expect(board.text).toContain('近期议事')
    expect(board.text).toContain('下周议事会')
    expect(board.text).toContain('议题：楼道灯不亮')
    expect(await gzipSize(board.text)).toBeLessThan(14 * 1024)

    const track = await getPage(`/t/${a.trackingCode}`)
    expect(track.status).toBe(200)
    expect(track.text).toMatch(
      /经 \d+ 月 \d+ 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定立项，纳入项目「12号楼加装电梯工程」/,
    )
    const declined = await getPage(`/t/${c.trackingCode}`)
    expect(declined.text).toMatch(
      /经 \d+ 月 \d+ 日议事会（到会 23 人，赞成 3、反对 18、弃权 2）决定不予采纳：已与舞队协商降低音量/,
    )
  })
})
