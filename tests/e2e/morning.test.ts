import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { querySql } from '../../scripts/lib/wrangler.mjs'
import { COUNTED_EVALUATION_SOURCES } from '../../worker/domain/vocabulary'
import { baseUrl, DEMO_PASSWORD, launchBrowser, newDesktopPage } from './browser'
import { csvRecords } from '../sheets'

// A 社工's morning in 慧华苑, in one browser page: filter today's new topics, accept one with a
// reply, merge a duplicate (the older topic survives), adopt two into a project with an owner
// and a deadline (and find the deadline in the project's edit form), export the morning's
// topics and read the file back by header, then open the dashboard — every figure checked
// against the database.

type Json = Record<string, any>
const OFFSET = 8 * 3_600_000
const stamp = `am${Date.now().toString(36)}`
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value))

/** The rows of each statement of `text` (one wrangler call, however many statements). */
const sqlAll = async (text: string): Promise<Json[][]> =>
  (await querySql(text, { persistTo: inject('persistTo') })).map((r: Json) => r.results)
const sql = async <T = Json>(text: string): Promise<T[]> => (await sqlAll(text))[0] as T[]

/** A signed-in API client of the demo staff user (to file the morning's topics). */
const staffApi = async () => {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'staff', password: DEMO_PASSWORD }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }
}

/** Today and this month in Shanghai: `YYYY-MM-DD` and [from, to) in epoch ms. */
const shanghai = () => {
  const local = new Date(Date.now() + OFFSET)
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()]
  return {
    today: local.toISOString().slice(0, 10),
    todayStart: Date.UTC(y, m, d) - OFFSET,
    monthFrom: Date.UTC(y, m, 1) - OFFSET,
    monthTo: Date.UTC(y, m + 1, 1) - OFFSET,
  }
}

describe('a 社工’s morning', () => {
  let browser: Browser
  let page: Page
  let api: Awaited<ReturnType<typeof staffApi>>
  const t: Record<'older' | 'dup' | 'reply' | 'a' | 'b', Json> = {} as any

  beforeAll(async () => {
    browser = await launchBrowser()
    api = await staffApi()
    // Overnight: five calls and messages, two about the same broken light (same category).
    const file = async (title: string) => {
      const r = await api('POST', '/topics', {
        neighborhoodId: 1,
        channelKind: 'phone',
        categoryId: 2,
        title: `${stamp} ${title}`,
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body as Json
    }
    t.older = await file('北门路灯坏了晚上很黑')
    t.reply = await file('楼道里有人堆放纸箱')
    t.a = await file('健身器材生锈了')
    t.b = await file('健身区地面破损')
    t.dup = await file('北门的路灯坏了，晚上黑')
    page = await newDesktopPage(browser)
    const res = await page.request.post('/api/auth/login', {
      data: { username: 'staff', password: DEMO_PASSWORD },
    })
    expect(res.status()).toBe(200)
  })
  afterAll(async () => {
    await browser?.close()
  })

  const rowBox = (id: number) =>
    page.locator(`.MuiDataGrid-row[data-id="${id}"] input[type="checkbox"]`)
  const statusOf = async (id: number) =>
    (await api('GET', `/topics/${id}`)).body as { status: string } & Json

  it('filters today’s new topics, accepts one with a reply, merges a duplicate, adopts two', async () => {
    const { today, todayStart } = shanghai()
    // 1. Today's new topics: the grid filtered on 提交日期起 = today (a link staff keep).
    const listed = page.waitForResponse(
      (r) => r.url().includes('/api/topics?') && r.url().includes('createdFrom'),
    )
    await page.goto(`/admin/#/topics?filter=${q({ createdFrom: todayStart })}`, {
      waitUntil: 'domcontentloaded',
    })
    const answer = await listed
    expect(JSON.parse(new URL(answer.url()).searchParams.get('filter')!).createdFrom).toBe(
      todayStart,
    )
    await page.waitForSelector('.MuiDataGrid-row', { timeout: 30_000 })
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*) AS n FROM topics WHERE neighborhood_id = 1 AND created_at >= ${todayStart}`,
    )
    await expect
      .poll(async () => {
        const text = await page.locator('.MuiTablePagination-displayedRows').innerText()
        return Number(/(?:共|of)\s*([\d,]+)/.exec(text)?.[1].replace(/,/g, ''))
      })
      .toBe(n)
    // The date input shows the day it filters on (the admin's one date helper).
    expect(await page.locator('input[name="createdFrom"]').inputValue()).toBe(today)

    // 2. Accept one with a reply.
    await rowBox(t.reply.id).check()
    const bar = page.locator('[data-testid="bulk-bar"]')
    await bar.locator('[data-move="accepted"]').click()
    const accept = page.locator('[data-testid="transition-accepted"]')
    await accept.locator('textarea[name="note"]').fill('已联系物业，今天下午清理')
    await accept.getByRole('button', { name: '确定' }).click()
    await expect.poll(async () => (await statusOf(t.reply.id)).status).toBe('accepted')

    // 3. Merge the duplicate from its page: the older topic is the one that stays.
    await page.goto(`/admin/#/topics/${t.dup.id}/show`)
    const alike = page.getByTestId('look-alikes').locator('li', { hasText: t.older.title })
    await alike.waitFor({ timeout: 30_000 })
    await alike.getByRole('button', { name: '本议题合并到它' }).click()
    const merge = page.getByTestId('transition-merged')
    expect(await merge.getByTestId('merge-survivor').innerText()).toContain(
      `合并后保留：#${t.older.id} ${t.older.title}`,
    )
    await merge.getByRole('button', { name: '确定' }).click()
    await expect.poll(async () => (await statusOf(t.dup.id)).status).toBe('merged')
    expect((await statusOf(t.dup.id)).mergedIntoId).toBe(t.older.id)
    expect((await statusOf(t.older.id)).status).toBe('submitted')

    // 4. Adopt two into one project with an owner and a deadline.
    await page.goto(`/admin/#/topics?filter=${q({ q: stamp, status: ['submitted'] })}`)
    await rowBox(t.a.id).waitFor({ timeout: 30_000 })
    await rowBox(t.a.id).check()
    await rowBox(t.b.id).check()
    await bar.locator('[data-move="adopted"]').click()
    const adopt = page.locator('[data-testid="transition-adopted"]')
    await adopt.locator('input[name="title"]').fill(`${stamp} 健身区整修`)
    await adopt.getByRole('combobox', { name: '负责人' }).click()
    await page.getByRole('option').nth(1).click()
    const deadline = shanghai().today.replace(/^(\d{4})/, (y) => String(Number(y) + 1))
    await adopt.locator('input[name="deadline"]').fill(deadline)
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/projects') && r.request().method() === 'POST',
    )
    await adopt.getByRole('button', { name: '确定' }).click()
    const project = await (await created).json()
    const saved = (await api('GET', `/projects/${project.id}`)).body
    expect(saved.ownerUserId).toBeGreaterThan(0)
    expect(saved.deadlineAt).toBe(Date.parse(`${deadline}T23:59:59.999+08:00`))
    for (const id of [t.a.id, t.b.id]) expect((await statusOf(id)).status).toBe('adopted')
    t.a.projectId = project.id

    // The project's edit form shows the deadline it has, and saving keeps it.
    await page.goto(`/admin/#/projects/${project.id}`)
    const due = page.locator('input[name="deadlineAt"]')
    await expect.poll(() => due.inputValue(), { timeout: 30_000 }).toBe(deadline)
  })

  it('exports the morning’s topics, each value under its header', async () => {
    await page.keyboard.press('Escape')
    await page.goto(`/admin/#/topics?filter=${q({ q: stamp })}`)
    await page.waitForSelector(`.MuiDataGrid-row[data-id="${t.dup.id}"]`, { timeout: 30_000 })
    await expect
      .poll(() => page.locator('[data-export="csv"]').getAttribute('href'))
      .toContain(stamp)
    const downloading = page.waitForEvent('download')
    // The export asks what it is for (logged, #17.6).
    await page.locator('[data-export="csv"]').click()
    await page.locator('[data-purpose="report"]').click()
    const file = fs.readFileSync((await (await downloading).path())!, 'utf8')
    const records = csvRecords(file)
    const [db, [logged]] = await sqlAll(
      `SELECT t.id, t.status, t.public_reply, t.merged_into_id, t.project_id, c.name AS category,
         ch.label AS channel, n.name AS neighborhood
       FROM topics t JOIN neighborhoods n ON n.id = t.neighborhood_id
       LEFT JOIN categories c ON c.id = t.category_id LEFT JOIN channels ch ON ch.id = t.channel_id
       WHERE instr(t.title, '${stamp}') > 0 ORDER BY t.id;
       SELECT u.username, a.after FROM audit_log a JOIN users u ON u.id = a.user_id
       WHERE a.action = 'export' AND a.resource = 'topics' ORDER BY a.id DESC LIMIT 1`,
    )
    expect(records.map((r) => Number(r.编号)).sort((x, y) => x - y)).toEqual(db.map((r) => r.id))
    const labels: Json = {
      submitted: '待受理',
      accepted: '已受理',
      merged: '已合并',
      adopted: '已立项',
    }
    for (const r of db) {
      const rec = records.find((x) => Number(x.编号) === r.id)!
      expect(rec.状态).toBe(labels[r.status])
      expect(rec.类别).toBe(r.category)
      expect(rec.居民区).toBe(r.neighborhood)
      expect(rec.渠道).toBe(r.channel ?? '')
      expect(rec.受理回复).toBe(r.public_reply ?? '')
      expect(rec.合并到).toBe(r.merged_into_id === null ? '' : String(r.merged_into_id))
      expect(rec.项目编号).toBe(r.project_id === null ? '' : String(r.project_id))
    }
    // It held phone numbers' column: the export is in the audit log, by the staff user.
    expect(logged.username).toBe('staff')
    expect(JSON.parse(logged.after)).toMatchObject({
      rows: db.length,
      filter: { q: stamp },
      purpose: 'report',
    })
  })

  it('opens the dashboard: the sentence and figures are the database’s', async () => {
    const { monthFrom: from, monthTo: to } = shanghai()
    await page.goto('/admin/#/')
    const sentence = page.getByTestId('report-sentence')
    await sentence.waitFor({ timeout: 30_000 })
    const within = (col: string) => `${col} >= ${from} AND ${col} < ${to}`
    const sources = COUNTED_EVALUATION_SOURCES.map((s) => `'${s}'`).join(', ')
    const [f] = await sql(
      `SELECT
        (SELECT count(*) FROM topics WHERE neighborhood_id = 1 AND ${within('created_at')} AND status <> 'merged') AS collected,
        (SELECT count(*) FROM topics WHERE neighborhood_id = 1 AND ${within('created_at')} AND status = 'merged') AS merged,
        (SELECT count(*) FROM projects WHERE neighborhood_id = 1 AND programme_id IS NULL AND ${within('created_at')}) AS adopted,
        (SELECT count(*) FROM projects WHERE neighborhood_id = 1 AND programme_id IS NULL AND status = 'done' AND ${within('done_at')}) AS done,
        (SELECT count(*) FROM evaluations e JOIN projects p ON p.id = e.project_id
          WHERE p.neighborhood_id = 1 AND e.source IN (${sources}) AND ${within('e.created_at')}) AS rated,
        (SELECT count(*) FROM evaluations e JOIN projects p ON p.id = e.project_id
          WHERE p.neighborhood_id = 1 AND e.source IN (${sources}) AND ${within('e.created_at')}
            AND e.resolved = 'solved' AND e.satisfaction >= 4) AS satisfied`,
    )
    // The morning shows: one duplicate merged, one project started.
    expect(f.merged).toBeGreaterThanOrEqual(1)
    expect(f.adopted).toBeGreaterThanOrEqual(1)
    const rate = f.rated ? `${Math.round((f.satisfied / f.rated) * 1000) / 10}%` : '—'
    const expected = `收集议题 ${f.collected} 个（另有 ${f.merged} 个重复议题已合并，不重复计），立项 ${f.adopted} 个，完成 ${f.done} 个，满意度 ${rate}`
    await expect.poll(() => sentence.textContent()).toBe(expected)
    const figure = (id: string) => page.getByTestId(id).locator('p').textContent()
    expect(await figure('figure-collected')).toBe(String(f.collected))
    expect(await figure('figure-adopted')).toBe(String(f.adopted))
    expect(await figure('figure-done')).toBe(String(f.done))
    expect(await figure('figure-satisfaction')).toBe(rate)
    expect(await page.getByTestId('figure-satisfaction-definition').innerText()).toContain('已解决')
    expect(await page.getByTestId('figure-adopted-definition').innerText()).toContain('项目')
  })
})
