import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createWorld, fileTopic, registerJson } from './helpers'
import { createForm, riderAnswers, submitOk } from './forms-fixtures'

// Masked means unrecoverable: a role that sees a field masked (viewer: phones, names, tracking
// codes) can neither search, filter, sort nor export on that field's hidden value. Every probe a
// viewer makes answers the same whatever the hidden digits are; staff keep their search.

let world: Awaited<ReturnType<typeof createWorld>>
let n1: number
let activityId: number
let sessionId: number
let formId: number
let topicCode: string

// 139 1234 5678: a viewer sees 139****5678; the hidden digits are 1234.
const PHONE = '13912345678'
const list = (path: string, params: Record<string, unknown>) =>
  `${path}?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&')}`

/** What a probe reveals: status, total and ids (for a list), or the text (for a page or export). */
const probe = async (path: string, cookie: string) => {
  const r = await api(path, { cookie })
  return {
    status: r.status,
    range: r.res.headers.get('content-range'),
    ids: Array.isArray(r.body) ? r.body.map((x: { id: number }) => x.id) : r.text,
  }
}

/** Digit-by-digit guesses at the hidden part: the right one and wrong ones must look alike. */
const guesses = ['45678', '05678', '345678', '845678', '2345678', '12345678', '912345678']

beforeAll(async () => {
  world = await createWorld()
  n1 = world.neighborhoodIds[0]
  const { activity, sessions } = await createActivity(world.cookies.staff, n1)
  activityId = activity.id
  sessionId = sessions[0].id
  const reg = await registerJson(activity.slug, sessionId, {
    name: '王芳',
    phone: PHONE,
    partySize: 1,
  })
  expect(reg.status, JSON.stringify(reg.body)).toBe(201)
  const vol = await api('/api/volunteers', {
    cookie: world.cookies.staff,
    body: { name: '李娜', phone: PHONE, neighborhoodId: n1 },
  })
  expect(vol.status, JSON.stringify(vol.body)).toBe(201)
  const form = await createForm(world.cookies.staff, { neighborhoodId: n1 })
  formId = form.id
  await submitOk(form.slug, riderAnswers({ phone: PHONE }))
  const topic = await fileTopic(n1)
  topicCode = topic.trackingCode
  await env.DB.prepare('UPDATE topics SET submitter_phone = ? WHERE id = ?')
    .bind(PHONE, topic.id)
    .run()
})

describe('a viewer searching digit by digit learns nothing', () => {
  const where = () =>
    [
      ['/api/registrations', { activityId }],
      ['/api/registrations/export', { activityId }],
      ['/api/volunteers', {}],
      ['/api/form-responses', { formId }],
      [`/api/forms/${formId}/export`, {}],
    ] as const

  for (const [i, label] of [
    'registrations',
    'registration export',
    'volunteers',
    'form responses',
    'form export',
  ].entries())
    it(`${label}: every guess answers alike`, async () => {
      const [path, filter] = where()[i]
      const seen = new Set<string>()
      for (const g of guesses) {
        const p = await probe(
          `${list(path, { filter: { ...filter, q: g } })}${path.endsWith('export') ? '&format=csv' : ''}`,
          world.cookies.viewer,
        )
        expect(p.status, JSON.stringify(p)).toBe(200)
        seen.add(
          JSON.stringify({
            ...p,
            ids: typeof p.ids === 'string' ? p.ids.split('\n').length : p.ids,
          }),
        )
      }
      expect([...seen], 'the right guess must look like a wrong one').toHaveLength(1)
    })

  it('the staff check-in page answers every guess alike', async () => {
    const pages = new Set<string>()
    for (const g of guesses) {
      const r = await api(`/staff/checkin/${sessionId}?q=${g}`, { cookie: world.cookies.viewer })
      expect(r.status).toBe(200)
      // The page body (the head carries a per-request nonce), the guess itself left out.
      pages.add(r.text.slice(r.text.indexOf('<main')).replaceAll(g, 'GUESS'))
    }
    expect(pages.size).toBe(1)
  })

  it('staff still find a registration and a volunteer by the end of the phone', async () => {
    const regs = await api(list('/api/registrations', { filter: { activityId, q: '45678' } }), {
      cookie: world.cookies.staff,
    })
    expect(regs.body).toHaveLength(1)
    const vols = await api(list('/api/volunteers', { filter: { q: '45678' } }), {
      cookie: world.cookies.staff,
    })
    expect(vols.body).toHaveLength(1)
    const page = await api(`/staff/checkin/${sessionId}?q=45678`, { cookie: world.cookies.staff })
    expect(page.text).toContain('王芳')
  })
})

describe('a viewer cannot filter or sort on a masked field', () => {
  const refused = async (path: string, field: string) => {
    const r = await api(path, { cookie: world.cookies.viewer })
    expect(r.status, JSON.stringify(r.body)).toBe(400)
    expect(r.body.errors?.[field], JSON.stringify(r.body)).toBeTruthy()
    const staff = await api(path, { cookie: world.cookies.staff })
    expect(staff.status, JSON.stringify(staff.body)).toBe(200)
  }

  it('registrations: filter by phone, sort by name (list and export)', async () => {
    await refused(list('/api/registrations', { filter: { phone: PHONE } }), 'phone')
    await refused(list('/api/registrations', { sort: ['name', 'ASC'] }), 'name')
    await refused(
      `${list('/api/registrations/export', { filter: { phone: PHONE } })}&format=csv`,
      'phone',
    )
  })

  it('volunteers: sort by name, filter by phone', async () => {
    await refused(list('/api/volunteers', { sort: ['name', 'DESC'] }), 'name')
    await refused(list('/api/volunteers', { filter: { phone: PHONE } }), 'phone')
  })

  it('topics: filter by tracking code or phone (list and export)', async () => {
    await refused(list('/api/topics', { filter: { trackingCode: topicCode } }), 'trackingCode')
    await refused(list('/api/topics', { filter: { submitterPhone: PHONE } }), 'submitterPhone')
    await refused(
      `${list('/api/topics/export', { filter: { trackingCode: topicCode } })}&format=csv`,
      'trackingCode',
    )
  })

  it('form responses: filter on a phone question', async () => {
    await refused(
      list('/api/form-responses', { filter: { formId, answers: { phone: PHONE } } }),
      'answers.phone',
    )
    await refused(
      `${list(`/api/forms/${formId}/export`, { filter: { answers: { phone: PHONE } } })}&format=csv`,
      'answers.phone',
    )
  })

  it('claims and activity leads: filter by a 达人 name', async () => {
    await refused(list('/api/claims', { filter: { volunteerName: '李' } }), 'volunteerName')
    await refused(list('/api/activity-leads', { filter: { volunteerName: '李' } }), 'volunteerName')
  })

  it('partners: filter by contact phone or name', async () => {
    await refused(list('/api/partners', { filter: { contactPhone: PHONE } }), 'contactPhone')
    await refused(list('/api/partners', { filter: { contactName: '张' } }), 'contactName')
  })
})
