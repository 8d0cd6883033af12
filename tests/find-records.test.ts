// 查找我的记录 (/me) and the verified phone (#16 point 5, #12 point 2): a one-time code by SMS
// through the providers' stand-in (scripts/lib/provider-standin.mjs), its limits, tries and expiry; the
// records a verified phone sees; a "me too" with a phone becomes a voice once the phone is
// verified, one per phone and project; staff verify in person; without a provider the page says
// how the committee helps.
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { app } from '../worker/app'
import { createDb } from '../worker/db/client'
import { issueCode, tryCode } from '../worker/db/queries/verification/codes'
import {
  codeRequestRefusal,
  codeState,
  newOtp,
  OTP_LIMITS,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_MS,
  phoneOf,
} from '../worker/domain/verification/otp'
import {
  api,
  clearOfWindowEdge,
  createActivity,
  createWorld,
  ORIGIN,
  VIA_CLOUDFLARE,
} from './helpers'
import {
  getPage,
  inputValue,
  postPage,
  receiptCode,
  residentProject,
  residentTopic,
} from './pages-fixtures'
import { STANDIN } from '../scripts/lib/provider-standin.mjs'

const standin = inject('standin')

/** The deployment with 阿里云短信 configured, pointed at the stand-in. */
const smsEnv = {
  ...env,
  ALIYUN_SMS_ACCESS_KEY_ID: STANDIN.aliyun.accessKeyId,
  ALIYUN_SMS_ACCESS_KEY_SECRET: STANDIN.aliyun.accessKeySecret,
  ALIYUN_SMS_SIGN_NAME: STANDIN.aliyun.signName,
  ALIYUN_SMS_ENDPOINT: standin.url,
  SMS_OTP_TEMPLATE_ID: STANDIN.templateId,
}

type Page = { status: number; text: string; res: Response }

let ip = 0
/** A client address of its own per call site, so one test's limits do not touch another's. */
const newAddress = () => ({ 'cf-connecting-ip': `192.0.2.${++ip}` })

/** A request to the app as deployed with SMS (the default test env has no provider). */
const withSms = async (
  path: string,
  init: { form?: Record<string, string>; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Page> => {
  const headers: Record<string, string> = {
    'cf-connecting-ip': '192.0.2.250',
    ...init.headers,
  }
  if (init.cookie) headers.cookie = init.cookie
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded'
  const res = await app.request(
    `${ORIGIN}${path}`,
    {
      ...VIA_CLOUDFLARE,
      method: init.form ? 'POST' : 'GET',
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    },
    smsEnv,
  )
  return { status: res.status, text: await res.text(), res }
}
/** The last code the stand-in texted to `phone`. */
const codeSentTo = async (phone: string) => {
  const sent = (await (await fetch(`${standin.url}/_sent`)).json()) as {
    to: string
    params: { code: string }
  }[]
  return sent.filter((m) => m.to === phone).at(-1)?.params.code
}

let phoneSeq = 0
const newPhone = () =>
  `137${String(Date.now() % 1e4).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`

/** Asks for a code and types it: the session cookie. */
const verify = async (phone: string, from = newAddress()) => {
  const asked = await withSms('/me/code', { form: { phone }, headers: from })
  expect(asked.status, asked.text).toBe(200)
  const code = await codeSentTo(phone)
  const done = await withSms('/me/verify', { form: { phone, code: code! }, headers: from })
  expect(done.status, done.text).toBe(303)
  return done.res.headers.get('set-cookie')!.split(';')[0]
}

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let slug: string
beforeAll(async () => {
  w = await createWorld()
  slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(w.neighborhoodIds[0])
    .first<{ slug: string }>())!.slug
})

describe('without an SMS provider', () => {
  it('explains how the committee helps, and a posted number never fails', async () => {
    const page = await getPage('/me')
    expect(page.status).toBe(200)
    expect(page.text).toContain('查找我的记录')
    expect(page.text).toContain('暂时不能用短信验证')
    expect(page.text).toContain('居委会')
    expect(page.text).not.toContain('name="phone"')
    const posted = await postPage('/me/code', { phone: '13800138000' })
    expect(posted.status).toBe(200)
    expect(posted.text).toContain('暂时不能用短信验证')
    const en = await getPage('/me?lang=en')
    expect(en.text).toContain('Find my records')
    expect(en.text).toContain('committee office')
  })
})

describe('one-time codes', () => {
  it('normalises phones as the other forms do', () => {
    expect(phoneOf(' +86 138-0013-8000 ')).toBe('13800138000')
    expect(phoneOf('１３８００１３８０００')).toBe('13800138000')
    expect(phoneOf('12800138000')).toBeNull()
    expect(newOtp()).toMatch(/^\d{6}$/)
  })

  it('sends a 6-digit code by SMS and stores only its hash', async () => {
    const phone = newPhone()
    const page = await withSms('/me/code', {
      form: { phone: ` ${phone.slice(0, 3)} ${phone.slice(3)}` },
    })
    expect(page.status, page.text).toBe(200)
    expect(page.text).toContain('输入短信验证码')
    expect(page.text).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
    const code = await codeSentTo(phone)
    expect(code).toMatch(/^\d{6}$/)
    const row = await env.DB.prepare('SELECT * FROM phone_codes WHERE phone = ?')
      .bind(phone)
      .first()
    expect(JSON.stringify(row)).not.toContain(code)
  })

  it('limits codes per phone and per client address', async () => {
    await clearOfWindowEdge(OTP_LIMITS.phone.windowMs)
    await clearOfWindowEdge(OTP_LIMITS.address.windowMs)
    const phone = newPhone()
    const statuses: number[] = []
    for (let i = 0; i < 4; i++)
      statuses.push((await withSms('/me/code', { form: { phone }, headers: newAddress() })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const refused = await withSms('/me/code', { form: { phone }, headers: newAddress() })
    expect(refused.text).toContain('这个手机号获取验证码太频繁了')
    expect(refused.res.headers.get('retry-after')).toBeTruthy()
    expect(inputValue(refused.text, 'phone')).toBe(phone)

    const from = newAddress()
    const byAddress: number[] = []
    for (let i = 0; i < 11; i++)
      byAddress.push(
        (await withSms('/me/code', { form: { phone: newPhone() }, headers: from })).status,
      )
    expect(byAddress.slice(0, 10).every((s) => s === 200)).toBe(true)
    expect(byAddress[10]).toBe(429)
  })

  it('takes a few tries per code, counts them, and lets the right one in once', async () => {
    const phone = newPhone()
    const from = newAddress()
    await withSms('/me/code', { form: { phone }, headers: from })
    const code = (await codeSentTo(phone))!
    const wrong = code === '000000' ? '111111' : '000000'
    const first = await withSms('/me/verify', { form: { phone, code: wrong }, headers: from })
    expect(first.status).toBe(422)
    expect(first.text).toContain(`还可以再试 ${OTP_MAX_ATTEMPTS - 1} 次`)
    expect(inputValue(first.text, 'code')).toBe(wrong)
    const junk = await withSms('/me/verify', { form: { phone, code: 'abc' }, headers: from })
    expect(junk.status).toBe(422)
    expect(junk.text).toContain('验证码是 6 位数字')
    const ok = await withSms('/me/verify', { form: { phone, code }, headers: from })
    expect(ok.status).toBe(303)
    expect(ok.res.headers.get('set-cookie')).toMatch(/jushou_me=[0-9a-f]{48}.*Path=\/me.*HttpOnly/i)
    const reused = await withSms('/me/verify', { form: { phone, code }, headers: from })
    expect(reused.status).toBe(422)
    expect(reused.text).toContain('请先获取验证码')
  })

  it('refuses a code request over a limit, the address first (the domain decides)', () => {
    const { phone, phoneDay, address } = OTP_LIMITS
    const within = { phone: phone.limit, phoneDay: phoneDay.limit, address: address.limit }
    expect(codeRequestRefusal(within)).toBeNull()
    expect(codeRequestRefusal({ ...within, phone: phone.limit + 1 })).toBe('phone')
    expect(codeRequestRefusal({ ...within, phoneDay: phoneDay.limit + 1 })).toBe('phone')
    expect(codeRequestRefusal({ ...within, phone: 99, address: address.limit + 1 })).toBe('address')
  })

  it('expires after 10 minutes and after the last try (time travel)', async () => {
    const db = createDb(env.DB)
    const phone = newPhone()
    const t0 = Date.UTC(2026, 0, 5, 9)
    const code = newOtp()
    expect(await issueCode(db, phone, code, 'addr-expiry', t0)).toHaveProperty('id')
    expect(await tryCode(db, phone, code, t0 + OTP_TTL_MS)).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(
      codeState({ expiresAt: t0 + OTP_TTL_MS, attempts: 0, usedAt: null }, t0 + OTP_TTL_MS - 1),
    ).toBe('open')

    const other = newPhone()
    const right = newOtp()
    await issueCode(db, other, right, 'addr-expiry', t0)
    const wrong = right === '000000' ? '111111' : '000000'
    for (let i = 1; i <= OTP_MAX_ATTEMPTS; i++)
      expect(await tryCode(db, other, wrong, t0 + 1000)).toEqual({
        ok: false,
        reason: 'wrong',
        left: OTP_MAX_ATTEMPTS - i,
      })
    expect(await tryCode(db, other, right, t0 + 2000)).toEqual({ ok: false, reason: 'used_up' })
    // A new code replaces the spent one.
    const fresh = newOtp()
    await issueCode(db, other, fresh, 'addr-expiry', t0 + 3000)
    expect(await tryCode(db, other, right, t0 + 4000)).toMatchObject({ ok: false, reason: 'wrong' })
    expect(await tryCode(db, other, fresh, t0 + 5000)).toEqual({ ok: true })

    // On the page: a code whose 10 minutes have passed is refused with a word to ask again.
    const pagePhone = newPhone()
    const from = newAddress()
    await withSms('/me/code', { form: { phone: pagePhone }, headers: from })
    await env.DB.prepare('UPDATE phone_codes SET expires_at = ? WHERE phone = ?')
      .bind(Date.now() - 1, pagePhone)
      .run()
    const late = await withSms('/me/verify', {
      form: { phone: pagePhone, code: (await codeSentTo(pagePhone))! },
      headers: from,
    })
    expect(late.status).toBe(422)
    expect(late.text).toContain('验证码已过期，请重新获取')
  })

  it('says so when the provider throttles the number (retryable) or refuses it', async () => {
    const throttled = await withSms('/me/code', { form: { phone: STANDIN.throttledPhone } })
    expect(throttled.status).toBe(503)
    expect(throttled.text).toContain('短信暂时发不出去')
    expect(inputValue(throttled.text, 'phone')).toBe(STANDIN.throttledPhone)
    const noTemplate = await app.request(
      `${ORIGIN}/me/code`,
      {
        ...VIA_CLOUDFLARE,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...newAddress() },
        body: `phone=${newPhone()}`,
      },
      { ...smsEnv, SMS_OTP_TEMPLATE_ID: 'SMS_9999' },
    )
    expect(noTemplate.status).toBe(422)
    expect(await noTemplate.text()).toContain('这个号码收不到验证短信')
    const bad = await withSms('/me/code', { form: { phone: '123' } })
    expect(bad.status).toBe(422)
    expect(bad.text).toContain('请填写 11 位手机号')
  })
})

describe('the records of a verified phone', () => {
  it('lists tracking codes, supports, registrations with manage links and survey receipts', async () => {
    const phone = newPhone()
    const topic = await residentTopic(w.neighborhoodIds[0], {
      title: '楼道灯不亮',
      submitterPhone: phone,
    })
    await residentTopic(w.neighborhoodIds[0], { title: '别人的议题', submitterPhone: newPhone() })
    const { activity, sessions } = await createActivity(w.cookies.staff, w.neighborhoodIds[0], {
      title: '重阳节敬老活动',
    })
    const now = Date.now()
    await env.DB.prepare(
      `INSERT INTO registrations (session_id, activity_id, name, phone, status, seq, token, checkin_code, created_at)
       VALUES (?, ?, '张阿姨', ?, 'confirmed', 1, 'regtoken-find-1', 'CHK-FIND1', ?)`,
    )
      .bind(sessions[0].id, activity.id, phone, now)
      .run()
    const form = await env.DB.prepare(
      `INSERT INTO forms (town_id, slug, title, status, created_at, updated_at) VALUES (?, 'find-survey', '垃圾分类问卷', 'open', ?, ?) RETURNING id`,
    )
      .bind(w.townId, now, now)
      .first<{ id: number }>()
    await env.DB.prepare(
      `INSERT INTO form_responses (form_id, version, answers, phone, receipt, created_at) VALUES (?, 1, '{}', ?, 'RCPT-FIND-1', ?)`,
    )
      .bind(form!.id, phone, now)
      .run()

    const cookie = await verify(phone)
    const page = await withSms('/me', { cookie })
    expect(page.status).toBe(200)
    expect(page.text).toContain('楼道灯不亮')
    expect(page.text).toContain(`href="/t/${topic.code}"`)
    expect(page.text).not.toContain('别人的议题')
    expect(page.text).toContain('重阳节敬老活动')
    expect(page.text).toContain('href="/r/regtoken-find-1"')
    expect(page.text).toContain('垃圾分类问卷')
    expect(page.text).toContain('href="/s/find-survey/r/RCPT-FIND-1"')
    expect(page.text).toContain('手机号已验证')
    expect(page.text).not.toContain(phone)

    const out = await withSms('/me/sign-out', { form: {}, cookie })
    expect(out.status).toBe(303)
    const after = await withSms('/me', { cookie })
    expect(after.text).not.toContain('楼道灯不亮')
    expect(after.text).toContain('name="phone"')
  })
})

describe('a verified supporter may rate, an unverified one may not', () => {
  const support = (topicId: number) =>
    postPage(
      `/b/${slug}/support`,
      { key: crypto.randomUUID(), topicId: String(topicId) },
      newAddress(),
    )
  const rate = async (code: string) => {
    const form = await getPage(`/t/${code}/evaluate`)
    return postPage(`/t/${code}/evaluate`, {
      key: inputValue(form.text, 'key') ?? crypto.randomUUID(),
      resolved: 'solved',
      satisfaction: '4',
      comment: '',
    })
  }

  it('leaves a phone with a me-too, verifies it, then rates once per phone', async () => {
    const topicA = await residentTopic(w.neighborhoodIds[0], {
      status: 'accepted',
      title: '健身器材坏了',
    })
    const topicB = await residentTopic(w.neighborhoodIds[0], {
      status: 'accepted',
      title: '健身器材生锈',
    })
    const tick = await support(topicA.id)
    expect(tick.text).toContain('留下手机号，参与评议')
    const codeA = receiptCode(tick.text)!
    const codeB = receiptCode((await support(topicB.id)).text)!
    const phone = newPhone()

    const left = await withSms('/me/support-phone', { form: { code: codeA, phone } })
    expect(left.status, left.text).toBe(200)
    expect(left.text).toContain('已记下您的手机号')
    expect(inputValue(left.text, 'phone')).toBe(phone)
    expect((await withSms('/me/support-phone', { form: { code: codeB, phone } })).status).toBe(200)
    const badPhone = await withSms('/me/support-phone', { form: { code: codeB, phone: '12' } })
    expect(badPhone.status).toBe(422)
    expect(inputValue(badPhone.text, 'phone')).toBe('12')

    const projectId = await residentProject(w.neighborhoodIds[0], {
      title: '健身苑点更新',
      status: 'done',
      topicIds: [topicA.id, topicB.id],
    })
    await env.DB.prepare("UPDATE topics SET status = 'done' WHERE id IN (?, ?)")
      .bind(topicA.id, topicB.id)
      .run()

    expect((await rate(codeA)).status).toBe(409) // not verified yet
    await verify(phone)
    const verified = await env.DB.prepare(
      'SELECT count(*) AS n FROM supports WHERE phone = ? AND phone_verified_at IS NOT NULL',
    )
      .bind(phone)
      .first<{ n: number }>()
    expect(verified!.n).toBe(2)
    const first = await rate(codeA)
    expect(first.status, first.text).toBe(200)
    // The same phone's other code: one voice per phone and project.
    expect((await rate(codeB)).status).toBe(409)
    const rows = await env.DB.prepare(
      'SELECT tracking_code AS code, source FROM evaluations WHERE project_id = ?',
    )
      .bind(projectId)
      .all()
    expect(rows.results).toEqual([{ code: codeA, source: 'verified' }])
    // Once verified, the support's phone cannot be swapped for another.
    expect(
      (await withSms('/me/support-phone', { form: { code: codeA, phone: newPhone() } })).status,
    ).toBe(409)
  })

  it('lets staff verify a phone in person (viewers may not), with the same effect', async () => {
    const topic = await residentTopic(w.neighborhoodIds[0], { status: 'accepted' })
    const code = receiptCode((await support(topic.id)).text)!
    const phone = newPhone()
    await withSms('/me/support-phone', { form: { code, phone } })
    const viewer = await api('/api/verified-phones', { cookie: w.cookies.viewer, body: { phone } })
    expect(viewer.status).toBe(403)
    const bad = await api('/api/verified-phones', {
      cookie: w.cookies.staff,
      body: { phone: '123' },
    })
    expect(bad.status).toBe(400)
    const r = await api('/api/verified-phones', {
      cookie: w.cookies.staff,
      body: { phone: ` ${phone} ` },
    })
    expect(r.status, r.text).toBe(201)
    expect(r.body).toMatchObject({ phone, verifiedVia: 'staff', supports: 1 })
    const row = await env.DB.prepare(
      'SELECT phone_verified_at AS at FROM supports WHERE tracking_code = ?',
    )
      .bind(code)
      .first<{ at: number | null }>()
    expect(row!.at).not.toBeNull()
    const audit = await env.DB.prepare(
      "SELECT after FROM audit_log WHERE resource = 'verified-phones' ORDER BY id DESC LIMIT 1",
    ).first<{ after: string }>()
    expect(audit!.after).not.toContain(phone)
  })
})
