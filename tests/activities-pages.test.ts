import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createUser, createWorld, signIn } from './helpers'

// The resident pages of activities (JS-free, ≤ 14 KB compressed) and the staff check-in pages.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

const gzipSize = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}

const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** Posts the registration form of a session as a browser would; returns the response. */
const postForm = (slug: string, sid: number, fields: Record<string, string>, ip = '10.1.1.1') =>
  api(`/a/${slug}/s/${sid}`, {
    body: formBody({ key: `k${crypto.randomUUID().replace(/-/g, '')}`, ...fields }),
    headers: { ...FORM, 'cf-connecting-ip': ip },
  })

const tokenOf = (location: string | null) => location!.match(/\/r\/([A-Za-z0-9_-]+)/)![1]

let world: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  world = await createWorld()
})

describe('GET /a/:key', () => {
  it('shows the activity and its sessions with seats left, within 14 KB compressed, without scripts', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        title: '暑托班（七月）',
        description: '面向小学生的暑期托管。\n\n每天上午 9 点到 11 点。',
        audience: '一至五年级学生',
      },
    )
    const r = await api(`/a/${activity.slug}`)
    expect(r.status).toBe(200)
    expect(r.text).toContain('暑托班（七月）')
    expect(r.text).toContain('剩余 50 个名额')
    expect(r.text).toContain(`href="/a/${activity.slug}/s/${sessions[0].id}"`)
    expect(r.text).not.toContain('<script')
    expect(r.res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await gzipSize(r.text)).toBeLessThanOrEqual(14 * 1024)
    const byId = await api(`/a/${activity.id}`)
    expect(byId.status).toBe(200)
    const en = await api(`/a/${activity.slug}?lang=en`)
    expect(en.text).toContain('50 of 50 places left')
  })

  it('answers 404 for a draft activity', async () => {
    const { activity } = await createActivity(world.cookies.staff, world.neighborhoodIds[0], {
      status: 'draft',
    })
    expect((await api(`/a/${activity.slug}`)).status).toBe(404)
  })

  it('says when registration opens and shows no form before then; the server refuses an early post', async () => {
    const opensAt = Date.UTC(2030, 6, 1, 1, 0) // 09:00 in Shanghai
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      { opensAt },
    )
    const page = await api(`/a/${activity.slug}/s/${sessions[0].id}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('报名将于 2030-07-01 09:00 开始')
    expect(page.text).not.toContain('<form method="post"')
    const early = await postForm(activity.slug, sessions[0].id, {
      name: '王芳',
      phone: '13800000001',
    })
    expect(early.status).toBe(409)
    expect(early.text).toContain('报名还没有开始')
  })
})

describe('the registration form', () => {
  it('labels every input and re-renders with values kept and errors tied to fields', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        questions: [
          {
            key: 'grade',
            type: 'single',
            label: '孩子年级',
            required: true,
            options: ['一年级', '二年级'],
          },
        ],
      },
    )
    const sid = sessions[0].id
    const form = await api(`/a/${activity.slug}/s/${sid}`)
    expect(form.status).toBe(200)
    for (const id of ['f-name', 'f-phone', 'f-partySize'])
      expect(form.text).toContain(`for="${id}"`)
    expect(form.text).toMatch(/name="key" value="[A-Za-z0-9_-]{16,}"/)
    expect(await gzipSize(form.text)).toBeLessThanOrEqual(14 * 1024)

    const bad = await postForm(activity.slug, sid, { name: '王芳', phone: '12345', partySize: '2' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('value="王芳"')
    expect(bad.text).toMatch(
      /id="f-phone"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-phone"/,
    )
    expect(bad.text).toContain('aria-describedby="phone-hint phone-err"')
    expect(bad.text).toContain('href="#f-q_grade"')
  })

  it('refuses in English on the English page: field errors, answers and an early post', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        questions: [
          {
            key: 'grade',
            type: 'single',
            label: '孩子年级',
            required: true,
            options: ['一年级', '二年级'],
          },
        ],
      },
    )
    const post = (slug: string, sid: number, fields: Record<string, string>) =>
      api(`/a/${slug}/s/${sid}?lang=en`, {
        body: formBody({ key: `k${crypto.randomUUID().replace(/-/g, '')}`, ...fields }),
        headers: { ...FORM, 'cf-connecting-ip': '10.1.1.2' },
      })
    const bad = await post(activity.slug, sessions[0].id, {
      name: '',
      phone: '12345',
      partySize: '9',
    })
    expect(bad.status).toBe(400)
    for (const text of [
      'Please fill in your name',
      'A mobile number has 11 digits',
      'At most 3 people per registration',
      'Please choose one',
    ])
      expect(bad.text).toContain(text)
    expect(bad.text).not.toMatch(/请填写|手机号应为|每份报名|请选择/)

    const early = await createActivity(world.cookies.staff, world.neighborhoodIds[0], {
      opensAt: Date.UTC(2030, 6, 1, 1, 0),
    })
    const refused = await post(early.activity.slug, early.sessions[0].id, {
      name: 'Wang Fang',
      phone: '13800000002',
    })
    expect(refused.status).toBe(409)
    expect(refused.text).toContain('Registration has not opened yet')
  })

  it('registers, shows the receipt with the QR and calendar, and a waitlist position when full', async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        sessions: [
          { label: '上午班', startsAt: start, endsAt: start + 7200_000, capacity: 2, maxParty: 2 },
        ],
      },
    )
    const sid = sessions[0].id
    const first = await postForm(activity.slug, sid, {
      name: '王芳',
      phone: '13800000011',
      partySize: '2',
    })
    expect(first.status, first.text).toBe(303)
    const token = tokenOf(first.res.headers.get('location'))
    const receipt = await api(`/r/${token}`)
    expect(receipt.status).toBe(200)
    expect(receipt.text).toContain('报名成功')
    expect(receipt.text).toContain('<svg')
    expect(receipt.text).toContain(`/r/${token}/calendar.ics`)
    expect(receipt.text).toContain('138****0011')
    expect(receipt.text).not.toContain('13800000011')
    expect(await gzipSize(receipt.text)).toBeLessThanOrEqual(14 * 1024)

    const second = await postForm(activity.slug, sid, {
      name: '李娜',
      phone: '13800000012',
      partySize: '1',
    })
    const waiting = await api(second.res.headers.get('location')!)
    expect(waiting.text).toContain('候补第 1 位')
    expect(waiting.text).not.toContain('<svg')

    const dup = await postForm(activity.slug, sid, {
      name: '王芳',
      phone: '13800000011',
      partySize: '1',
    })
    expect(dup.status).toBe(409)
    expect(dup.text).toContain('已经报名')

    const ics = await api(`/r/${token}/calendar.ics`)
    expect(ics.status).toBe(200)
    expect(ics.res.headers.get('content-type')).toContain('text/calendar')
    expect(ics.text).toContain('BEGIN:VEVENT')
    expect(ics.text).toContain(
      `DTSTART:${new Date(start)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`,
    )
    expect(ics.text).toContain('LOCATION:社区活动室')
  })
})

describe('cancelling at /r/:token', () => {
  it('asks for confirmation, cancels with a POST and promotes the next in line', async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        sessions: [{ startsAt: start, endsAt: start + 7200_000, capacity: 1, maxParty: 1 }],
      },
    )
    const sid = sessions[0].id
    const a = tokenOf(
      (await postForm(activity.slug, sid, { name: '甲', phone: '13800000021' })).res.headers.get(
        'location',
      ),
    )
    const b = tokenOf(
      (await postForm(activity.slug, sid, { name: '乙', phone: '13800000022' })).res.headers.get(
        'location',
      ),
    )

    const confirm = await api(`/r/${a}/cancel`)
    expect(confirm.status).toBe(200)
    expect(confirm.text).toContain('确定取消报名吗')
    expect(confirm.text).toContain('name="confirm" value="yes"')

    const unconfirmed = await api(`/r/${a}/cancel`, { body: 'x=1', headers: FORM })
    expect(unconfirmed.status).toBe(303)
    expect((await api(`/r/${a}`)).text).toContain('报名成功')

    const done = await api(`/r/${a}/cancel`, { body: 'confirm=yes', headers: FORM })
    expect(done.status).toBe(303)
    const after = await api(done.res.headers.get('location')!)
    expect(after.text).toContain('已取消报名')
    expect(after.text).not.toContain('calendar.ics')
    const promoted = await api(`/r/${b}`)
    expect(promoted.text).toContain('报名成功')
    expect(promoted.text).toContain('递补成功')
  })
})

describe('check-in pages', () => {
  let slug: string
  let sid: number
  let qrPath: string
  let waitToken: string

  beforeAll(async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        sessions: [{ startsAt: start, endsAt: start + 7200_000, capacity: 2, maxParty: 1 }],
      },
    )
    slug = activity.slug
    sid = sessions[0].id
    await postForm(slug, sid, { name: '张伟', phone: '13912345678' })
    await postForm(slug, sid, { name: '刘洋', phone: '13987654321' })
    waitToken = tokenOf(
      (await postForm(slug, sid, { name: '陈静', phone: '13911112222' })).res.headers.get(
        'location',
      ),
    )
    const row = await env.DB.prepare(
      'SELECT checkin_code FROM registrations WHERE session_id = ? AND phone = ?',
    )
      .bind(sid, '13912345678')
      .first<{ checkin_code: string }>()
    qrPath = `/c/${row!.checkin_code}`
  })

  it('shows a scanned QR to anyone only as a note to show staff', async () => {
    const r = await api(qrPath)
    expect(r.status).toBe(200)
    expect(r.text).toContain('请把这个页面出示给工作人员')
    expect(r.text).not.toContain('张伟')
    // Staff who sign in from here come back here (admin/src/lib/next-after-login.ts).
    expect(r.text).toContain(`href="/admin/?next=${encodeURIComponent(qrPath)}"`)
    const en = await api(`${qrPath}?lang=en`)
    expect(en.text).toContain(`href="/admin/?next=${encodeURIComponent(`${qrPath}?lang=en`)}"`)
    const post = await api(qrPath, { method: 'POST', body: 'go=1', headers: FORM })
    expect(post.text).not.toContain('签到成功')
  })

  it('lets signed-in staff check a scanned registration in', async () => {
    const page = await api(qrPath, { cookie: world.cookies.staff })
    expect(page.text).toContain('张伟')
    expect(page.text).toContain('>签到<')
    const post = await api(qrPath, {
      method: 'POST',
      body: 'go=1',
      headers: FORM,
      cookie: world.cookies.staff,
    })
    expect(post.status).toBe(303)
    const done = await api(post.res.headers.get('location')!, { cookie: world.cookies.staff })
    expect(done.text).toContain('签到成功：张伟')
    const again = await api(qrPath, {
      method: 'POST',
      body: 'go=1',
      headers: FORM,
      cookie: world.cookies.staff,
    })
    expect(again.status).toBe(409)
    expect(again.text).toContain('已经签到过了')
  })

  it('does not let staff of another neighborhood check in', async () => {
    const other = await createUser('staff', { neighborhoodIds: [world.neighborhoodIds[1]] })
    const cookie = await signIn(other.username)
    const page = await api(qrPath, { cookie })
    expect(page.text).not.toContain('刘洋')
    expect((await api(`/staff/checkin/${sid}`, { cookie })).status).toBe(404)
  })

  it('lists the sessions in scope on the staff index page', async () => {
    const anon = await api('/staff/checkin')
    expect(anon.status).toBe(401)
    expect(anon.text).toContain('href="/admin/?next=%2Fstaff%2Fcheckin"')
    const r = await api('/staff/checkin', { cookie: world.cookies.staff })
    expect(r.status).toBe(200)
    expect(r.text).toContain(`href="/staff/checkin/${sid}"`)
  })

  it('asks for sign-in on the staff page, then finds by the last four digits and checks in', async () => {
    const anon = await api(`/staff/checkin/${sid}`)
    expect(anon.status).toBe(401)
    expect(anon.text).toContain('请先登录')
    expect(anon.text).toContain(`href="/admin/?next=%2Fstaff%2Fcheckin%2F${sid}"`)
    const list = await api(`/staff/checkin/${sid}?q=4321`, { cookie: world.cookies.staff })
    expect(list.status).toBe(200)
    expect(list.text).toContain('刘洋')
    expect(list.text).not.toContain('陈静')
    expect(list.text).toContain('name="viewport"')
    expect(await gzipSize(list.text)).toBeLessThanOrEqual(14 * 1024)
    const ids = await api(
      `/api/registrations?filter=${encodeURIComponent(JSON.stringify({ sessionId: sid }))}&sort=["seq","ASC"]`,
      { cookie: world.cookies.staff },
    )
    const [, liu, chen] = ids.body
    const post = await api(`/staff/checkin/${sid}/r/${liu.id}?q=4321`, {
      method: 'POST',
      body: 'go=1',
      headers: FORM,
      cookie: world.cookies.staff,
    })
    expect(post.status).toBe(303)
    const done = await api(post.res.headers.get('location')!, { cookie: world.cookies.staff })
    expect(done.text).toContain('签到成功：刘洋')
    const refused = await api(`/staff/checkin/${sid}/r/${chen.id}`, {
      method: 'POST',
      body: 'go=1',
      headers: FORM,
      cookie: world.cookies.staff,
    })
    expect(refused.status).toBe(409)
    expect(refused.text).toContain('候补中的报名不能签到')
    expect((await api(`/r/${waitToken}`)).text).toContain('候补第 1 位')
  })
})

describe('GET /a/:key/poster and /qr.svg', () => {
  it('serves a printable poster with the activity QR and the QR as SVG', async () => {
    const { activity } = await createActivity(world.cookies.staff, world.neighborhoodIds[0], {
      title: '社区运动会',
    })
    const poster = await api(`/a/${activity.slug}/poster`)
    expect(poster.status).toBe(200)
    expect(poster.text).toContain('社区运动会')
    expect(poster.text).toContain(`http://localhost/a/${activity.slug}`)
    const qr = await api(`/a/${activity.slug}/qr.svg`)
    expect(qr.res.headers.get('content-type')).toContain('image/svg+xml')
    expect(qr.text).toContain('<path')
  })
})
