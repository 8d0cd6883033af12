import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { NOTICE_VERSION } from '../worker/domain/privacy/consent'
import { api, createActivity, createWorld } from './helpers'
import {
  clientAddress,
  getPage,
  inputValue,
  postPage,
  receiptCode,
  residentCategory,
  residentChannel,
} from './pages-fixtures'

// The privacy page (#17 point 3): in Chinese and English, the retention in force, linked from
// every form; forms record the notice version with the consent (point 2), and withdrawing the
// consent to be contacted is one step and takes effect at once.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number

beforeAll(async () => {
  w = await createWorld()
  n1 = w.neighborhoodIds[0]!
})

const consentRows = (subjectType: string, subjectId: number) =>
  env.DB.prepare(
    'SELECT purpose, phone, notice_version, given_via, withdrawn_at, withdrawn_via FROM consents WHERE subject_type = ? AND subject_id = ?',
  )
    .bind(subjectType, subjectId)
    .all()
    .then((r) => r.results)

describe('/privacy', () => {
  it('says who, what, why, how long (the periods in force), who sees it, where, rights and contact', async () => {
    const zh = await getPage('/privacy')
    expect(zh.status).toBe(200)
    for (const heading of [
      '我们收集什么，为什么',
      '保存多久',
      '谁能看到',
      '存在哪里',
      '查阅、复制、删除和撤回同意',
      '联系我们',
    ])
      expect(zh.text).toContain(heading)
    expect(zh.text).toMatch(
      /data-kind="topic_contact">议题联系人信息：保存 议题办结（最终状态）后 <strong>365 天<\/strong>/,
    )
    expect(zh.text).toMatch(
      /data-kind="child">儿童信息和敏感回答：保存 活动结束（或表单关闭）后 <strong>30 天<\/strong>/,
    )
    expect(zh.text).toMatch(/data-kind="registration">[^<]*<strong>183 天/)
    expect(zh.text).toContain('15 个工作日')
    // Phones masked for staff too; each reveal and export logged with its purpose (#17.6).
    expect(zh.text).toContain('手机号对工作人员也只显示部分号码')
    expect(zh.text).toContain('每次都会记录查看人和用途')
    expect(zh.text).toContain('导出含个人信息的表格都会记录导出人和用途')
    expect(zh.text).toContain(NOTICE_VERSION)
    const en = await getPage('/privacy?lang=en')
    expect(en.text).toContain('<html lang="en">')
    expect(en.text).toContain('How long we keep it')
    expect(en.text).toMatch(/<strong>30 days<\/strong>/)
    expect(en.text).toContain('Phone numbers are partly hidden from staff too')
    expect(en.text).toContain('href="/privacy?lang=en"')
  })

  it('is linked from every form, with the withdrawal: needs, registration, survey, meeting door, /me', async () => {
    const channel = await residentChannel(n1)
    const { activity } = await createActivity(w.cookies.staff, n1)
    const form = await api('/api/forms', {
      cookie: w.cookies.staff,
      body: {
        townId: w.townId,
        neighborhoodId: n1,
        slug: `pv-${Date.now().toString(36)}`,
        title: '满意度调查',
        status: 'open',
        fields: [{ label: '满意吗', type: 'single', required: true, options: ['是', '否'] }],
      },
    })
    expect(form.status, JSON.stringify(form.body)).toBe(201)
    const meeting = await api('/api/meetings', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, kind: 'council', startsAt: Date.now() },
    })
    for (const path of [
      `/q/${channel.code}`,
      `/a/${activity.slug}`,
      `/s/${form.body.slug}`,
      `/m/${meeting.body.code}`,
      '/me',
    ]) {
      const page = await getPage(path)
      expect(page.status, path).toBe(200)
      expect(page.text, path).toContain('<a href="/privacy">个人信息保护说明</a>')
      // Withdrawing is as easy as giving: one tap from every form and from /me.
      expect(page.text, path).toContain('<a href="/privacy/withdraw">撤回同意</a>')
    }
    const en = await getPage(`/s/${form.body.slug}?lang=en`)
    expect(en.text).toContain('<a href="/privacy/withdraw?lang=en">Withdraw consent</a>')
  })
})

describe('consents recorded with the notice version, withdrawn at once', () => {
  it('the needs form records the contact consent; the tracking code withdraws it and erases the contact', async () => {
    const categoryId = await residentCategory()
    const channel = await residentChannel(n1)
    const from = clientAddress()
    const page = await getPage(`/q/${channel.code}`, from)
    const filed = await postPage(
      `/q/${channel.code}`,
      {
        key: inputValue(page.text, 'key')!,
        title: '垃圾房门坏了关不上',
        details: '',
        categoryId: String(categoryId),
        where: '3号楼',
        name: '王小明',
        phone: '138 1234 5678',
        consent: '1',
        confirmed: '1',
      },
      from,
    )
    const code = receiptCode(filed.text)!
    expect(code, filed.text.slice(0, 2000)).toBeTruthy()
    const topic = (await env.DB.prepare(
      'SELECT id, submitter_phone FROM topics WHERE tracking_code = ?',
    )
      .bind(code)
      .first<{ id: number; submitter_phone: string }>())!
    expect(topic.submitter_phone).toBe('13812345678')
    expect(await consentRows('topic', topic.id)).toEqual([
      {
        purpose: 'contact',
        phone: '13812345678',
        notice_version: NOTICE_VERSION,
        given_via: 'web',
        withdrawn_at: null,
        withdrawn_via: null,
      },
    ])

    const form = await getPage('/privacy/withdraw')
    expect(form.text).toContain('name="code"')
    const bad = await postPage('/privacy/withdraw', { code: 'nope' }, clientAddress())
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('value="nope"') // what the resident typed is kept
    const done = await postPage('/privacy/withdraw', { code: code.toLowerCase() }, clientAddress())
    expect(done.status).toBe(200)
    expect(done.text).toContain('已撤回同意')
    const [consent] = await consentRows('topic', topic.id)
    expect(consent).toMatchObject({ withdrawn_via: 'web' })
    expect(consent!.withdrawn_at).toBeGreaterThan(0)
    expect(
      await env.DB.prepare('SELECT submitter_name, submitter_phone, title FROM topics WHERE id = ?')
        .bind(topic.id)
        .first(),
    ).toEqual({ submitter_name: null, submitter_phone: null, title: '垃圾房门坏了关不上' })
    // Staff no longer see a contact for the topic.
    const staffView = await api(`/api/topics/${topic.id}`, { cookie: w.cookies.staff })
    expect(staffView.body.submitterPhone ?? null).toBeNull()
  })

  it('the meeting door records the consent to keep a name and phone', async () => {
    const meeting = await api('/api/meetings', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, kind: 'council', startsAt: Date.now() },
    })
    const signed = await postPage(`/m/${meeting.body.code}`, {
      key: `door-pv-${Date.now()}`,
      name: '陈二',
      phone: '13912345678',
      consent: '1',
    })
    expect(signed.status).toBe(200)
    const a = (await env.DB.prepare('SELECT id FROM meeting_attendees WHERE meeting_id = ?')
      .bind(meeting.body.id)
      .first<{ id: number }>())!
    expect(await consentRows('meeting_attendee', a.id)).toMatchObject([
      { purpose: 'contact', phone: '13912345678', notice_version: NOTICE_VERSION },
    ])
  })
})
