import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../worker/index'
import { createDb } from '../worker/db/client'
import { weeklyCheckins } from '../worker/db/queries/programmes/weekly'
import { weekStart } from '../worker/domain/programmes/days'
import { api, createUser, signIn } from './helpers'
import { createProgrammeWorld, DAY, rows, scalar } from './programmes-fixtures'

// 每周一对接: the cron job makes one summary per neighborhood and week (done since last week,
// due in the next two weeks, overdue, new topics, disputed steps), counted from the week's start;
// staff read theirs and add a note; the town reads all of its neighborhoods side by side.

type World = Awaited<ReturnType<typeof createProgrammeWorld>>
let w: World
const ws = weekStart(Date.now())
const HOUR = 3_600_000

const insertProject = async (neighborhoodId: number, status = 'in_progress') =>
  (await env.DB.prepare(
    `INSERT INTO projects (neighborhood_id, title, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(neighborhoodId, `项目${status}`, status, ws - 30 * DAY, ws - 30 * DAY)
    .first<{ id: number }>())!.id

const insertItem = async (
  projectId: number,
  title: string,
  { done, doneAt, dueAt }: { done?: boolean; doneAt?: number; dueAt?: number | null },
) =>
  (await env.DB.prepare(
    `INSERT INTO checklist_items (project_id, title, due_at, done, done_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(projectId, title, dueAt ?? null, done ? 1 : 0, doneAt ?? null, ws - 30 * DAY)
    .first<{ id: number }>())!.id

const insertTopic = async (neighborhoodId: number, title: string, createdAt: number) =>
  env.DB.prepare(
    `INSERT INTO topics (neighborhood_id, title, tracking_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?)`,
  )
    .bind(
      neighborhoodId,
      title,
      `W${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      createdAt,
      createdAt,
    )
    .run()

let ids: Record<string, number>

beforeAll(async () => {
  w = await createProgrammeWorld(2)
  const [n1, n2] = w.neighborhoodIds
  const p = await insertProject(n1)
  const cancelled = await insertProject(n1, 'cancelled')
  ids = {
    doneLastWeek: await insertItem(p, '上周完成', {
      done: true,
      doneAt: ws - 2 * DAY,
      dueAt: ws - DAY,
    }),
    doneEarlier: await insertItem(p, '更早完成', { done: true, doneAt: ws - 9 * DAY }),
    doneThisWeek: await insertItem(p, '本周已完成', { done: true, doneAt: ws + HOUR }),
    dueSoon: await insertItem(p, '两周内到期', { dueAt: ws + 13 * DAY }),
    dueLater: await insertItem(p, '以后到期', { dueAt: ws + 15 * DAY }),
    overdue: await insertItem(p, '已逾期', { dueAt: ws - 3 * DAY }),
    noDue: await insertItem(p, '没有期限', {}),
    cancelledOverdue: await insertItem(cancelled, '已取消项目的', { dueAt: ws - 3 * DAY }),
  }
  await insertTopic(n1, '上周新议题', ws - DAY)
  await insertTopic(n1, '上上周的议题', ws - 8 * DAY)
  await insertTopic(n1, '本周的议题', ws + HOUR)
  await insertTopic(n2, '另一个居民区的议题', ws - DAY)
  for (const [verdict, at] of [
    ['disputed', ws - DAY],
    ['disputed', ws - 2 * DAY],
    ['disputed', ws - 10 * DAY],
    ['confirmed', ws - DAY],
  ] as const)
    await env.DB.prepare(
      `INSERT INTO confirmations (item_id, neighborhood_id, verdict, source, voice, people, created_at)
       VALUES (?, ?, ?, 'paper', NULL, 1, ?)`,
    )
      .bind(ids.doneLastWeek, n1, verdict, at)
      .run()
})

describe('the weekly job', () => {
  it('makes one summary per neighborhood, counted from the start of the week', async () => {
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '*/10 * * * *' }), env, ctx)
    await waitOnExecutionContext(ctx)
    const [row] = await rows<Record<string, any>>(
      'SELECT * FROM weekly_checkins WHERE neighborhood_id = ? AND week_start = ?',
      w.neighborhoodIds[0],
      ws,
    )
    expect(row).toMatchObject({
      done_count: 1,
      due_count: 1,
      overdue_count: 1,
      new_topics: 1,
      disputed_count: 1,
    })
    const details = JSON.parse(row.details)
    expect(details.done.map((i: any) => i.id)).toEqual([ids.doneLastWeek])
    expect(details.due.map((i: any) => i.id)).toEqual([ids.dueSoon])
    expect(details.overdue.map((i: any) => i.id)).toEqual([ids.overdue])
    expect(details.topics.map((t: any) => t.title)).toEqual(['上周新议题'])
    expect(details.disputed).toEqual([{ id: ids.doneLastWeek, title: '上周完成', people: 2 }])
    const [other] = await rows<Record<string, any>>(
      'SELECT * FROM weekly_checkins WHERE neighborhood_id = ? AND week_start = ?',
      w.neighborhoodIds[1],
      ws,
    )
    expect(other).toMatchObject({ done_count: 0, due_count: 0, overdue_count: 0, new_topics: 1 })
  })

  it('runs any number of times: nothing new, nothing changed', async () => {
    const before = await rows('SELECT * FROM weekly_checkins ORDER BY id')
    const db = createDb(env.DB)
    expect(await weeklyCheckins(db)).toBe(0)
    expect(await weeklyCheckins(db, Date.now() + HOUR)).toBe(0)
    expect(await rows('SELECT * FROM weekly_checkins ORDER BY id')).toEqual(before)
    // Next week is a new summary.
    expect(await weeklyCheckins(db, ws + 7 * DAY + HOUR)).toBe(before.length)
  })
})

describe('/api/weekly-checkins', () => {
  it('shows staff their neighborhood and the town all of its own; staff add a note, audited', async () => {
    const filter = encodeURIComponent(JSON.stringify({ weekStart: ws }))
    const mine = await api(`/api/weekly-checkins?filter=${filter}`, { cookie: w.cookies.staff })
    expect(mine.status).toBe(200)
    expect(mine.body.map((r: any) => r.neighborhoodId)).toEqual([w.neighborhoodIds[0]])
    const town = await api(
      `/api/weekly-checkins?filter=${filter}&sort=${encodeURIComponent('["neighborhoodId","ASC"]')}`,
      {
        cookie: w.cookies.town,
      },
    )
    expect(town.body.map((r: any) => r.neighborhoodId)).toEqual(w.neighborhoodIds)
    expect(town.body[0].details.due[0].title).toBe('两周内到期')
    const id = mine.body[0].id
    const put = await api(`/api/weekly-checkins/${id}`, {
      method: 'PUT',
      cookie: w.cookies.staff,
      body: { note: '周一对接：逾期事项本周内补上，异议已回访。' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({
      note: '周一对接：逾期事项本周内补上，异议已回访。',
      noteBy: w.staff[0].id,
    })
    expect(
      await scalar(
        "SELECT count(*) FROM audit_log WHERE resource = 'weekly-checkins' AND record_id = ?",
        String(id),
      ),
    ).toBe(1)
    const viewer = await api(`/api/weekly-checkins/${id}`, {
      method: 'PUT',
      cookie: w.cookies.viewer,
      body: { note: 'x' },
    })
    expect(viewer.status).toBe(403)
    const otherId = town.body[1].id
    expect((await api(`/api/weekly-checkins/${otherId}`, { cookie: w.cookies.staff })).status).toBe(
      404,
    )
    // Only admins and town staff make the summaries on demand.
    expect(
      (await api('/api/weekly-checkins/run', { cookie: w.cookies.staff, body: {} })).status,
    ).toBe(403)
    const admin = await signIn((await createUser('admin')).username)
    expect((await api('/api/weekly-checkins/run', { cookie: admin, body: {} })).body).toEqual({
      made: 0,
    })
  })
})
