import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createTown, createUser, fileTopic, signIn } from './helpers'
import {
  adoptedProject,
  createPartner,
  ok,
  partnerLogin,
  q,
  tasksOf,
  volunteer,
  type World,
} from './partners-fixtures'
import { createWorld } from './helpers'

let w: World
let hospital: { id: number; name: string }
let login: { id: number; cookie: string }
let slug: string
beforeAll(async () => {
  w = await createWorld()
  hospital = await createPartner(w, { name: '大场医院', kind: 'unit' })
  login = await partnerLogin(w, hospital.id)
  slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(w.neighborhoodIds[0])
    .first<{ slug: string }>())!.slug
})

const raise = (cookie: string, body: Record<string, unknown>) =>
  api('/api/claims', { cookie, body })
const move = (cookie: string, id: number, action: string, body: Record<string, unknown> = {}) =>
  api(`/api/claims/${id}/${action}`, { cookie, body })
const publicUpdates = async (projectId: number) =>
  (
    await env.DB.prepare(
      'SELECT body FROM project_updates WHERE project_id = ? AND public = 1 ORDER BY id',
    )
      .bind(projectId)
      .all<{ body: string }>()
  ).results.map((r) => r.body)

describe('a partner raising its hand through its login', () => {
  it('claims an open task of a project in its town: pending, audited, one live hand only', async () => {
    const project = await adoptedProject(w, { checklist: ['义诊', '健康讲座'] })
    const [task] = await tasksOf(project.id)
    const r = await raise(login.cookie, {
      projectId: project.id,
      checklistItemId: task.id,
      personName: '王医生',
      message: '每月第一个周六上午',
    })
    ok(r, 201)
    expect(r.body).toMatchObject({
      projectId: project.id,
      checklistItemId: task.id,
      taskTitle: '义诊',
      partnerId: hospital.id,
      partnerName: '大场医院',
      volunteerId: null,
      status: 'pending',
      source: 'partner',
      personName: '王医生',
      moves: ['withdrawn'],
    })
    expect(r.body).not.toHaveProperty('createdBy')
    const audit = await env.DB.prepare(
      "SELECT user_id FROM audit_log WHERE resource = 'claims' AND action = 'create' AND record_id = ?",
    )
      .bind(String(r.body.id))
      .first<{ user_id: number }>()
    expect(audit).toEqual({ user_id: login.id })
    const again = await raise(login.cookie, {
      projectId: project.id,
      checklistItemId: task.id,
      personName: '王医生',
    })
    expect(again.status, JSON.stringify(again.body)).toBe(409)
  })

  it('needs a named person, and cannot raise a hand in another town or for another partner', async () => {
    const project = await adoptedProject(w)
    const nobody = await raise(login.cookie, { projectId: project.id })
    expect(nobody.status).toBe(400)
    expect(nobody.body.errors.personName).toBeTruthy()
    const other = await createPartner(w)
    const forOther = await raise(login.cookie, {
      projectId: project.id,
      partnerId: other.id,
      personName: '冒名',
    })
    expect(forOther.status).toBe(400)

    const away = await createTown(1)
    const theirStaff = await createUser('staff', { neighborhoodIds: away.neighborhoodIds })
    const topic = await fileTopic(away.neighborhoodIds[0])
    const elsewhere = ok(
      await api('/api/projects', {
        cookie: await signIn(theirStaff.username),
        body: { title: '外镇项目', neighborhoodId: away.neighborhoodIds[0], topicIds: [topic.id] },
      }),
      201,
    ).body
    const r = await raise(login.cookie, { projectId: elsewhere.id, personName: '王医生' })
    expect(r.status).toBe(404)
  })

  it('cannot accept its own hand, but can take it down while it waits', async () => {
    const project = await adoptedProject(w)
    const claim = ok(
      await raise(login.cookie, { projectId: project.id, personName: '王医生' }),
      201,
    ).body
    const accept = await move(login.cookie, claim.id, 'accept')
    expect(accept.status, JSON.stringify(accept.body)).toBe(409)
    const withdrawn = ok(await move(login.cookie, claim.id, 'withdraw'))
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', moves: [] })
    expect(await publicUpdates(project.id)).toEqual([])
  })

  it('sees only its own organisation’s claims', async () => {
    const project = await adoptedProject(w)
    const other = await createPartner(w, { name: '别的单位' })
    const theirs = ok(
      await raise(w.cookies.staff, { projectId: project.id, partnerId: other.id }),
      201,
    ).body
    const list = ok(await api(`/api/claims${q({ range: [0, 499] })}`, { cookie: login.cookie }))
    expect(list.body.length).toBeGreaterThan(0)
    expect(list.body.every((c: { partnerId: number }) => c.partnerId === hospital.id)).toBe(true)
    expect((await api(`/api/claims/${theirs.id}`, { cookie: login.cookie })).status).toBe(404)
    expect((await move(login.cookie, theirs.id, 'withdraw')).status).toBe(404)
  })

  it('refuses a project that is done', async () => {
    const project = await adoptedProject(w, { status: 'done' })
    const r = await raise(login.cookie, { projectId: project.id, personName: '王医生' })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
  })
})

describe('staff accepting and declining', () => {
  it('accepting puts the partner on the public timeline, the board and the tracking page', async () => {
    const topic = await fileTopic(w.neighborhoodIds[0], { title: '老人看病难' })
    const project = ok(
      await api('/api/projects', {
        cookie: w.cookies.staff,
        body: {
          title: '健康驿站',
          neighborhoodId: w.neighborhoodIds[0],
          topicIds: [topic.id],
          status: 'in_progress',
          checklist: [{ title: '义诊' }, { title: '建档' }],
        },
      }),
      201,
    ).body
    const [task] = await tasksOf(project.id)
    const claim = ok(
      await raise(login.cookie, {
        projectId: project.id,
        checklistItemId: task.id,
        personName: '王医生',
      }),
      201,
    ).body
    const board0 = await api(`/b/${slug}`)
    expect(board0.text).not.toContain('认领单位：大场医院')

    const viewer = await move(w.cookies.viewer, claim.id, 'accept')
    expect(viewer.status).toBe(403)
    const r = ok(await move(w.cookies.staff, claim.id, 'accept', { note: '欢迎' }))
    expect(r.body).toMatchObject({ status: 'accepted', decisionNote: '欢迎', moves: ['withdrawn'] })
    expect(await publicUpdates(project.id)).toEqual(['认领单位：大场医院 认领了任务「义诊」'])

    const board = await api(`/b/${slug}`)
    expect(board.status).toBe(200)
    expect(board.text).toContain('认领单位：大场医院')
    const track = await api(`/t/${topic.trackingCode}`)
    expect(track.status).toBe(200)
    expect(track.text).toContain('认领单位：大场医院')
    expect(track.text).toContain('认领单位：大场医院 认领了任务「义诊」')
    expect(track.text).not.toContain('王医生')

    // The task is off the 需求清单; the partner sees the project among those it joined.
    const wanted = ok(
      await api(`/api/help-wanted${q({ filter: { id: project.id } })}`, { cookie: login.cookie }),
    )
    expect(wanted.body[0].tasks.map((t: { title: string }) => t.title)).toEqual(['建档'])
    const joined = ok(await api('/api/partner-projects', { cookie: login.cookie }))
    const mine = joined.body.find((p: { id: number }) => p.id === project.id)
    expect(mine).toMatchObject({ title: '健康驿站', checklistTotal: 2 })
    expect(mine.mine).toEqual([
      expect.objectContaining({
        checklistItemId: task.id,
        taskTitle: '义诊',
        partnerName: '大场医院',
      }),
    ])
    const detail = ok(await api(`/api/partner-projects/${project.id}`, { cookie: login.cookie }))
    expect(detail.body.updates.map((u: { body: string }) => u.body)).toContain(
      '认领单位：大场医院 认领了任务「义诊」',
    )

    // Ending it writes that the partner left.
    ok(await move(w.cookies.staff, claim.id, 'withdraw'))
    expect((await publicUpdates(project.id)).at(-1)).toBe('认领单位：大场医院 已退出任务「义诊」')
    const audits = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE resource = 'claims' AND record_id = ? ORDER BY id",
    )
      .bind(String(claim.id))
      .all<{ action: string }>()
    expect(audits.results.map((a) => a.action)).toEqual(['create', 'accept', 'withdraw'])
  })

  it('a decline needs a reason, which the partner reads', async () => {
    const project = await adoptedProject(w)
    const claim = ok(
      await raise(login.cookie, { projectId: project.id, personName: '王医生' }),
      201,
    ).body
    const bare = await move(w.cookies.staff, claim.id, 'decline')
    expect(bare.status).toBe(400)
    ok(await move(w.cookies.staff, claim.id, 'decline', { note: '已有单位负责' }))
    const seen = ok(await api(`/api/claims/${claim.id}`, { cookie: login.cookie }))
    expect(seen.body).toMatchObject({ status: 'declined', decisionNote: '已有单位负责' })
    expect(await publicUpdates(project.id)).toEqual([])
  })

  it('a claim outside the staff member’s neighborhoods answers 404', async () => {
    const project = await adoptedProject(w, { neighborhoodId: w.neighborhoodIds[1] })
    const claim = ok(
      await raise(login.cookie, { projectId: project.id, personName: '王医生' }),
      201,
    ).body
    expect((await move(w.cookies.staff, claim.id, 'accept')).status).toBe(404)
    ok(await move(w.cookies.town, claim.id, 'accept'))
  })

  it('two staff accepting at once: one wins, the other is told it changed', async () => {
    const project = await adoptedProject(w)
    const claim = ok(
      await raise(login.cookie, { projectId: project.id, personName: '王医生' }),
      201,
    ).body
    const results = await Promise.all([
      move(w.cookies.staff, claim.id, 'accept'),
      move(w.cookies.town, claim.id, 'accept'),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect(await publicUpdates(project.id)).toHaveLength(1)
  })

  it('bulk accepts all or nothing', async () => {
    const project = await adoptedProject(w, { checklist: ['一', '二', '三'] })
    const tasks = await tasksOf(project.id)
    const ids: number[] = []
    for (const task of tasks)
      ids.push(
        ok(
          await raise(login.cookie, {
            projectId: project.id,
            checklistItemId: task.id,
            personName: '王医生',
          }),
          201,
        ).body.id,
      )
    ok(await move(w.cookies.staff, ids[2], 'decline', { note: '不需要' }))
    const refused = await api('/api/claims/bulk', {
      cookie: w.cookies.staff,
      body: { ids, to: 'accepted' },
    })
    expect(refused.status).toBe(409)
    expect(Object.keys(refused.body.errors)).toEqual([String(ids[2])])
    const still = ok(
      await api(`/api/claims${q({ filter: { id: ids } })}`, { cookie: w.cookies.staff }),
    )
    expect(still.body.map((c: { status: string }) => c.status).sort()).toEqual([
      'declined',
      'pending',
      'pending',
    ])
    const r = ok(
      await api('/api/claims/bulk', {
        cookie: w.cookies.staff,
        body: { ids: ids.slice(0, 2), to: 'accepted' },
      }),
    )
    expect(r.body.data.map((c: { status: string }) => c.status)).toEqual(['accepted', 'accepted'])
    expect(await publicUpdates(project.id)).toHaveLength(2)
    const queue = ok(
      await api(`/api/claims${q({ filter: { status: 'pending', projectId: project.id } })}`, {
        cookie: w.cookies.staff,
      }),
    )
    expect(queue.body).toEqual([])
  })
})

describe('staff recording a hand for a partner or a 达人', () => {
  it('records a 达人 as 主理人, masked on public pages; a volunteer without skills is no 达人', async () => {
    const project = await adoptedProject(w)
    const plain = await volunteer(w.neighborhoodIds[0], { skills: [] })
    const refused = await raise(w.cookies.staff, { projectId: project.id, volunteerId: plain })
    expect(refused.status).toBe(400)
    const talent = await volunteer(w.neighborhoodIds[0], { name: '沈阿姨', skills: ['编织'] })
    const claim = ok(
      await raise(w.cookies.staff, { projectId: project.id, volunteerId: talent }),
      201,
    ).body
    expect(claim).toMatchObject({ source: 'staff', volunteerName: '沈阿姨', claimant: '沈阿姨' })
    const forViewer = ok(await api(`/api/claims/${claim.id}`, { cookie: w.cookies.viewer }))
    expect(forViewer.body).toMatchObject({ volunteerName: '沈**', moves: [] })
    ok(await move(w.cookies.staff, claim.id, 'accept'))
    expect(await publicUpdates(project.id)).toEqual(['主理人：达人 沈** 认领了本项目'])
    const board = await api(`/b/${slug}`)
    expect(board.text).toContain('主理人：达人 沈**')
    expect(board.text).not.toContain('沈阿姨')
  })

  it('needs exactly one of partner and 达人, of the project’s town', async () => {
    const project = await adoptedProject(w)
    const both = await raise(w.cookies.staff, {
      projectId: project.id,
      partnerId: hospital.id,
      volunteerId: await volunteer(w.neighborhoodIds[0]),
    })
    expect(both.status).toBe(400)
    const away = await createTown(1)
    const foreign = ok(
      await api('/api/partners', {
        cookie: w.cookies.admin,
        body: { townId: away.townId, kind: 'unit', name: '外镇单位' },
      }),
      201,
    ).body
    const r = await raise(w.cookies.staff, { projectId: project.id, partnerId: foreign.id })
    expect(r.status).toBe(400)
  })
})
