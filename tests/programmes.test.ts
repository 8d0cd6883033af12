import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createTown, createUser, ORIGIN, signIn } from './helpers'
import {
  createProgramme,
  createProgrammeWorld,
  DAY,
  readXlsx,
  rows,
  scalar,
  shanghaiDay,
  step,
} from './programmes-fixtures'

// Programme templates (九个一): defining one, applying it to a town's neighborhoods (atomic,
// idempotent, owners from posts), adding steps later, and the neighborhood × step matrix.

type World = Awaited<ReturnType<typeof createProgrammeWorld>>
let w: World
beforeAll(async () => {
  w = await createProgrammeWorld(3)
})

const itemsOf = (programmeId: number) =>
  rows<{ neighborhood_id: number; step_id: number; owner_user_id: number | null; due_at: number }>(
    `SELECT p.neighborhood_id, ci.step_id, ci.owner_user_id, ci.due_at FROM projects p
     JOIN checklist_items ci ON ci.project_id = p.id WHERE p.programme_id = ? ORDER BY ci.id`,
    programmeId,
  )

describe('POST /api/programmes', () => {
  it('creates a template with ordered steps and computed due days; audits it', async () => {
    const start = shanghaiDay(-20)
    const fixed = shanghaiDay(30) + 5 * 3_600_000
    const p = await createProgramme(w.cookies.town, w.townId, [
      step('一次走访', { dueDays: 0 }),
      step('一次议事', { dueDays: null, dueAt: fixed, evidence: 'photo' }),
      step('一份清单', { evidence: 'number', ownerPost: 'social_worker' }),
    ])
    expect(p.steps.map((s) => s.title)).toEqual(['一次走访', '一次议事', '一份清单'])
    // Due by the end of the day: day 0 is the first day; a fixed day keeps its day.
    expect(p.steps[0].due).toBe(start + DAY - 1)
    expect(p.steps[1].due).toBe(shanghaiDay(31) - 1)
    expect(p.steps[2].due).toBe(start + 11 * DAY - 1)
    expect(
      await scalar(
        "SELECT count(*) FROM audit_log WHERE resource = 'programmes' AND action = 'create' AND record_id = ?",
        String(p.id),
      ),
    ).toBe(1)
  })

  it('refuses a step due outside the period, or with both kinds of due date', async () => {
    const r = await api('/api/programmes', {
      cookie: w.cookies.town,
      body: {
        townId: w.townId,
        name: '坏模板',
        startsAt: shanghaiDay(0),
        endsAt: shanghaiDay(10),
        steps: [step('太晚', { dueDays: 30 }), step('两个都填', { dueAt: shanghaiDay(2) })],
      },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(400)
    expect(Object.keys(r.body.errors).sort()).toEqual(['steps.0.dueDays', 'steps.1.dueDays'])
  })

  it('lets only admins and the town staff of that town define one', async () => {
    const body = {
      townId: w.townId,
      name: 'x',
      startsAt: shanghaiDay(0),
      endsAt: shanghaiDay(10),
      steps: [step('一步', { dueDays: 1 })],
    }
    expect((await api('/api/programmes', { cookie: w.cookies.staff, body })).status).toBe(403)
    expect((await api('/api/programmes', { cookie: w.cookies.viewer, body })).status).toBe(403)
    const other = await createTown(1)
    const otherTown = await signIn((await createUser('town', { townIds: [other.townId] })).username)
    expect((await api('/api/programmes', { cookie: otherTown, body })).status).toBe(404)
  })
})

describe('POST /api/programmes/:id/apply', () => {
  it('makes one project per neighborhood with the steps as its checklist, owners from posts', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [
      step('一次走访', { ownerPost: 'secretary' }),
      step('一张清单', { ownerPost: 'social_worker' }),
    ])
    const [n1, n2, n3] = w.neighborhoodIds
    const owners = [
      { neighborhoodId: n1, post: 'secretary', userId: w.staff[0].id },
      { neighborhoodId: n2, post: 'social_worker', userId: w.staff[1].id },
      { neighborhoodId: n3, post: 'secretary', userId: w.town.id },
    ]
    const r = await api(`/api/programmes/${p.id}/apply`, {
      cookie: w.cookies.town,
      body: { all: true, owners },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toEqual({ neighborhoodIds: [n1, n2, n3], projectsCreated: 3, itemsCreated: 6 })
    const projects = await rows<{ neighborhood_id: number; owner_user_id: number | null }>(
      'SELECT neighborhood_id, owner_user_id FROM projects WHERE programme_id = ? ORDER BY neighborhood_id',
      p.id,
    )
    // The project belongs to the 书记 where one is named.
    expect(projects).toEqual([
      { neighborhood_id: n1, owner_user_id: w.staff[0].id },
      { neighborhood_id: n2, owner_user_id: null },
      { neighborhood_id: n3, owner_user_id: w.town.id },
    ])
    const items = await itemsOf(p.id)
    expect(items).toHaveLength(6)
    const owner = (n: number, s: number) =>
      items.find((i) => i.neighborhood_id === n && i.step_id === p.steps[s].id)?.owner_user_id
    expect([owner(n1, 0), owner(n1, 1), owner(n2, 0), owner(n2, 1), owner(n3, 0)]).toEqual([
      w.staff[0].id,
      null,
      null,
      w.staff[1].id,
      w.town.id,
    ])
    expect(items.every((i) => i.due_at === p.steps.find((s) => s.id === i.step_id)!.due)).toBe(true)
    // Audited: each project, and the apply itself with what it made.
    expect(
      await scalar(
        `SELECT count(*) FROM audit_log WHERE resource = 'projects' AND action = 'create'
         AND record_id IN (SELECT CAST(id AS TEXT) FROM projects WHERE programme_id = ?)`,
        p.id,
      ),
    ).toBe(3)
    const [entry] = await rows<{ after: string }>(
      "SELECT after FROM audit_log WHERE resource = 'programmes' AND action = 'apply' AND record_id = ?",
      String(p.id),
    )
    expect(JSON.parse(entry.after)).toMatchObject({
      itemsCreated: 6,
      neighborhoodIds: [n1, n2, n3],
    })
    // The posts are remembered for the next programme.
    expect(
      await scalar(
        'SELECT user_id FROM neighborhood_posts WHERE neighborhood_id = ? AND post = ?',
        n2,
        'social_worker',
      ),
    ).toBe(w.staff[1].id)
  })

  it('is idempotent: applying again creates nothing', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [step('一'), step('二')])
    const first = await api(`/api/programmes/${p.id}/apply`, {
      cookie: w.cookies.town,
      body: { neighborhoodIds: [w.neighborhoodIds[0]] },
    })
    expect(first.body).toMatchObject({ projectsCreated: 1, itemsCreated: 2 })
    const projects = await scalar('SELECT count(*) FROM projects')
    const items = await scalar('SELECT count(*) FROM checklist_items')
    for (let i = 0; i < 2; i++) {
      const again = await api(`/api/programmes/${p.id}/apply`, {
        cookie: w.cookies.town,
        body: { neighborhoodIds: [w.neighborhoodIds[0]] },
      })
      expect(again.status).toBe(200)
      expect(again.body).toMatchObject({ projectsCreated: 0, itemsCreated: 0 })
    }
    expect(await scalar('SELECT count(*) FROM projects')).toBe(projects)
    expect(await scalar('SELECT count(*) FROM checklist_items')).toBe(items)
    // All of the town afterwards adds only the others.
    const all = await api(`/api/programmes/${p.id}/apply`, {
      cookie: w.cookies.town,
      body: { all: true },
    })
    expect(all.body).toMatchObject({ projectsCreated: 2, itemsCreated: 4 })
  })

  it('is atomic: when one statement fails, no project, item or audit row is left', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [step('正常'), step('触发失败')])
    await env.DB.prepare(
      `CREATE TRIGGER test_fail_item BEFORE INSERT ON checklist_items WHEN NEW.title = '触发失败'
       BEGIN SELECT RAISE(ABORT, 'test failure'); END`,
    ).run()
    try {
      const audits = await scalar('SELECT count(*) FROM audit_log')
      const r = await api(`/api/programmes/${p.id}/apply`, {
        cookie: w.cookies.town,
        body: {
          all: true,
          owners: [
            { neighborhoodId: w.neighborhoodIds[0], post: 'director', userId: w.staff[0].id },
          ],
        },
      })
      expect(r.status).toBe(500)
      expect(await scalar('SELECT count(*) FROM projects WHERE programme_id = ?', p.id)).toBe(0)
      expect(await scalar('SELECT count(*) FROM audit_log')).toBe(audits)
      expect(await scalar("SELECT count(*) FROM neighborhood_posts WHERE post = 'director'")).toBe(
        0,
      )
    } finally {
      await env.DB.prepare('DROP TRIGGER test_fail_item').run()
    }
  })

  it('refuses owners who do not cover the neighborhood, and neighborhoods of another town', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [step('一')])
    const other = await createTown(1)
    const r = await api(`/api/programmes/${p.id}/apply`, {
      cookie: w.cookies.town,
      body: {
        neighborhoodIds: [w.neighborhoodIds[0]],
        owners: [
          { neighborhoodId: w.neighborhoodIds[0], post: 'secretary', userId: w.staff[1].id },
        ],
      },
    })
    expect(r.status).toBe(400)
    expect(r.body.errors).toEqual({ 'owners.0.userId': '该用户不负责这个居民区' })
    const admin = await signIn((await createUser('admin')).username)
    const r2 = await api(`/api/programmes/${p.id}/apply`, {
      cookie: admin,
      body: { neighborhoodIds: [other.neighborhoodIds[0]] },
    })
    expect(r2.status).toBe(400)
    expect(await scalar('SELECT count(*) FROM projects WHERE programme_id = ?', p.id)).toBe(0)
  })

  it('answers 403 to staff and viewers, 404 outside the town', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [step('一')])
    const body = { all: true }
    expect(
      (await api(`/api/programmes/${p.id}/apply`, { cookie: w.cookies.staff, body })).status,
    ).toBe(403)
    expect(
      (await api(`/api/programmes/${p.id}/apply`, { cookie: w.cookies.viewer, body })).status,
    ).toBe(403)
    const other = await createTown(1)
    const stranger = await signIn(
      (await createUser('staff', { neighborhoodIds: [other.neighborhoodIds[0]] })).username,
    )
    expect((await api(`/api/programmes/${p.id}/apply`, { cookie: stranger, body })).status).toBe(
      404,
    )
    expect((await api(`/api/programmes/${p.id}`, { cookie: stranger })).status).toBe(404)
    expect((await api(`/api/programmes/${p.id}/matrix`, { cookie: stranger })).status).toBe(404)
  })

  it('applies 12 steps to 100 neighborhoods in one action', async () => {
    const big = await createTown(100)
    const town = await signIn((await createUser('town', { townIds: [big.townId] })).username)
    const p = await createProgramme(
      town,
      big.townId,
      Array.from({ length: 12 }, (_, i) => step(`第${i + 1}步`, { dueDays: i * 7 })),
    )
    const r = await api(`/api/programmes/${p.id}/apply`, { cookie: town, body: { all: true } })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ projectsCreated: 100, itemsCreated: 1200 })
    const again = await api(`/api/programmes/${p.id}/apply`, { cookie: town, body: { all: true } })
    expect(again.body).toMatchObject({ projectsCreated: 0, itemsCreated: 0 })
    const m = await api(`/api/programmes/${p.id}/matrix`, { cookie: town })
    expect(m.status).toBe(200)
    expect(m.body.rows).toHaveLength(100)
    expect(
      m.body.rows.every((row: any) => row.cells.length === 12 && row.cells.every(Boolean)),
    ).toBe(true)
  })
})

describe('steps added after applying', () => {
  it('are offered (missingSteps) and added to the existing projects once', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [step('一'), step('二')])
    await api(`/api/programmes/${p.id}/apply`, { cookie: w.cookies.town, body: { all: true } })
    const current = (await api(`/api/programmes/${p.id}`, { cookie: w.cookies.town })).body
    const put = await api(`/api/programmes/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { ...current, steps: [...current.steps, step('三', { dueDays: 20 })] },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.missingSteps).toBe(3)
    // Staff see only their own neighborhood's gap.
    expect(
      (await api(`/api/programmes/${p.id}`, { cookie: w.cookies.staff })).body.missingSteps,
    ).toBe(1)
    const add = await api(`/api/programmes/${p.id}/add-missing-steps`, {
      cookie: w.cookies.town,
      body: {},
    })
    expect(add.body).toEqual({ neighborhoodIds: w.neighborhoodIds, itemsCreated: 3 })
    const again = await api(`/api/programmes/${p.id}/add-missing-steps`, {
      cookie: w.cookies.town,
      body: {},
    })
    expect(again.body.itemsCreated).toBe(0)
    expect(
      (await api(`/api/programmes/${p.id}`, { cookie: w.cookies.town })).body.missingSteps,
    ).toBe(0)
    expect(await itemsOf(p.id)).toHaveLength(9)
  })

  it('refuses to remove a step that was applied', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [step('一'), step('二')])
    await api(`/api/programmes/${p.id}/apply`, {
      cookie: w.cookies.town,
      body: { neighborhoodIds: [w.neighborhoodIds[0]] },
    })
    const current = (await api(`/api/programmes/${p.id}`, { cookie: w.cookies.town })).body
    const put = await api(`/api/programmes/${p.id}`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { ...current, steps: current.steps.slice(0, 1) },
    })
    expect(put.status).toBe(409)
    expect(
      (await api(`/api/programmes/${p.id}`, { method: 'DELETE', cookie: w.cookies.town })).status,
    ).toBe(409)
  })
})

describe('GET /api/programmes/:id/matrix', () => {
  it('gives each cell its state, with counts per row and column equal to a recount', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [
      step('甲', { dueDays: 0 }),
      step('乙', { dueDays: 25 }),
      step('丙', { dueDays: 90 }),
    ])
    await api(`/api/programmes/${p.id}/apply`, {
      cookie: w.cookies.town,
      body: { neighborhoodIds: w.neighborhoodIds.slice(0, 2) },
    })
    // 甲 was due 20 days ago; 乙 is due in 5 days; 丙 in 70. Mark some done.
    const items = await rows<{ id: number; neighborhood_id: number; step_id: number }>(
      `SELECT ci.id, p.neighborhood_id, ci.step_id FROM projects p JOIN checklist_items ci
       ON ci.project_id = p.id WHERE p.programme_id = ? ORDER BY p.neighborhood_id, ci.sort_order`,
      p.id,
    )
    const doneIds = [items[0].id, items[5].id]
    for (const id of doneIds)
      await env.DB.prepare('UPDATE checklist_items SET done = 1, done_at = ? WHERE id = ?')
        .bind(Date.now(), id)
        .run()
    await env.DB.prepare(
      `INSERT INTO confirmations (item_id, neighborhood_id, verdict, source, voice, people, created_at)
       VALUES (?, ?, 'disputed', 'paper', NULL, 2, ?)`,
    )
      .bind(items[0].id, items[0].neighborhood_id, Date.now())
      .run()
    const r = await api(`/api/programmes/${p.id}/matrix`, { cookie: w.cookies.town })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const states = r.body.rows.map((row: any) => row.cells.map((c: any) => c?.state ?? null))
    expect(states).toEqual([
      ['done', 'due', 'not_started'],
      ['overdue', 'due', 'done'],
      [null, null, null],
    ])
    expect(r.body.rows.map((row: any) => row.counts)).toEqual([
      { done: 1, due: 1, overdue: 0, not_started: 1 },
      { done: 1, due: 1, overdue: 1, not_started: 0 },
      { done: 0, due: 0, overdue: 0, not_started: 0 },
    ])
    expect(r.body.columns.map((col: any) => col.counts)).toEqual([
      { done: 1, due: 0, overdue: 1, not_started: 0 },
      { done: 0, due: 2, overdue: 0, not_started: 0 },
      { done: 1, due: 0, overdue: 0, not_started: 1 },
    ])
    expect(r.body.rows[0].cells[0]).toMatchObject({
      disputed: 2,
      confirmed: 0,
      itemId: items[0].id,
    })
    expect(r.body.columns[0].disputed).toBe(1)
    expect(r.body.totals).toEqual({ done: 2, due: 2, overdue: 1, not_started: 1 })

    // Staff and viewers of the first neighborhood see its row only.
    for (const cookie of [w.cookies.staff, w.cookies.viewer]) {
      const mine = await api(`/api/programmes/${p.id}/matrix`, { cookie })
      expect(mine.status).toBe(200)
      expect(mine.body.rows.map((row: any) => row.neighborhoodId)).toEqual([w.neighborhoodIds[0]])
    }

    // The export looks like the matrix: one row per neighborhood, a column per step.
    const res = await SELF.fetch(`${ORIGIN}/api/programmes/${p.id}/matrix/export`, {
      headers: { cookie: w.cookies.town },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const sheets = readXlsx(await res.arrayBuffer())
    const matrix = sheets.矩阵
    expect(matrix[0].slice(0, 4)).toEqual(['居民区', '1. 甲', '2. 乙', '3. 丙'])
    expect(matrix).toHaveLength(1 + 3)
    expect(matrix[1][1]).toMatch(/^✓ 已完成 \d\d-\d\d · 确认 0 \/ 异议 2$/)
    expect(matrix[2][1]).toMatch(/^已逾期（\d\d-\d\d 前）$/)
    expect(matrix[3][1]).toBe('—')
    expect(matrix[1].slice(4, 8)).toEqual(['1', '1', '0', '1'])
    expect(sheets.按步骤[1].slice(0, 2)).toEqual(['1', '甲'])
  })
})

describe('the timetable: moving due dates', () => {
  it('moves a step and the items still on its date; a neighborhood moves its own item; audited', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [
      step('甲', { dueDays: 10 }),
      step('乙'),
    ])
    await api(`/api/programmes/${p.id}/apply`, { cookie: w.cookies.town, body: { all: true } })
    const items = await rows<{ id: number; neighborhood_id: number; due_at: number }>(
      `SELECT ci.id, p.neighborhood_id, ci.due_at FROM projects p JOIN checklist_items ci
       ON ci.project_id = p.id WHERE p.programme_id = ? AND ci.step_id = ? ORDER BY p.neighborhood_id`,
      p.id,
      p.steps[0].id,
    )
    // The first neighborhood moves its own item; the second has done it.
    const own = await api(`/api/programme-items/${items[0].id}/due`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { dueAt: shanghaiDay(40) },
    })
    expect(own.status, JSON.stringify(own.body)).toBe(200)
    expect(own.body.dueAt).toBe(shanghaiDay(41) - 1)
    await env.DB.prepare('UPDATE checklist_items SET done = 1, done_at = ? WHERE id = ?')
      .bind(Date.now(), items[1].id)
      .run()
    expect(
      (
        await api(`/api/programmes/${p.id}/steps/${p.steps[0].id}/due`, {
          method: 'PUT',
          cookie: w.cookies.staff,
          body: { dueDays: 30 },
        })
      ).status,
    ).toBe(403)
    const move = await api(`/api/programmes/${p.id}/steps/${p.steps[0].id}/due`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { dueDays: 30 },
    })
    expect(move.status, JSON.stringify(move.body)).toBe(200)
    expect(move.body.itemsMoved).toBe(1)
    const newDue = shanghaiDay(-20) + 31 * DAY - 1
    expect(move.body.steps[0]).toMatchObject({ dueDays: 30, due: newDue })
    const after = await rows<{ due_at: number }>(
      `SELECT due_at FROM checklist_items WHERE id IN (?, ?, ?) ORDER BY id`,
      items[0].id,
      items[1].id,
      items[2].id,
    )
    expect(after.map((r) => r.due_at)).toEqual([shanghaiDay(41) - 1, items[1].due_at, newDue])
    expect(
      await scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'move_due' AND ((resource = 'programme-items' AND record_id = ?) OR (resource = 'programme-steps' AND record_id = ?))",
        String(items[0].id),
        String(p.steps[0].id),
      ),
    ).toBe(2)
    const outside = await api(`/api/programmes/${p.id}/steps/${p.steps[0].id}/due`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { dueDays: 500 },
    })
    expect(outside.status).toBe(400)
  })
})
