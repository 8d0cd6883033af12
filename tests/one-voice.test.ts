import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { api, clearOfWindowEdge, createWorld } from './helpers'
import { LIMITS } from '../worker/pages/common'
import {
  getPage,
  inputValue,
  postPage,
  receiptCode,
  residentProject,
  residentTopic,
} from './pages-fixtures'
import { createProgramme, step } from './programmes-fixtures'
import { createDb } from '../worker/db/client'
import { voiceSourceSql } from '../worker/db/queries/resident/voices'
import { forgetSupportAddresses } from '../worker/db/queries/resident/supports'
import { SUPPORT_WINDOW_MS, voiceOf } from '../worker/domain/voice'

// One voice per resident (举手, both hands): supports count once per device and per client address
// within a window, bursts show to staff; the right to rate (and to tick 居民打钩) belongs to a
// topic's filers and to supporters with a verified phone; an unverified support counts on the
// board but is no voice; staff enter paper ratings; the board and the admin show how many ratings
// there are and where they came from.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let slug: string

beforeAll(async () => {
  w = await createWorld()
  slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(w.neighborhoodIds[0])
    .first<{ slug: string }>())!.slug
})

let ip = 0
const address = () => `203.0.113.${++ip}`

const support = (
  topicId: number,
  headers: Record<string, string> = {},
  key = crypto.randomUUID(),
) => postPage(`/b/${slug}/support`, { key, topicId: String(topicId) }, headers)

const supportCount = async (id: number) =>
  (await env.DB.prepare('SELECT support_count AS n FROM topics WHERE id = ?')
    .bind(id)
    .first<{ n: number }>())!.n

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0]

describe('supports (附议) count once per resident', () => {
  it('counts fifty ticks without a cookie from one address once, and flags the burst to staff', async () => {
    await clearOfWindowEdge(LIMITS.support.windowMs)
    const topic = await residentTopic(w.neighborhoodIds[0], { title: '小区门口加装减速带' })
    const from = { 'cf-connecting-ip': address() }
    const statuses: number[] = []
    for (let i = 0; i < 50; i++) statuses.push((await support(topic.id, from)).status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(30) // then the address limit
    expect(statuses.filter((s) => s === 429)).toHaveLength(20)
    expect(await supportCount(topic.id)).toBe(1)

    const record = await api(`/api/topics/${topic.id}`, { cookie: w.cookies.staff })
    expect(record.status, record.text).toBe(200)
    expect(record.body.supportCount).toBe(1)
    expect(record.body.supportBurst).toBe(true)
    expect(record.body.supportTally).toEqual({
      counted: 1,
      verified: 0,
      merged: 0,
      sameDevice: 0,
      sameAddress: 29,
    })
    const board = await getPage(`/b/${slug}`)
    expect(board.text).toContain('小区门口加装减速带')
    expect(board.text).toMatch(/附议 1 人/)
  })

  it('counts a device once, and shows its repeats to staff without calling one tap a burst', async () => {
    const topic = await residentTopic(w.neighborhoodIds[0])
    const first = await support(topic.id)
    const cookie = cookieOf(first.res)!
    const again = await support(topic.id, { cookie })
    expect(receiptCode(again.text)).toBe(receiptCode(first.text))
    expect(await supportCount(topic.id)).toBe(1)
    const record = await api(`/api/topics/${topic.id}`, { cookie: w.cookies.staff })
    expect(record.body.supportTally).toMatchObject({ counted: 1, sameDevice: 1, sameAddress: 0 })
    expect(record.body.supportBurst).toBe(false)
  })

  it('counts different addresses, and the same address again once the window has passed', async () => {
    const topic = await residentTopic(w.neighborhoodIds[0])
    const home = { 'cf-connecting-ip': address() }
    expect((await support(topic.id, home)).status).toBe(200)
    expect((await support(topic.id, { 'cf-connecting-ip': address() })).status).toBe(200)
    expect(await supportCount(topic.id)).toBe(2)
    await env.DB.prepare('UPDATE supports SET created_at = created_at - ? WHERE topic_id = ?')
      .bind(SUPPORT_WINDOW_MS + 1000, topic.id)
      .run()
    expect((await support(topic.id, home)).status).toBe(200)
    expect(await supportCount(topic.id)).toBe(3)
  })

  it('forgets the address of a tick once the window has passed (cron)', async () => {
    const topic = await residentTopic(w.neighborhoodIds[0])
    await support(topic.id, { 'cf-connecting-ip': address() })
    const keyed = () =>
      env.DB.prepare(
        'SELECT count(*) AS n FROM supports WHERE topic_id = ? AND address_key IS NOT NULL',
      )
        .bind(topic.id)
        .first<{ n: number }>()
        .then((r) => r!.n)
    const db = createDb(env.DB)
    await forgetSupportAddresses(db)
    expect(await keyed()).toBe(1)
    await forgetSupportAddresses(db, Date.now() + SUPPORT_WINDOW_MS + 1)
    expect(await keyed()).toBe(0)
  })

  it('lists the tally in the topic record for viewers too, without codes', async () => {
    const topic = await residentTopic(w.neighborhoodIds[0])
    await support(topic.id)
    const record = await api(`/api/topics/${topic.id}`, { cookie: w.cookies.viewer })
    expect(record.body.supportTally.counted).toBe(1)
    expect(JSON.stringify(record.body.supportTally)).not.toMatch(/[A-Z0-9]{3}-[A-Z0-9]{3}/)
  })
})

/** A done project with one topic filed in the first neighborhood. */
const doneProject = async (title = '健身苑点改造') => {
  const topic = await residentTopic(w.neighborhoodIds[0], { status: 'done', title: `${title}议题` })
  const projectId = await residentProject(w.neighborhoodIds[0], {
    title,
    status: 'done',
    topicIds: [topic.id],
  })
  return { topic, projectId }
}

const rate = async (code: string, rating = { resolved: 'solved', satisfaction: '5' }) => {
  const form = await getPage(`/t/${code}/evaluate`)
  return postPage(`/t/${code}/evaluate`, {
    key: inputValue(form.text, 'key') ?? crypto.randomUUID(),
    comment: '',
    ...rating,
  })
}

const evaluationRows = (projectId: number) =>
  env.DB.prepare(
    'SELECT tracking_code AS code, source, satisfaction FROM evaluations WHERE project_id = ? ORDER BY id',
  )
    .bind(projectId)
    .all<{ code: string | null; source: string; satisfaction: number }>()
    .then((r) => r.results)

/** A support made on the board before the topic was done, as its code. */
const supporterOf = async (topicId: number) => {
  await env.DB.prepare("UPDATE topics SET status = 'accepted' WHERE id = ?").bind(topicId).run()
  const r = await support(topicId, { 'cf-connecting-ip': address() })
  await env.DB.prepare("UPDATE topics SET status = 'done' WHERE id = ?").bind(topicId).run()
  return receiptCode(r.text)!
}

describe('who may rate (监督评议)', () => {
  it('does not let a support rate by itself, and says so kindly', async () => {
    const { topic, projectId } = await doneProject('楼道扶手加装')
    const code = await supporterOf(topic.id)
    const track = await getPage(`/t/${code}`)
    expect(track.status).toBe(200)
    expect(track.text).not.toContain(`/t/${code}/evaluate"`)
    expect(track.text).toContain('验证手机')

    const page = await getPage(`/t/${code}/evaluate`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('谢谢您的附议')
    expect(page.text).toContain('验证手机')
    expect(page.text).not.toContain('name="resolved"')
    const r = await rate(code, { resolved: 'not', satisfaction: '1' })
    expect(r.status).toBe(409)
    expect(r.text).toContain('验证手机')
    expect(await evaluationRows(projectId)).toEqual([])
    // The support still counts on the board.
    expect(await supportCount(topic.id)).toBe(1)
  })

  it("lets the filer's code and a verified supporter rate once each, with their source", async () => {
    const { topic, projectId } = await doneProject('电动车充电棚')
    const code = await supporterOf(topic.id)
    await env.DB.prepare('UPDATE supports SET phone_verified_at = ? WHERE tracking_code = ?')
      .bind(Date.now(), code)
      .run()
    expect((await rate(topic.code)).status).toBe(200)
    const verified = await rate(code, { resolved: 'partly', satisfaction: '3' })
    expect(verified.status, verified.text).toBe(200)
    expect((await rate(code)).status).toBe(409)
    expect(await evaluationRows(projectId)).toEqual([
      { code: topic.code, source: 'code', satisfaction: 5 },
      { code, source: 'verified', satisfaction: 3 },
    ])
  })

  it("lets a merged topic's filer rate the project, but not its unverified supporters", async () => {
    const { topic, projectId } = await doneProject('东门停车整治')
    const merged = await residentTopic(w.neighborhoodIds[0], {
      status: 'merged',
      mergedIntoId: topic.id,
    })
    await env.DB.prepare(
      "INSERT INTO supports (topic_id, tracking_code, source, created_at) VALUES (?, 'MRG-234', 'support', ?), (?, 'MRG-234', 'merged', ?)",
    )
      .bind(merged.id, Date.now(), topic.id, Date.now())
      .run()
    expect((await rate(merged.code)).status).toBe(200)
    expect((await rate('MRG-234')).status).toBe(409)
    expect((await evaluationRows(projectId)).map((e) => e.source)).toEqual(['code'])
  })
})

describe('paper ratings and where ratings came from', () => {
  it('lets staff enter a paper rating (audited), and shows counts by source on the board and in the API', async () => {
    const { topic, projectId } = await doneProject('垃圾房改造')
    const code = await supporterOf(topic.id)
    await env.DB.prepare('UPDATE supports SET phone_verified_at = ? WHERE tracking_code = ?')
      .bind(Date.now(), code)
      .run()
    expect((await rate(topic.code, { resolved: 'solved', satisfaction: '5' })).status).toBe(200)
    expect((await rate(code, { resolved: 'solved', satisfaction: '4' })).status).toBe(200)

    const body = {
      projectId,
      source: 'paper',
      resolved: 'partly',
      satisfaction: 3,
      comment: '纸质评议表：希望再加一个垃圾桶',
    }
    const viewer = await api('/api/evaluations', { cookie: w.cookies.viewer, body })
    expect(viewer.status).toBe(403)
    const paper = await api('/api/evaluations', { cookie: w.cookies.staff, body })
    expect(paper.status, paper.text).toBe(201)
    expect(paper.body).toMatchObject({
      projectId,
      source: 'paper',
      satisfaction: 3,
      trackingCode: null,
    })
    const audit = await env.DB.prepare(
      "SELECT user_id, action FROM audit_log WHERE resource = 'evaluations' AND record_id = ?",
    )
      .bind(String(paper.body.id))
      .first()
    expect(audit).toEqual({ user_id: w.users.staff.id, action: 'create' })
    const bad = await api('/api/evaluations', {
      cookie: w.cookies.staff,
      body: { ...body, satisfaction: 9, source: 'code' },
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.errors).sort()).toEqual(['satisfaction', 'source'])

    const project = await api(`/api/projects/${projectId}`, { cookie: w.cookies.staff })
    expect(project.body).toMatchObject({
      evaluationCount: 3,
      satisfactionAvg: 4,
      evaluationSources: { code: 1, verified: 1, paper: 1 },
    })
    const list = await api(
      `/api/evaluations?filter=${encodeURIComponent(JSON.stringify({ projectId: [projectId], source: 'paper' }))}`,
      { cookie: w.cookies.staff },
    )
    expect(list.body.map((e: { source: string }) => e.source)).toEqual(['paper'])

    const board = await getPage(`/b/${slug}`)
    expect(board.text).toContain('满意度 66.7%（3 人评议）')
    expect(board.text).toContain('查询码 1 · 验证手机 1 · 纸质 1')
  })

  it('refuses a paper rating for a project that is not done, or out of scope', async () => {
    const open = await residentProject(w.neighborhoodIds[0], { status: 'in_progress' })
    const r = await api('/api/evaluations', {
      cookie: w.cookies.staff,
      body: { projectId: open, source: 'paper', resolved: 'solved', satisfaction: 5 },
    })
    expect(r.status).toBe(409)
    const elsewhere = await residentProject(w.neighborhoodIds[1], { status: 'done' })
    const out = await api('/api/evaluations', {
      cookie: w.cookies.staff,
      body: { projectId: elsewhere, source: 'paper', resolved: 'solved', satisfaction: 5 },
    })
    expect(out.status).toBe(404)
  })

  it('leaves ratings cast by unverified support codes before the rule out of the figures', async () => {
    const { projectId } = await doneProject('旧评议')
    await env.DB.prepare(
      `INSERT INTO evaluations (project_id, tracking_code, source, resolved, satisfaction, created_at)
       VALUES (?, 'OLD-222', 'support', 'not', 1, ?), (?, 'OLD-223', 'code', 'solved', 5, ?)`,
    )
      .bind(projectId, Date.now(), projectId, Date.now())
      .run()
    const project = await api(`/api/projects/${projectId}`, { cookie: w.cookies.staff })
    expect(project.body).toMatchObject({ evaluationCount: 1, satisfactionAvg: 5 })
    const board = await getPage(`/b/${slug}`)
    expect(board.text).toContain('满意度 100%（1 人评议）')
  })
})

describe('居民打钩 follows the same voice rule', () => {
  it('refuses an unverified support code and takes a verified one', async () => {
    const p = await createProgramme(w.cookies.town, w.townId, [step('一次走访')])
    await api(`/api/programmes/${p.id}/apply`, {
      cookie: w.cookies.town,
      body: { neighborhoodIds: [w.neighborhoodIds[0]] },
    })
    const item = (await env.DB.prepare(
      'SELECT ci.id FROM checklist_items ci JOIN projects p ON p.id = ci.project_id WHERE p.programme_id = ? AND p.neighborhood_id = ?',
    )
      .bind(p.id, w.neighborhoodIds[0])
      .first<{ id: number }>())!
    const done = await api(`/api/programme-items/${item.id}/done`, {
      cookie: w.cookies.town,
      body: { note: '走访了 30 户' },
    })
    expect(done.status, done.text).toBe(200)
    const topic = await residentTopic(w.neighborhoodIds[0], { status: 'accepted' })
    const code = receiptCode((await support(topic.id, { 'cf-connecting-ip': address() })).text)!
    const tick = async () => {
      const headers = { 'cf-connecting-ip': address(), 'user-agent': `ua-${ip}` }
      const page = await getPage(`/g/${slug}/${item.id}`, headers)
      return postPage(
        `/g/${slug}/${item.id}`,
        { key: inputValue(page.text, 'key')!, voice: code, verdict: 'confirmed' },
        headers,
      )
    }
    expect((await tick()).status).toBe(400)
    await env.DB.prepare('UPDATE supports SET phone_verified_at = ? WHERE tracking_code = ?')
      .bind(Date.now(), code)
      .run()
    const ok = await tick()
    expect(ok.status, ok.text).toBe(200)
  })
})

describe('the voice rule in SQL', () => {
  it('agrees with the pure rule on random codes', async () => {
    const db = createDb(env.DB)
    const n = w.neighborhoodIds[1]
    const rnd = (k: number) => Math.floor(Math.random() * k)
    const codes = Array.from(
      { length: 40 },
      (_, i) => `V${String.fromCharCode(65 + (i % 20))}${i < 20 ? 'A' : 'B'}-${200 + i}`,
    )
    const topicCodes = new Set<string>()
    const supportRows: { code: string; verifiedAt: number | null }[] = []
    for (const code of codes) {
      const kind = rnd(4)
      if (kind === 0) {
        const t = await residentTopic(n)
        await env.DB.prepare('UPDATE topics SET tracking_code = ? WHERE id = ?')
          .bind(code, t.id)
          .run()
        topicCodes.add(code)
      } else if (kind < 3) {
        const t = await residentTopic(n)
        const verifiedAt = kind === 2 ? Date.now() - rnd(1000) : null
        await env.DB.prepare(
          'INSERT INTO supports (topic_id, tracking_code, source, phone_verified_at, created_at) VALUES (?, ?, ?, ?, ?)',
        )
          .bind(t.id, code, rnd(2) ? 'support' : 'merged', verifiedAt, Date.now())
          .run()
        supportRows.push({ code, verifiedAt })
      }
    }
    for (const code of codes) {
      const expected = voiceOf({
        filer: topicCodes.has(code),
        phoneVerifiedAt: supportRows.find((s) => s.code === code)?.verifiedAt ?? null,
      })
      const row = await db.get<{ source: string | null }>(
        sql`SELECT ${voiceSourceSql(code)} AS source`,
      )
      expect(row.source, code).toBe(expected)
    }
  })
})
