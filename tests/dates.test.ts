import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createWorld, fileTopic, registerJson } from './helpers'
import { createForm } from './forms-fixtures'
import { createProgramme, shanghaiDay, step } from './programmes-fixtures'

// Dates the pages can show: every date staff save lies in 2000-01-01 … 2100-01-01 (else 400 with
// the field named), and a date outside it that is already stored never makes a page answer 500.

let world: Awaited<ReturnType<typeof createWorld>>
let n1: number
let slug: string

// 9e15 ms is a safe integer but past what a JS Date can hold (8.64e15): Intl throws on it.
const FAR = 9e15
const BEFORE = Date.UTC(1999, 11, 31)
const AFTER = Date.UTC(2100, 0, 2)
const OK = Date.UTC(2030, 5, 1)

const refused = async (
  r: { status: number; body: { errors?: Record<string, string> } },
  field: string,
) => {
  expect(r.status, JSON.stringify(r.body)).toBe(400)
  expect(r.body.errors?.[field], JSON.stringify(r.body)).toMatch(/2000.*2100/)
}

beforeAll(async () => {
  world = await createWorld()
  n1 = world.neighborhoodIds[0]
  const row = await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(n1)
    .first<{ slug: string }>()
  slug = row!.slug
})

describe('staff cannot save a date outside 2000–2100', () => {
  it('project deadline and checklist due dates (create, update, items)', async () => {
    const body = { neighborhoodId: n1, title: '加装电梯' }
    for (const bad of [FAR, BEFORE, AFTER])
      await refused(
        await api('/api/projects', {
          cookie: world.cookies.staff,
          body: { ...body, deadlineAt: bad },
        }),
        'deadlineAt',
      )
    await refused(
      await api('/api/projects', {
        cookie: world.cookies.staff,
        body: { ...body, checklist: [{ title: '勘察', dueAt: FAR }] },
      }),
      'checklist.0.dueAt',
    )
    const ok = await api('/api/projects', {
      cookie: world.cookies.staff,
      body: { ...body, deadlineAt: OK },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    await refused(
      await api(`/api/projects/${ok.body.id}`, {
        method: 'PUT',
        cookie: world.cookies.staff,
        body: { deadlineAt: FAR },
      }),
      'deadlineAt',
    )
    await refused(
      await api('/api/checklist-items', {
        cookie: world.cookies.staff,
        body: { projectId: ok.body.id, title: '施工', dueAt: FAR },
      }),
      'dueAt',
    )
  })

  it('activity opening, closing and session times (numbers and ISO strings)', async () => {
    const start = Date.now() + 86_400_000
    const session = { label: '上午', startsAt: start, endsAt: start + 3_600_000, capacity: 5 }
    const base = { neighborhoodId: n1, title: '暑托班', sessions: [session] }
    await refused(
      await api('/api/activities', {
        cookie: world.cookies.staff,
        body: { ...base, opensAt: FAR },
      }),
      'opensAt',
    )
    await refused(
      await api('/api/activities', {
        cookie: world.cookies.staff,
        body: { ...base, closesAt: '3000-01-01T00:00:00Z' },
      }),
      'closesAt',
    )
    await refused(
      await api('/api/activities', {
        cookie: world.cookies.staff,
        body: { ...base, sessions: [{ ...session, endsAt: FAR }] },
      }),
      'sessions.0.endsAt',
    )
    const { activity } = await createActivity(world.cookies.staff, n1)
    await refused(
      await api('/api/activity-sessions', {
        cookie: world.cookies.staff,
        body: { activityId: activity.id, startsAt: BEFORE, endsAt: start, capacity: 5 },
      }),
      'startsAt',
    )
    await refused(
      await api(`/api/activities/${activity.id}`, {
        method: 'PUT',
        cookie: world.cookies.staff,
        body: { closesAt: AFTER },
      }),
      'closesAt',
    )
  })

  it('form opening and closing times', async () => {
    await refused(
      await api('/api/forms', {
        cookie: world.cookies.staff,
        body: { title: '问卷', neighborhoodId: n1, closesAt: FAR, fields: [] },
      }),
      'closesAt',
    )
    const form = await createForm(world.cookies.staff, { neighborhoodId: n1 })
    await refused(
      await api(`/api/forms/${form.id}`, {
        method: 'PUT',
        cookie: world.cookies.staff,
        body: { opensAt: BEFORE },
      }),
      'opensAt',
    )
  })

  it('meeting times', async () => {
    await refused(
      await api('/api/meetings', {
        cookie: world.cookies.staff,
        body: { neighborhoodId: n1, kind: 'council', startsAt: FAR },
      }),
      'startsAt',
    )
  })

  it('programme dates and step due dates', async () => {
    const body = {
      townId: world.townId,
      name: '先锋行动',
      startsAt: shanghaiDay(0),
      endsAt: shanghaiDay(100),
      steps: [step('走访')],
    }
    await refused(
      await api('/api/programmes', { cookie: world.cookies.town, body: { ...body, endsAt: FAR } }),
      'endsAt',
    )
    await refused(
      await api('/api/programmes', {
        cookie: world.cookies.town,
        body: { ...body, steps: [step('走访', { dueDays: null, dueAt: FAR })] },
      }),
      'steps.0.dueAt',
    )
    const p = await createProgramme(world.cookies.town, world.townId, [step('走访')])
    await refused(
      await api(`/api/programmes/${p.id}/steps/${p.steps[0].id}/due`, {
        method: 'PUT',
        cookie: world.cookies.town,
        body: { dueAt: FAR },
      }),
      'dueAt',
    )
  })

  it('created ranges in list filters', async () => {
    const r = await api(
      `/api/topics?filter=${encodeURIComponent(JSON.stringify({ createdFrom: FAR }))}`,
      { cookie: world.cookies.staff },
    )
    await refused(r, 'createdFrom')
    const regs = await api(
      `/api/registrations?filter=${encodeURIComponent(JSON.stringify({ createdTo: BEFORE }))}`,
      { cookie: world.cookies.staff },
    )
    await refused(regs, 'createdTo')
  })
})

describe('pages never answer 500 for a stored date outside the window', () => {
  it('the board and the tracking page with a far-future project deadline', async () => {
    const topic = await fileTopic(n1, { status: 'accepted' })
    const p = await api('/api/projects', {
      cookie: world.cookies.staff,
      body: {
        neighborhoodId: n1,
        title: '远期项目',
        topicIds: [topic.id],
        checklist: [{ title: '一' }],
      },
    })
    expect(p.status, JSON.stringify(p.body)).toBe(201)
    await env.DB.prepare('UPDATE projects SET deadline_at = ? WHERE id = ?')
      .bind(FAR, p.body.id)
      .run()
    await env.DB.prepare('UPDATE checklist_items SET due_at = ? WHERE project_id = ?')
      .bind(-FAR, p.body.id)
      .run()
    for (const path of [`/b/${slug}`, `/t/${topic.trackingCode}`, `/h/${world.townId}`]) {
      const r = await api(path)
      expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200)
    }
  })

  it('the activity page, the manage page, its .ics and the export with far-off times', async () => {
    const { activity, sessions } = await createActivity(world.cookies.staff, n1)
    const reg = await registerJson(activity.slug, sessions[0].id, {
      name: '王芳',
      phone: '13900000009',
      partySize: 1,
    })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    await env.DB.prepare('UPDATE activities SET closes_at = ? WHERE id = ?')
      .bind(FAR, activity.id)
      .run()
    await env.DB.prepare('UPDATE activity_sessions SET starts_at = ?, ends_at = ? WHERE id = ?')
      .bind(FAR, FAR + 1, sessions[0].id)
      .run()
    const token = await env.DB.prepare('SELECT token FROM registrations WHERE session_id = ?')
      .bind(sessions[0].id)
      .first<{ token: string }>()
    for (const path of [
      `/a/${activity.slug}`,
      `/r/${token!.token}`,
      `/r/${token!.token}/calendar.ics`,
      `/staff/checkin/${sessions[0].id}`,
    ]) {
      const r = await api(path, { cookie: world.cookies.staff })
      expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBeLessThan(500)
    }
    const exp = await api(
      `/api/registrations/export?format=csv&filter=${encodeURIComponent(JSON.stringify({ activityId: activity.id }))}`,
      { cookie: world.cookies.staff },
    )
    expect(exp.status, exp.text.slice(0, 300)).toBe(200)
    // Opening far in the future: the "opens at" notice.
    await env.DB.prepare('UPDATE activities SET opens_at = ?, closes_at = NULL WHERE id = ?')
      .bind(FAR, activity.id)
      .run()
    const opens = await api(`/a/${activity.slug}`)
    expect(opens.status, opens.text.slice(0, 300)).toBe(200)
  })

  it('the survey page with far-off opening and closing times', async () => {
    const form = await createForm(world.cookies.staff, { neighborhoodId: n1 })
    await env.DB.prepare('UPDATE forms SET closes_at = ? WHERE id = ?').bind(FAR, form.id).run()
    const open = await api(`/s/${form.slug}`)
    expect(open.status, open.text.slice(0, 300)).toBe(200)
    await env.DB.prepare('UPDATE forms SET opens_at = ?, closes_at = NULL WHERE id = ?')
      .bind(FAR, form.id)
      .run()
    const later = await api(`/s/${form.slug}`)
    expect(later.status, later.text.slice(0, 300)).toBeLessThan(500)
  })

  it('the meeting board and door page with a far-off meeting', async () => {
    const m = await api('/api/meetings', {
      cookie: world.cookies.staff,
      body: { neighborhoodId: n1, kind: 'council', startsAt: Date.now() + 86_400_000 },
    })
    expect(m.status, JSON.stringify(m.body)).toBe(201)
    await env.DB.prepare('UPDATE meetings SET starts_at = ? WHERE id = ?')
      .bind(FAR, m.body.id)
      .run()
    const board = await api(`/b/${slug}`)
    expect(board.status, board.text.slice(0, 300)).toBe(200)
    if (m.body.code) {
      const door = await api(`/m/${m.body.code}`)
      expect(door.status, door.text.slice(0, 300)).toBeLessThan(500)
    }
  })
})
