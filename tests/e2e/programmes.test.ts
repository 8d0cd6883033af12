import fs from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { querySql } from '../../scripts/lib/wrangler.mjs'
import {
  baseUrl,
  DEMO_PASSWORD,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  signInAdmin,
} from './browser'

// Programmes in chromium against the seeded worker: the 九个一 matrix of the demo programme
// (states and counts as the API has them, filters, click-through to a step), a resident
// confirming a done step on their phone with JavaScript off (居民打钩), and the 台账 workbook
// downloaded from the report screen and read back.

type Json = Record<string, any>
const PROGRAMME = 1

const apiAs = async (username: string) => {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]
  return async (path: string) => {
    const res = await fetch(`${baseUrl()}/api${path}`, { headers: { cookie } })
    return (await res.json()) as Json
  }
}

/** Result sets of SQL on the worker's database (one wrangler call; retried once when busy). */
const sql = async (text: string): Promise<Json[][]> => {
  const run = async () =>
    (await querySql(text, { persistTo: inject('persistTo') })).map((r: Json) => r.results)
  try {
    return await run()
  } catch {
    return run()
  }
}

/** The sheets of an .xlsx file as rows of cell texts, by sheet name. */
const readXlsx = (bytes: Uint8Array) => {
  const files = unzipSync(bytes)
  const names = [...strFromU8(files['xl/workbook.xml']).matchAll(/<sheet name="([^"]*)"/g)].map(
    (m) => m[1],
  )
  return Object.fromEntries(
    names.map((name, i) => {
      const xml = strFromU8(files[`xl/worksheets/sheet${i + 1}.xml`])
      const rows = [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((row) => {
        const cells: string[] = []
        for (const m of row[1].matchAll(
          /<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g,
        )) {
          let index = 0
          for (const ch of m[1]) index = index * 26 + ch.charCodeAt(0) - 64
          cells[index - 1] = m[2] ?? m[3] ?? ''
        }
        return cells
      })
      return [name, rows]
    }),
  )
}

const cellStates = (page: Page) =>
  page
    .locator('[data-testid^="cell-"]')
    .evaluateAll((cells) =>
      cells.map((c) => `${c.getAttribute('data-testid')}=${c.getAttribute('data-state')}`),
    )

describe('programmes in the browser', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows the matrix of the 九个一: every cell’s state, counts, filters and a step’s detail', async () => {
    const town = await apiAs('town')
    const matrix = await town(`/programmes/${PROGRAMME}/matrix`)
    expect(matrix.rows).toHaveLength(8)
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'town', `/admin/#/programmes/${PROGRAMME}/show`)
    await page.waitForSelector('[data-testid="programme-matrix"]', { timeout: 60_000 })
    await expect.poll(() => page.locator('[data-testid^="matrix-row-"]').count()).toBe(8)
    // Every cell shows the state the API gives, and all four states are there.
    const expected = matrix.rows.flatMap((row: Json) =>
      row.cells.map(
        (c: Json, j: number) => `cell-${row.neighborhoodId}-${matrix.steps[j].id}=${c.state}`,
      ),
    )
    expect((await cellStates(page)).sort()).toEqual(expected.sort())
    expect(new Set(expected.map((e: string) => e.split('=')[1]))).toEqual(
      new Set(['done', 'due', 'overdue', 'not_started']),
    )
    const firstColumn = await page
      .locator(`[data-testid="column-${matrix.steps[0].id}"]`)
      .innerText()
    const c0 = matrix.columns[0].counts
    expect(firstColumn.replace(/\s+/g, '')).toBe(
      `${c0.done}${c0.due}${c0.overdue}${c0.not_started}`,
    )
    // Filter: only neighborhoods with something overdue.
    await page.getByLabel('只看').click()
    await page.getByRole('option', { name: '有逾期的' }).click()
    const overdue = matrix.rows.filter((r: Json) => r.counts.overdue > 0).length
    expect(overdue).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[data-testid^="matrix-row-"]').count()).toBe(overdue)
    // Click-through: the step's item with its state and residents' answers.
    const row = matrix.rows.find((r: Json) => r.cells.some((c: Json) => c?.state === 'overdue'))
    const j = row.cells.findIndex((c: Json) => c?.state === 'overdue')
    await page.locator(`[data-testid="cell-${row.neighborhoodId}-${matrix.steps[j].id}"]`).click()
    await expect.poll(() => page.locator('[data-testid="item-state"]').innerText()).toBe('已逾期')
    await page.keyboard.press('Escape')
    // The timetable: a bar per step.
    await page.getByRole('tab', { name: '时间表' }).click()
    await expect
      .poll(() => page.locator('[data-testid^="timetable-step-"]').count())
      .toBe(matrix.steps.length)
    const text = await page.evaluate(() => document.body.innerText)
    expect(text.match(/\b(?:ra|app|resources|programmes)\.[A-Za-z_][\w.-]*/g) ?? []).toEqual([])
    await page.context().close()
  })

  it('lets the town define a programme in the form and apply it to every neighborhood', async () => {
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'town', '/admin/#/programmes/create')
    const name = `e2e 规定动作 ${Date.now().toString(36)}`
    await page.getByLabel('名称').first().fill(name, { timeout: 60_000 })
    const day = (offset: number) =>
      new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel('开始日期').fill(day(-5))
    await page.getByLabel('结束日期').fill(day(60))
    await page.getByLabel('步骤名称').first().fill('一次楼组走访')
    await page.getByLabel('开始后第几天到期').first().fill('3')
    await page.getByRole('button', { name: '保存' }).click()
    await page.waitForSelector('[data-testid="programme-matrix"]', { timeout: 60_000 })
    expect(await page.locator('#main-content h1').first().innerText()).toBe(name)
    await page.getByRole('button', { name: '下发到居民区' }).click()
    await page.locator('[data-testid="apply-submit"]').click()
    await expect
      .poll(() => page.locator('[data-testid^="cell-"]').count(), { timeout: 30_000 })
      .toBe(8)
    // The one step was due two days ago: overdue everywhere.
    expect(new Set((await cellStates(page)).map((c) => c.split('=')[1]))).toEqual(
      new Set(['overdue']),
    )

    // The timetable: move the step's due day with the keyboard, then by dragging its bar's end;
    // each move is saved once, moves the neighborhoods' items with it, and is audited.
    const id = Number(page.url().match(/programmes\/(\d+)/)![1])
    const town = await apiAs('town')
    const dueOf = async () => (await town(`/programmes/${id}`)).steps[0].due as number
    const before = await dueOf()
    await page.getByRole('tab', { name: '时间表' }).click()
    const handle = page.locator('[data-testid="due-handle"]')
    await handle.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect.poll(dueOf, { timeout: 30_000 }).toBe(before + 2 * 86_400_000)
    // Drag only once the screen shows the saved day (its refresh would end a drag begun earlier).
    await expect
      .poll(() => handle.getAttribute('aria-valuenow'), { timeout: 30_000 })
      .toBe(String(before + 2 * 86_400_000 - 86_400_000 + 1))
    await handle.scrollIntoViewIfNeeded()
    const box = (await handle.boundingBox())!
    const track = (await handle.locator('..').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(track.x + track.width * 0.3, box.y + box.height / 2, { steps: 5 })
    await page.mouse.move(track.x + track.width * 0.5, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    // Half of the 65-day period from day −5: the bar now ends near day 27 (a pixel is ~1/10 day).
    await expect.poll(dueOf, { timeout: 30_000 }).toBeGreaterThan(before + 25 * 86_400_000)
    const after = await dueOf()
    expect(after).toBeLessThan(before + 32 * 86_400_000)
    // The handle shows the day the server saved (its day start).
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(after - 86_400_000 + 1)
    const [moves, items] = await sql(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'move_due'
         AND record_id = (SELECT id FROM programme_steps WHERE programme_id = ${id});
       SELECT DISTINCT ci.due_at AS due FROM checklist_items ci JOIN projects p ON p.id = ci.project_id
         WHERE p.programme_id = ${id}`,
    )
    expect(moves[0].n).toBe(2)
    expect(items).toEqual([{ due: after }])
    await page.context().close()
  })

  it('shows staff the row of their own neighborhood only', async () => {
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'staff', `/admin/#/programmes/${PROGRAMME}/show`)
    await page.waitForSelector('[data-testid="programme-matrix"]', { timeout: 60_000 })
    await expect.poll(() => page.locator('[data-testid^="matrix-row-"]').count()).toBe(1)
    expect(await page.locator('[data-testid="matrix-row-1"]').count()).toBe(1)
    await page.context().close()
  })

  it('lets a resident confirm a done step on a phone with JavaScript off', async () => {
    // A done public step of 慧华苑, a tracking code of 慧华苑 that has not answered it yet, and
    // how many codes answered so far.
    const step = `(SELECT ci.id FROM checklist_items ci JOIN projects p ON p.id = ci.project_id
      JOIN programme_steps s ON s.id = ci.step_id WHERE p.programme_id = ${PROGRAMME}
      AND p.neighborhood_id = 1 AND ci.done = 1 AND s.public = 1 ORDER BY ci.sort_order LIMIT 1)`
    const answers = `SELECT count(*) AS n FROM confirmations WHERE item_id = ${step} AND source = 'code'`
    const [[item], [topic], [before]] =
      await sql(`SELECT id, title FROM checklist_items WHERE id = ${step};
      SELECT tracking_code AS code FROM topics WHERE neighborhood_id = 1 AND 'code:' || tracking_code
        NOT IN (SELECT voice FROM confirmations WHERE item_id = ${step} AND voice IS NOT NULL)
        ORDER BY id LIMIT 1;
      ${answers}`)
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto('/g/huihuayuan')
    expect(await page.locator('h1').innerText()).toContain('慧华苑')
    const card = page.locator('li.box', { hasText: item.title })
    const counts = await card.locator('.notice').innerText()
    await Promise.all([
      page.waitForLoadState('load'),
      card.getByRole('link', { name: '去确认' }).click(),
    ])
    expect(await page.locator('h1').innerText()).toBe(item.title)
    await page.getByLabel('您的查询码或手机号').fill(topic.code.toLowerCase())
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: '我确认已完成' }).click(),
    ])
    expect(await page.locator('h1').innerText()).toBe('谢谢您！')
    expect(await page.locator('main').innerText()).toContain('已记下：您确认这一项已经完成。')
    const [[after]] = await sql(answers)
    expect(after.n).toBe(before.n + 1)
    // The step's count went up by one on the public page.
    await page.goto('/g/huihuayuan')
    const confirmed = (text: string) => Number(text.match(/居民确认 (\d+) 人/)![1])
    expect(
      confirmed(
        await page.locator('li.box', { hasText: item.title }).locator('.notice').innerText(),
      ),
    ).toBe(confirmed(counts) + 1)
    // Answering again with the same code is refused; the first answer stands.
    await page.goto(`/g/huihuayuan/${item.id}`)
    await page.getByLabel('您的查询码或手机号').fill(topic.code)
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: '还没有做到' }).click(),
    ])
    expect(await page.locator('h1').innerText()).toMatch(/您已经打过钩了|这台手机刚打过钩/)
    await page.context().close()
  })

  it('shows the town every neighborhood’s weekly check-in, and staff add a note', async () => {
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'town', '/admin/#/weekly-checkins')
    // The summaries of this week are made on demand (the cron job makes them on Mondays).
    await page.getByRole('button', { name: '生成本周周报' }).click({ timeout: 60_000 })
    await expect
      .poll(() => page.locator('.MuiCard-root[data-testid^="weekly-"]').count(), {
        timeout: 30_000,
      })
      .toBe(8)
    const text = await page.evaluate(() => document.body.innerText)
    expect(text.match(/\b(?:ra|app|resources|weekly)\.[A-Za-z_][\w.-]*/g) ?? []).toEqual([])
    await page.context().close()

    const staff = await newDesktopPage(browser)
    await signInAdmin(staff, 'staff', '/admin/#/weekly-checkins')
    const note = staff.locator('[data-testid="weekly-note-1"]')
    await note.waitFor({ timeout: 60_000 })
    expect(await staff.locator('.MuiCard-root[data-testid^="weekly-"]').count()).toBe(1)
    await note.fill('周一对接：逾期的议事会本周补开。')
    await staff.getByRole('button', { name: '保存记录' }).click()
    await expect.poll(() => staff.getByText('已保存').count()).toBeGreaterThan(0)
    const [[row]] = await sql(
      'SELECT note FROM weekly_checkins WHERE neighborhood_id = 1 ORDER BY week_start DESC LIMIT 1',
    )
    expect(row.note).toBe('周一对接：逾期的议事会本周补开。')
    await staff.context().close()
  })

  it('downloads the 台账 workbook from the report screen, with the figures on screen', async () => {
    const page = await newDesktopPage(browser, { acceptDownloads: true })
    await signInAdmin(page, 'town', '/admin/#/reports')
    await page.waitForSelector('[data-testid="ledger-collected"]', { timeout: 60_000 })
    await page.waitForSelector('[data-testid="ledger-charts"] svg', { timeout: 60_000 })
    const href = await page.locator('[data-testid="ledger-export"]').getAttribute('href')
    const town = await apiAs('town')
    const json = await town(href!.replace(/^\/api/, '').replace('/export', ''))
    const lastYearTotal = json.sections[0].figures[0].lastYear
    expect(lastYearTotal).toBeGreaterThan(0)
    const downloading = page.waitForEvent('download')
    await page.locator('[data-testid="ledger-export"]').click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^台账-.*\.xlsx$/)
    const sheets = readXlsx(new Uint8Array(fs.readFileSync((await download.path())!)))
    expect(Object.keys(sheets)).toEqual(['概况', ...json.sections.map((s: Json) => s.title)])
    for (const section of json.sections) {
      const sheet = sheets[section.title]
      expect(sheet[0]).toEqual(['指标', '本期', '去年同期', '变化', '变化率（%）'])
      section.figures.forEach((f: Json, i: number) => {
        expect(sheet[i + 1][0]).toBe(f.label)
        expect(sheet[i + 1][1] ?? null).toBe(f.value === null ? null : String(f.value))
        expect(sheet[i + 1][2] ?? null).toBe(f.lastYear === null ? null : String(f.lastYear))
      })
    }
    // What the screen shows is what the workbook says.
    const shown = await page
      .locator('[data-testid="ledger-collected"] tbody tr')
      .first()
      .innerText()
    expect(shown).toContain(String(json.sections[0].figures[0].value))
    await page.context().close()
  })
})
