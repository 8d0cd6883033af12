import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { NOTICE_VERSION } from '../worker/domain/privacy/consent'
import { retentionPolicy } from '../worker/domain/privacy/retention'
import { runRetention } from '../worker/db/queries/privacy/retention'
import { createDb } from '../worker/db/client'
import { api, createActivity, createWorld, registerJson } from './helpers'
import { clientAddress, getPage, inputValue, postPage } from './pages-fixtures'

// Children (#17 point 5): a guardian registers a child for 暑托班 with relationship, the child's
// name and age or school year and a specific guardian consent (recorded); the child's data is
// masked for every role but the activity's staff and is not exported without a logged reason.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number
let activity: { id: number; slug: string }
let session: { id: number }

beforeAll(async () => {
  w = await createWorld()
  n1 = w.neighborhoodIds[0]!
  const made = await createActivity(w.cookies.staff, n1, { title: '暑托班', forChildren: true })
  activity = made.activity
  session = made.sessions[0]
})

const form = (extra: Record<string, string>, key: string) => ({
  key,
  name: '李华',
  phone: '13911112222',
  partySize: '1',
  guardianRelation: '母亲',
  childName: '小明',
  childAge: '三年级',
  ...extra,
})

describe('a guardian registers a child', () => {
  it('asks the guardian’s part, refuses without the consent (keeping what was typed), records it with the notice version', async () => {
    expect(activity).toMatchObject({ forChildren: true })
    const path = `/a/${activity.slug}/s/${session.id}`
    const page = await getPage(path)
    expect(page.text).toContain('监护人姓名')
    expect(page.text).toContain('name="childName"')
    expect(page.text).toContain('name="guardianConsent"')
    const key = inputValue(page.text, 'key')!
    const from = clientAddress()
    const refused = await postPage(path, form({}, key), from)
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('请确认您是孩子的监护人并同意')
    expect(refused.text).toContain('value="小明"')
    const done = await postPage(path, form({ guardianConsent: '1' }, key), from)
    expect(done.status, done.text.slice(0, 500)).toBe(303)
    const reg = (await env.DB.prepare(
      'SELECT id, name, phone, guardian_relation, child_name, child_age FROM registrations WHERE session_id = ? AND phone = ?',
    )
      .bind(session.id, '13911112222')
      .first<Record<string, unknown>>())!
    expect(reg).toMatchObject({
      name: '李华',
      guardian_relation: '母亲',
      child_name: '小明',
      child_age: '三年级',
    })
    const consent = await env.DB.prepare(
      "SELECT purpose, phone, notice_version, given_via FROM consents WHERE subject_type = 'registration' AND subject_id = ?",
    )
      .bind(reg.id)
      .all()
    expect(consent.results).toEqual([
      {
        purpose: 'guardian',
        phone: '13911112222',
        notice_version: NOTICE_VERSION,
        given_via: 'web',
      },
    ])
  })

  it('shows the child’s data only to the activity’s staff', async () => {
    const list = (cookie: string) =>
      api(
        `/api/registrations?filter=${encodeURIComponent(JSON.stringify({ activityId: activity.id }))}`,
        { cookie },
      )
    const staff = await list(w.cookies.staff)
    // The guardian's phone is masked for the activity's staff too (#17.6: a logged reveal shows it).
    expect(staff.body[0]).toMatchObject({
      childName: '小明',
      childAge: '三年级',
      phone: '139****2222',
    })
    for (const role of ['admin', 'town', 'viewer'] as const) {
      const r = await list(w.cookies[role])
      expect(r.body[0], role).toMatchObject({
        childName: '小*',
        childAge: '***',
        phone: '139****2222',
      })
    }
  })

  it('is never exported without a stated reason, which is logged', async () => {
    const url = `/api/registrations/export?filter=${encodeURIComponent(JSON.stringify({ activityId: activity.id }))}`
    const refused = await api(url, { cookie: w.cookies.staff })
    expect(refused.status).toBe(403)
    const ok = await api(`${url}&reason=${encodeURIComponent('交给带班老师的点名册')}`, {
      cookie: w.cookies.staff,
    })
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('小明')
    const entry = await env.DB.prepare(
      "SELECT user_id, resource, record_id, after FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1",
    ).first<{ user_id: number; resource: string; record_id: string; after: string }>()
    expect(entry).toMatchObject({
      user_id: w.users.staff.id,
      resource: 'registrations',
    })
    expect(JSON.parse(entry!.after)).toMatchObject({
      rows: 1,
      filter: { activityId: activity.id },
      reason: '交给带班老师的点名册',
    })
    // A purpose chosen from the list (as the admin asks it) is a stated reason too; a purpose
    // outside the list is refused.
    const bad = await api(`${url}&purpose=curiosity`, { cookie: w.cookies.staff })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.purpose).toBeTruthy()
    const roster = await api(`${url}&purpose=roster`, { cookie: w.cookies.staff })
    expect(roster.status).toBe(200)
    const logged = await env.DB.prepare(
      "SELECT after FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1",
    ).first<{ after: string }>()
    expect(JSON.parse(logged!.after)).toMatchObject({ rows: 1, purpose: 'roster' })
  })
})

describe('a form for children (the same guardian’s part as an activity’s)', () => {
  let formId: number
  let slug: string
  const typed = (extra: Record<string, string>, key: string) => ({
    _key: key,
    q: '上午',
    guardianName: '林妈妈',
    guardianPhone: '139 1111 3333',
    guardianRelation: '母亲',
    childName: '林小雨',
    childAge: '8岁',
    ...extra,
  })

  it('asks the guardian’s part, refuses without the consent (keeping what was typed), records the response with the consent', async () => {
    const made = await api('/api/forms', {
      cookie: w.cookies.staff,
      body: {
        neighborhoodId: n1,
        slug: `kids-${Date.now().toString(36)}`,
        title: '暑托班意向登记',
        status: 'open',
        forChildren: true,
        fields: [
          {
            key: 'q',
            label: '希望的时段',
            type: 'single',
            required: true,
            options: ['上午', '全天'],
          },
        ],
      },
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body).toMatchObject({ forChildren: true })
    formId = made.body.id
    slug = made.body.slug
    const page = await getPage(`/s/${slug}`)
    for (const text of ['监护人姓名', '监护人手机号', 'name="childName"', 'name="guardianConsent"'])
      expect(page.text, text).toContain(text)
    const key = inputValue(page.text, '_key')!
    const from = clientAddress()
    const refused = await postPage(`/s/${slug}`, typed({}, key), from)
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('请确认您是孩子的监护人并同意')
    expect(refused.text).toContain('value="林小雨"')
    expect(refused.text).toContain('value="139 1111 3333"')
    const done = await postPage(`/s/${slug}`, typed({ guardianConsent: '1' }, key), from)
    expect(done.status, done.text.slice(0, 300)).toBe(303)
    const row = (await env.DB.prepare(
      'SELECT id, phone, guardian_name, guardian_relation, child_name, child_age FROM form_responses WHERE form_id = ?',
    )
      .bind(formId)
      .first<Record<string, unknown>>())!
    expect(row).toMatchObject({
      phone: '13911113333',
      guardian_name: '林妈妈',
      guardian_relation: '母亲',
      child_name: '林小雨',
      child_age: '8岁',
    })
    const consent = await env.DB.prepare(
      "SELECT purpose, phone, notice_version FROM consents WHERE subject_type = 'form_response' AND subject_id = ?",
    )
      .bind(row.id)
      .all()
    expect(consent.results).toEqual([
      { purpose: 'guardian', phone: '13911113333', notice_version: NOTICE_VERSION },
    ])
  })

  it('masks the child’s data for every role but the form’s staff, and exports it only with a logged reason', async () => {
    const list = (cookie: string) =>
      api(`/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId }))}`, {
        cookie,
      })
    expect((await list(w.cookies.staff)).body[0]).toMatchObject({
      guardianName: '林妈妈',
      childName: '林小雨',
      childAge: '8岁',
      answers: { q: '上午' },
    })
    for (const role of ['admin', 'town'] as const)
      expect((await list(w.cookies[role])).body[0], role).toMatchObject({
        guardianName: '林**',
        childName: '林**',
        childAge: '***',
        answers: {},
      })
    const url = `/api/forms/${formId}/export`
    expect((await api(url, { cookie: w.cookies.staff })).status).toBe(403)
    const ok = await api(`${url}?reason=${encodeURIComponent('核对报名意向')}`, {
      cookie: w.cookies.staff,
    })
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('林小雨')
    const entry = await env.DB.prepare(
      "SELECT user_id, resource, after FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1",
    ).first<{ user_id: number; resource: string; after: string }>()
    expect(entry).toMatchObject({ user_id: w.users.staff.id, resource: 'form-responses' })
    expect(JSON.parse(entry!.after)).toMatchObject({ reason: '核对报名意向' })
    const town = await api(`${url}?reason=${encodeURIComponent('统计')}`, {
      cookie: w.cookies.town,
    })
    expect(town.status).toBe(200)
    expect(town.text).not.toContain('林小雨')
  })

  it('is purged on the children’s schedule', async () => {
    const policy = retentionPolicy({})
    const later = Date.now() + policy.child.ms + 60_000
    await runRetention(createDb(env.DB), policy, later)
    expect(
      await env.DB.prepare(
        'SELECT phone, guardian_name, guardian_relation, child_name, child_age, answers FROM form_responses WHERE form_id = ?',
      )
        .bind(formId)
        .first(),
    ).toEqual({
      phone: null,
      guardian_name: null,
      guardian_relation: null,
      child_name: null,
      child_age: null,
      answers: '{"q":"上午"}',
    })
  })
})

describe('questions marked sensitive (health notes), in any activity or form', () => {
  const questions = [
    { key: 'allergy', type: 'text', label: '过敏情况', sensitive: true },
    { key: 'size', type: 'single', label: '衣服尺码', options: ['S', 'M'] },
  ]
  let act: { id: number; slug: string }
  let regId: number
  let ends: number

  it('masks the answer for every role but the activity’s staff, and exports it only with a logged reason', async () => {
    const made = await createActivity(w.cookies.staff, n1, { title: '亲子运动会', questions })
    act = made.activity
    ends = made.sessions[0].endsAt
    expect(made.activity.questions).toEqual([
      expect.objectContaining({ key: 'allergy', sensitive: true }),
      expect.not.objectContaining({ sensitive: expect.anything() }),
    ])
    const reg = await registerJson(act.slug, made.sessions[0].id, {
      name: '周杰',
      phone: '13911114444',
      partySize: 1,
      answers: { allergy: '花生过敏', size: 'M' },
    })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    regId = reg.body.id
    const one = (cookie: string) => api(`/api/registrations/${regId}`, { cookie })
    expect((await one(w.cookies.staff)).body).toMatchObject({
      answers: { allergy: '花生过敏', size: 'M' },
      answerText: { allergy: '花生过敏', size: 'M' },
    })
    for (const role of ['admin', 'town', 'viewer'] as const)
      expect((await one(w.cookies[role])).body, role).toMatchObject({
        answers: { allergy: '***', size: 'M' },
        answerText: { allergy: '***', size: 'M' },
      })
    const url = `/api/registrations/export?filter=${encodeURIComponent(JSON.stringify({ activityId: act.id }))}`
    expect((await api(url, { cookie: w.cookies.staff })).status).toBe(403)
    const ok = await api(`${url}&reason=${encodeURIComponent('告知带队老师')}`, {
      cookie: w.cookies.staff,
    })
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('花生过敏')
    const entry = await env.DB.prepare(
      "SELECT after FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1",
    ).first<{ after: string }>()
    expect(JSON.parse(entry!.after)).toMatchObject({
      reason: '告知带队老师',
      columns: expect.arrayContaining(['过敏情况']),
    })
    const town = await api(`${url}&purpose=report`, { cookie: w.cookies.town })
    expect(town.status).toBe(200)
    expect(town.text).not.toContain('花生过敏')
  })

  it('in a form too: masked, no text samples in the statistics, export with a reason', async () => {
    const made = await api('/api/forms', {
      cookie: w.cookies.staff,
      body: {
        neighborhoodId: n1,
        slug: `health-${Date.now().toString(36)}`,
        title: '体检登记',
        status: 'open',
        fields: [
          { key: 'note', label: '健康情况', type: 'longtext', sensitive: true },
          { key: 'size', label: '尺码', type: 'single', options: ['S', 'M'] },
        ],
      },
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body.fields[0]).toMatchObject({ sensitive: true })
    const page = await getPage(`/s/${made.body.slug}`)
    const done = await postPage(
      `/s/${made.body.slug}`,
      { _key: inputValue(page.text, '_key')!, note: '哮喘', size: 'S' },
      clientAddress(),
    )
    expect(done.status, done.text.slice(0, 300)).toBe(303)
    const list = (cookie: string) =>
      api(
        `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: made.body.id }))}`,
        {
          cookie,
        },
      )
    expect((await list(w.cookies.staff)).body[0].answers).toEqual({ note: '哮喘', size: 'S' })
    expect((await list(w.cookies.admin)).body[0]).toMatchObject({
      answers: { note: '***', size: 'S' },
      display: { note: '***', size: 'S' },
    })
    // Nor can it be found by a guess: no filter on it, and the search skips it, but for the staff.
    const find = (cookie: string, filter: object) =>
      api(
        `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: made.body.id, ...filter }))}`,
        { cookie },
      )
    expect((await find(w.cookies.admin, { answers: { note: '哮喘' } })).status).toBe(400)
    expect((await find(w.cookies.admin, { q: '哮喘' })).body).toEqual([])
    expect((await find(w.cookies.admin, { q: 'S' })).body).toHaveLength(1)
    expect((await find(w.cookies.staff, { q: '哮喘' })).body).toHaveLength(1)
    const stats = (cookie: string) => api(`/api/forms/${made.body.id}/stats`, { cookie })
    expect((await stats(w.cookies.staff)).body.questions[0].samples).toEqual(['哮喘'])
    expect((await stats(w.cookies.town)).body.questions[0]).toMatchObject({ answered: 1 })
    expect((await stats(w.cookies.town)).body.questions[0].samples).toBeUndefined()
    const url = `/api/forms/${made.body.id}/export`
    expect((await api(url, { cookie: w.cookies.staff })).status).toBe(403)
    const ok = await api(`${url}?purpose=check`, { cookie: w.cookies.staff })
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('哮喘')
  })

  it('is erased on the children’s schedule; the rest of the registration waits for its own', async () => {
    const policy = retentionPolicy({})
    await runRetention(createDb(env.DB), policy, ends + policy.child.ms - 60_000)
    const row = () =>
      env.DB.prepare('SELECT name, phone, answers, purged_at FROM registrations WHERE id = ?')
        .bind(regId)
        .first<Record<string, unknown>>()
    expect(JSON.parse((await row())!.answers as string)).toEqual({ allergy: '花生过敏', size: 'M' })
    const ran = await runRetention(createDb(env.DB), policy, ends + policy.child.ms + 60_000)
    expect(ran.child).toBeGreaterThanOrEqual(1)
    const after = (await row())!
    expect(after).toMatchObject({ name: '周杰', phone: '13911114444', purged_at: null })
    expect(JSON.parse(after.answers as string)).toEqual({ size: 'M' })
  })
})
