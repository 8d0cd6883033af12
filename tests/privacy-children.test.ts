import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { NOTICE_VERSION } from '../worker/domain/privacy/consent'
import { api, createActivity, createWorld } from './helpers'
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
