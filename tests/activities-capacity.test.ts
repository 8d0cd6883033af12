import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  capacityViolations,
  promotions,
  replayArrivals,
  type Queued,
} from '../worker/domain/capacity'
import { api, createActivity, createWorld, registerJson, testPhone } from './helpers'

// The hard rules under concurrency: capacity never exceeded, FIFO waitlist by arrival (seq),
// "filled as far as sizes allow" (rule 2 of worker/domain/capacity.ts), gap-free positions,
// promotion on cancel, idempotent submission, one live registration per phone.

type Row = {
  id: number
  seq: number
  party_size: number
  status: Queued['status']
  phone: string
  token: string
}

const rowsOf = async (sessionId: number) =>
  (
    await env.DB.prepare(
      'SELECT id, seq, party_size, status, phone, token FROM registrations WHERE session_id = ? ORDER BY seq',
    )
      .bind(sessionId)
      .all<Row>()
  ).results

const queued = (rows: Row[]): Queued[] =>
  rows.map((r) => ({ id: r.id, seq: r.seq, partySize: r.party_size, status: r.status }))

const seats = (rows: Row[]) =>
  rows
    .filter((r) => r.status === 'confirmed' || r.status === 'checked_in')
    .reduce((n, r) => n + r.party_size, 0)

/** Party sizes 1–3, mixed deterministically. */
const partyOf = (i: number) => 1 + ((i * 7 + (i >> 3)) % 3)

let world: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  world = await createWorld()
})

describe('POST /a/:key/s/:sid (flash crowd)', () => {
  let slug: string
  let sessionId: number
  let rows: Row[]

  beforeAll(async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    slug = activity.slug
    sessionId = sessions[0].id
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        registerJson(slug, sessionId, {
          name: `家长${i}`,
          phone: testPhone(i),
          partySize: partyOf(i),
        }),
      ),
    )
    const failed = results.filter((r) => r.status !== 201)
    expect(failed.length, JSON.stringify(failed.slice(0, 3).map((r) => r.body))).toBe(0)
    rows = await rowsOf(sessionId)
  }, 600_000)

  it('keeps every one of 500 concurrent registrations, numbered 1..500 by arrival', () => {
    expect(rows.length).toBe(500)
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
  })

  it('never confirms more seats than the capacity of 50', () => {
    expect(seats(rows)).toBeLessThanOrEqual(50)
  })

  it('confirms exactly the arrivals that fit when they arrived (filled as far as sizes allow)', () => {
    const expected = replayArrivals(
      50,
      rows.map((r) => ({ seq: r.seq, partySize: r.party_size })),
    )
    expect(rows.map((r) => r.status)).toEqual(expected)
    expect(capacityViolations(50, queued(rows))).toEqual([])
    // With 1-person parties in the crowd, the session is full to the last seat.
    expect(seats(rows)).toBe(50)
  })

  it('lists the waitlist with gap-free positions in arrival order', async () => {
    const r = await api(
      `/api/registrations?filter=${encodeURIComponent(JSON.stringify({ sessionId, status: 'waitlisted' }))}&sort=${encodeURIComponent('["seq","ASC"]')}&range=[0,999]`,
      { cookie: world.cookies.staff },
    )
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const waitlisted = rows.filter((x) => x.status === 'waitlisted')
    expect(r.body.map((x: any) => x.id)).toEqual(waitlisted.map((x) => x.id))
    expect(r.body.map((x: any) => x.waitlistPosition)).toEqual(waitlisted.map((_, i) => i + 1))
  })

  it('promotes, on each cancellation, the earliest waitlisted parties that fit, and keeps positions gap-free', async () => {
    for (const victim of [0, 1, 2].map(
      (k) => rows.filter((r) => r.status === 'confirmed')[k * 5],
    )) {
      const before = await rowsOf(sessionId)
      const taken = seats(before) - victim.party_size
      const expected = promotions(
        50,
        taken,
        queued(before).filter((r) => r.id !== victim.id),
      )
      const r = await api(`/r/${victim.token}/cancel`, {
        body: 'confirm=yes',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(r.status, r.text).toBe(303)
      const after = await rowsOf(sessionId)
      const promoted = after.filter(
        (x) =>
          before.find((b) => b.id === x.id)!.status === 'waitlisted' && x.status === 'confirmed',
      )
      expect(promoted.map((x) => x.id)).toEqual(expected)
      expect(expected.length).toBeGreaterThan(0)
      expect(capacityViolations(50, queued(after))).toEqual([])
      const list = await api(
        `/api/registrations?filter=${encodeURIComponent(JSON.stringify({ sessionId, status: 'waitlisted' }))}&range=[0,999]`,
        { cookie: world.cookies.staff },
      )
      expect(list.body.map((x: any) => x.waitlistPosition)).toEqual(
        list.body.map((_: unknown, i: number) => i + 1),
      )
    }
  })
})

describe('idempotent submission', () => {
  it('creates one registration when one key is replayed 10 times at once', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const key = 'replay-key-0123456789'
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        registerJson(
          activity.slug,
          sessions[0].id,
          { name: '王芳', phone: '13700000001', partySize: 2 },
          { key },
        ),
      ),
    )
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(new Set(results.map((r) => r.body.token)).size).toBe(1)
    const rows = await rowsOf(sessions[0].id)
    expect(rows.length).toBe(1)
  })

  it('creates one registration when the HTML form is posted twice with its hidden key', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const body = 'key=form-key-abcdefgh12&name=%E6%9D%8E%E5%9B%9B&phone=13700000002&partySize=1'
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': '10.9.9.9',
    }
    const [a, b] = await Promise.all([
      api(`/a/${activity.slug}/s/${sessions[0].id}`, { body, headers }),
      api(`/a/${activity.slug}/s/${sessions[0].id}`, { body, headers }),
    ])
    expect(a.status, a.text).toBe(303)
    expect(b.res.headers.get('location')).toBe(a.res.headers.get('location'))
    expect((await rowsOf(sessions[0].id)).length).toBe(1)
  })
})

describe('idempotency without a claim', () => {
  it('answers a resend with the registration as it is now, without storing a copy', async () => {
    const start = Date.now() + 24 * 3600_000
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        sessions: [
          {
            label: '两个座位',
            startsAt: start,
            endsAt: start + 3600_000,
            capacity: 2,
            maxParty: 1,
          },
        ],
      },
    )
    const sid = sessions[0].id
    const key = 'resend-after-promotion-01'
    const seats = 2
    // Fill the session, then register on the waitlist with `key`.
    for (let i = 0; i < seats; i++)
      expect(
        (
          await registerJson(activity.slug, sid, {
            name: `家长${i}`,
            phone: `1370000${String(100 + i).padStart(4, '0')}`,
            partySize: 1,
          })
        ).status,
      ).toBe(201)
    const first = await registerJson(
      activity.slug,
      sid,
      { name: '候补的家长', phone: '13700000099', partySize: 1 },
      { key },
    )
    expect(first.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    // Someone cancels; the waitlisted registration is promoted. A resend now says so.
    const confirmed = (await rowsOf(sid)).find((r: { status: string }) => r.status === 'confirmed')!
    const cancelled = await api(`/r/${confirmed.token}/cancel`, {
      method: 'POST',
      body: 'confirm=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(cancelled.status, cancelled.text).toBeLessThan(400)
    const again = await registerJson(
      activity.slug,
      sid,
      { name: '候补的家长', phone: '13700000099', partySize: 1 },
      { key },
    )
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect(again.body).toMatchObject({
      token: first.body.token,
      status: 'confirmed',
      waitlistPosition: null,
    })
    expect((await rowsOf(sid)).length).toBe(seats + 1)
    const claims = await env.DB.prepare(
      "SELECT count(*) AS n FROM idempotency_keys WHERE key LIKE 'registration:%'",
    ).first<{ n: number }>()
    expect(claims!.n).toBe(0)
  })

  it('refuses a JSON post without a usable key, registering nothing', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const r = await registerJson(
      activity.slug,
      sessions[0].id,
      { name: '王芳', phone: '13700000098', partySize: 1 },
      { key: 'x' },
    )
    expect(r.status).toBe(400)
    expect(r.body.message).toContain('幂等键')
    expect((await rowsOf(sessions[0].id)).length).toBe(0)
  })
})

describe('registration window', () => {
  it('refuses a post before opens_at with 409 and says when it opens', async () => {
    const opensAt = Date.now() + 3600_000
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      { opensAt },
    )
    const r = await registerJson(activity.slug, sessions[0].id, {
      name: '赵六',
      phone: '13700000003',
      partySize: 1,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(r.body.message).toContain('还没有开始')
    expect((await rowsOf(sessions[0].id)).length).toBe(0)
    const page = await api(`/a/${activity.slug}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('报名将于')
    expect(page.text).not.toContain(`/a/${activity.slug}/s/${sessions[0].id}"`)
  })

  it('refuses a post after closes_at with 409', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        opensAt: Date.now() - 7200_000,
        closesAt: Date.now() - 60_000,
      },
    )
    const r = await registerJson(activity.slug, sessions[0].id, {
      name: '赵六',
      phone: '13700000004',
      partySize: 1,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(r.body.message).toContain('截止')
  })

  it('refuses a party larger than the session allows with 400 on partySize', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const r = await registerJson(activity.slug, sessions[0].id, {
      name: '赵六',
      phone: '13700000005',
      partySize: 4,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(400)
    expect(r.body.errors.partySize).toContain('最多 3 人')
  })
})

describe('one live registration per phone', () => {
  it('refuses the same phone twice for one session with a clear Chinese error', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const first = await registerJson(activity.slug, sessions[0].id, {
      name: '钱七',
      phone: '13700000006',
      partySize: 1,
    })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const again = await registerJson(activity.slug, sessions[0].id, {
      name: '钱七',
      phone: '137 0000 0006',
      partySize: 1,
    })
    expect(again.status, JSON.stringify(again.body)).toBe(409)
    expect(again.body.errors.phone).toContain('已经报名')
  })

  it('lets only one of five concurrent posts with the same phone through', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        registerJson(activity.slug, sessions[0].id, {
          name: '孙八',
          phone: '13700000007',
          partySize: 1,
        }),
      ),
    )
    expect(results.filter((r) => r.status === 201).length).toBe(1)
    expect(results.filter((r) => r.status === 409).length).toBe(4)
  })

  it('lets the phone register again after cancelling', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const first = await registerJson(activity.slug, sessions[0].id, {
      name: '周九',
      phone: '13700000008',
      partySize: 1,
    })
    await api(`/r/${first.body.token}/cancel`, {
      body: 'confirm=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    const again = await registerJson(activity.slug, sessions[0].id, {
      name: '周九',
      phone: '13700000008',
      partySize: 1,
    })
    expect(again.status, JSON.stringify(again.body)).toBe(201)
  })
})

describe('PUT /api/activity-sessions/:id capacity', () => {
  it('promotes from the waitlist in order when the capacity is raised', async () => {
    const start = Date.now() + 86400_000
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
      {
        sessions: [{ startsAt: start, endsAt: start + 3600_000, capacity: 3, maxParty: 3 }],
      },
    )
    const sid = sessions[0].id
    for (const [i, party] of [2, 2, 1, 3, 1].entries())
      await registerJson(activity.slug, sid, {
        name: `家长${i}`,
        phone: testPhone(9000 + i),
        partySize: party,
      })
    // seq 1 (2) confirmed, seq 2 (2) waits, seq 3 (1) confirmed, seq 4 (3) waits, seq 5 (1) waits.
    expect((await rowsOf(sid)).map((r) => r.status)).toEqual([
      'confirmed',
      'waitlisted',
      'confirmed',
      'waitlisted',
      'waitlisted',
    ])
    const r = await api(`/api/activity-sessions/${sid}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { capacity: 6 },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    // 3 free: seq 2 (2) fits, then 1 free: seq 4 (3) does not, seq 5 (1) does.
    expect((await rowsOf(sid)).map((x) => x.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'waitlisted',
      'confirmed',
    ])
    expect(r.body.seatsTaken).toBe(6)
    expect(r.body.promotedIds.length).toBe(2)
  })

  it('refuses to lower the capacity below the confirmed seats with 409 and changes nothing', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const sid = sessions[0].id
    await registerJson(activity.slug, sid, { name: '吴十', phone: '13700000009', partySize: 3 })
    await registerJson(activity.slug, sid, { name: '郑一', phone: '13700000010', partySize: 2 })
    const r = await api(`/api/activity-sessions/${sid}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { capacity: 4, label: '改名' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(r.body.errors.capacity).toBeTruthy()
    const s = await api(`/api/activity-sessions/${sid}`, { cookie: world.cookies.staff })
    expect(s.body.capacity).toBe(50)
    expect(s.body.label).toBe('上午班')
    const ok = await api(`/api/activity-sessions/${sid}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { capacity: 5 },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.seatsLeft).toBe(0)
  })
})
