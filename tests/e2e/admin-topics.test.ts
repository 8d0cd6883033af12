import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { baseUrl, DEMO_PASSWORD, type DemoRole, launchBrowser, newDesktopPage } from './browser'

// The topic grid of the staff admin, in chromium against the seeded worker: sign-in, filters and
// sort, inline editing, bulk adoption, export, translations, and what each role may see and do.
// Tests that change data first file their own topics through the API (titles carry `stamp`), so
// the seed stays as other files expect it.

type Json = Record<string, any>

/** A signed-in API client for a demo role (fetch with the session cookie). */
const apiAs = async (username: string, password = DEMO_PASSWORD) => {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (login.status !== 200)
    throw new Error(`login ${username}: ${login.status} ${await login.text()}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]
  return async (method: string, apiPath: string, body?: unknown) => {
    const res = await fetch(`${baseUrl()}/api${apiPath}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as any,
      total: Number(res.headers.get('content-range')?.split('/')[1] ?? NaN),
    }
  }
}
type Api = Awaited<ReturnType<typeof apiAs>>

const stamp = `e2e${Date.now().toString(36)}`
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value))

/** Files a topic in 慧华苑 (neighborhood 1, the demo staff's) the way staff enter a phone call. */
const fileTopic = async (api: Api, title: string, extra: Json = {}) => {
  const r = await api('POST', '/topics', {
    neighborhoodId: 1,
    channelKind: 'phone',
    title,
    ...extra,
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body as Json
}

/** Text on screen that looks like an i18n key nobody translated (allowMissing is off). */
const untranslatedKeys = async (page: Page) => {
  const text = await page.evaluate(() => document.body.innerText)
  return [...new Set(text.match(/\b(?:ra|app|resources|topics)\.[A-Za-z_][\w.-]*/g) ?? [])]
}

const rows = (page: Page) => page.locator('.MuiDataGrid-row')
const cell = (page: Page, id: number, field: string) =>
  page.locator(`.MuiDataGrid-row[data-id="${id}"] [data-field="${field}"]`)
const waitForRows = (page: Page) => page.waitForSelector('.MuiDataGrid-row', { timeout: 30_000 })

/** The grid's row total, from its footer ("1–50 共 150"). */
const gridTotal = async (page: Page) => {
  const text = await page.locator('.MuiTablePagination-displayedRows').innerText()
  return Number(/(?:共|of)\s*([\d,]+)/.exec(text)![1].replace(/,/g, ''))
}

/** Waits for the next GET /api/topics list answer and returns its JSON rows and URL filter/sort. */
const nextList = (page: Page) =>
  page
    .waitForResponse(
      (r) =>
        /\/api\/topics\?/.test(r.url()) &&
        r.request().method() === 'GET' &&
        !r.url().includes('%22id%22'),
    )
    .then(async (r) => {
      const url = new URL(r.url())
      return {
        rows: (await r.json()) as Json[],
        filter: JSON.parse(url.searchParams.get('filter') ?? '{}'),
        sort: JSON.parse(url.searchParams.get('sort') ?? '[]'),
      }
    })

/** Splits RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). */
const parseCsv = (text: string) => {
  const out: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''))
      out.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field || row.length) {
    row.push(field)
    out.push(row)
  }
  return out
}

describe('admin: the topic grid', () => {
  let browser: Browser
  let admin: Api
  let staff: Api

  beforeAll(async () => {
    browser = await launchBrowser()
    admin = await apiAs('admin')
    staff = await apiAs('staff')
  })
  afterAll(async () => {
    await browser?.close()
  })

  // Like signInAdmin, but without waiting for the page's load event: the tests wait for what
  // they need (grid rows, a dialog), which also covers the lazily loaded chunks.
  const pageAs = async (role: DemoRole, hashPath = '/topics') => {
    const page = await newDesktopPage(browser)
    const res = await page.request.post('/api/auth/login', {
      data: { username: role, password: DEMO_PASSWORD },
    })
    expect(res.status(), await res.text()).toBe(200)
    await page.goto(`/admin/#${hashPath}`, { waitUntil: 'domcontentloaded' })
    return page
  }

  it('signs in through the login form and lands on the grid in Chinese', async () => {
    const page = await newDesktopPage(browser)
    await page.goto('/admin/#/topics')
    await page.locator('input[name="username"]').fill('staff')
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await waitForRows(page)
    expect(await page.locator('.MuiDataGrid-columnHeaders').innerText()).toContain('标题')
    await expect
      .poll(() => page.locator('[data-testid="role-chip"]').innerText())
      .toBe('居委工作人员')
    await page.context().close()
  })

  it('filters by a saved view and search, and sorts on the server', async () => {
    const page = await pageAs('admin')
    await waitForRows(page)
    const all = await gridTotal(page)

    let list = nextList(page)
    await page.locator('[data-view="submitted"]').click()
    let answer = await list
    expect(answer.filter).toEqual({ status: ['submitted'] })
    await expect.poll(() => gridTotal(page)).toBeLessThan(all)
    const statuses = await page
      .locator('.MuiDataGrid-row [data-field="status"] [data-status]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses)).toEqual(new Set(['submitted']))

    list = nextList(page)
    await page
      .locator(
        '.MuiDataGrid-columnHeader[data-field="supportCount"] .MuiDataGrid-columnHeaderTitleContainer',
      )
      .click()
    answer = await list
    expect(answer.sort[0]).toBe('supportCount')
    const counts = answer.rows.map((r) => r.supportCount as number)
    const sorted = [...counts].sort((a, b) => (answer.sort[1] === 'ASC' ? a - b : b - a))
    expect(counts).toEqual(sorted)

    list = nextList(page)
    await page.getByPlaceholder('搜索').fill('电梯')
    answer = await list
    expect(answer.filter).toMatchObject({ q: '电梯', status: ['submitted'] })
    for (const r of answer.rows) expect(`${r.title}${r.description}`).toContain('电梯')
    await expect.poll(() => rows(page).count()).toBe(answer.rows.length)
    await page.context().close()
  })

  it('edits a title in its cell (Enter saves, Esc cancels) and the edit survives a reload', async () => {
    const topic = await fileTopic(staff, `${stamp} 路灯闪烁`)
    const page = await pageAs('staff', `/topics?filter=${q({ q: stamp })}`)
    await waitForRows(page)
    const title = cell(page, topic.id, 'title')

    await title.click()
    await title.locator('input').fill('不会保存的标题')
    await page.keyboard.press('Escape')
    await expect.poll(() => title.innerText()).toBe(`${stamp} 路灯闪烁`)

    await title.click()
    await title.locator('input').fill(`${stamp} 路灯闪烁（12号楼）`)
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/topics/${topic.id}`) && r.request().method() === 'PUT',
      { timeout: 20_000 },
    )
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('button', { name: '撤销' }).count()).toBe(1)
    expect((await saved).status()).toBe(200)

    await page.reload({ waitUntil: 'domcontentloaded' })
    await waitForRows(page)
    await expect
      .poll(() => cell(page, topic.id, 'title').innerText())
      .toBe(`${stamp} 路灯闪烁（12号楼）`)
    const r = await staff('GET', `/topics/${topic.id}`)
    expect(r.body.title).toBe(`${stamp} 路灯闪烁（12号楼）`)
    await page.context().close()
  })

  it('adopts selected topics into a new project, which moves them to 已立项', async () => {
    const a = await fileTopic(staff, `${stamp} 非机动车棚漏雨`)
    const b = await fileTopic(staff, `${stamp} 车棚充电口不够`)
    const page = await pageAs('staff', `/topics?filter=${q({ q: stamp, status: ['submitted'] })}`)
    await waitForRows(page)
    for (const t of [a, b])
      await page.locator(`.MuiDataGrid-row[data-id="${t.id}"] input[type="checkbox"]`).check()
    const bar = page.locator('[data-testid="bulk-bar"]')
    await expect.poll(() => bar.innerText()).toContain('已选 2 项')
    await expect.poll(() => bar.locator('[data-move]').count()).toBe(5)
    await bar.locator('[data-move="adopted"]').click()

    const dialog = page.locator('[data-testid="transition-adopted"]')
    await dialog.locator('input[name="title"]').fill(`${stamp} 车棚改造`)
    await dialog.locator('input[name="owningBody"]').fill('慧华苑居民区党总支')
    await dialog.locator('input[name="deadline"]').fill('2027-03-31')
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/projects') && r.request().method() === 'POST',
    )
    await dialog.getByRole('button', { name: '确定' }).click()
    const res = await created
    const project = await res.json()
    expect(res.status(), JSON.stringify(project)).toBe(201)
    expect(project).toMatchObject({
      title: `${stamp} 车棚改造`,
      neighborhoodId: 1,
      owningBody: '慧华苑居民区党总支',
    })
    expect([...project.topicIds].sort()).toEqual([a.id, b.id].sort())

    const topics = await staff('GET', `/topics?filter=${q({ id: [a.id, b.id] })}`)
    expect(topics.body.map((t: Json) => [t.status, t.projectId])).toEqual([
      ['adopted', project.id],
      ['adopted', project.id],
    ])
    await page.context().close()
  })

  it('offers only the moves every selected topic allows, and shows the server refusing one', async () => {
    const open = await fileTopic(staff, `${stamp} 垃圾分类点太远`)
    const declined = await fileTopic(staff, `${stamp} 想要在绿地养鸡`)
    const d = await staff('POST', `/topics/${declined.id}/transition`, {
      to: 'declined',
      note: '违反小区公约',
    })
    expect(d.status, JSON.stringify(d.body)).toBe(200)
    const page = await pageAs('staff', `/topics?filter=${q({ q: stamp })}`)
    await waitForRows(page)
    const bar = page.locator('[data-testid="bulk-bar"]')

    await page.locator(`.MuiDataGrid-row[data-id="${open.id}"] input[type="checkbox"]`).check()
    await expect.poll(() => bar.locator('[data-move]').count()).toBe(5)
    await page.locator(`.MuiDataGrid-row[data-id="${declined.id}"] input[type="checkbox"]`).check()
    await expect.poll(() => bar.innerText()).toContain('已选 2 项')
    await expect.poll(() => bar.locator('[data-move]').count()).toBe(0)

    // The other topic changes behind the grid's back: the server refuses and says why.
    await page
      .locator(`.MuiDataGrid-row[data-id="${declined.id}"] input[type="checkbox"]`)
      .uncheck()
    await staff('POST', `/topics/${open.id}/transition`, { to: 'referred', referredTo: '城管中队' })
    await bar.locator('[data-move="accepted"]').click()
    const dialog = page.locator('[data-testid="transition-accepted"]')
    await dialog.locator('textarea[name="note"]').fill('已受理，会尽快安排')
    await dialog.getByRole('button', { name: '确定' }).click()
    await expect
      .poll(() => page.locator('.MuiSnackbarContent-message').innerText())
      .toMatch(/转办|不能/)
    expect((await staff('GET', `/topics/${open.id}`)).body.status).toBe('referred')
    await page.context().close()
  })

  it('exports the current filter as CSV with a BOM and exactly the filtered rows', async () => {
    const page = await pageAs('admin')
    await waitForRows(page)
    const list = nextList(page)
    await page.locator('[data-view="submitted"]').click()
    await list
    await expect
      .poll(() => page.locator('[data-export="csv"]').getAttribute('href'))
      .toContain('submitted')
    const total = (await admin('GET', `/topics?filter=${q({ status: ['submitted'] })}&range=[0,0]`))
      .total

    const downloading = page.waitForEvent('download')
    // The export asks what it is for (logged, #17.6).
    await page.locator('[data-export="csv"]').click()
    await page.locator('[data-purpose="report"]').click()
    const download = await downloading
    const bytes = fs.readFileSync((await download.path())!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...records] = parseCsv(bytes.subarray(3).toString('utf8')).filter((r) =>
      r.some(Boolean),
    )
    expect(header).toContain('状态')
    expect(records.length).toBe(total)
    const status = header.indexOf('状态')
    expect(new Set(records.map((r) => r[status]))).toEqual(new Set(['待受理']))
    expect(download.suggestedFilename()).toMatch(/\.csv$/)

    const xlsx = page.waitForEvent('download')
    await page.locator('[data-export="xlsx"]').click()
    await page.locator('[data-purpose="check"]').click()
    const file = fs.readFileSync((await (await xlsx).path())!)
    expect(file.subarray(0, 2).toString()).toBe('PK')
    await page.context().close()
  })

  it('shows possible duplicates on a topic, merges one into it, and undoes that', async () => {
    // Two residents called about the same thing; a third topic is about something else.
    const categoryId = 2
    const first = await fileTopic(staff, `${stamp} 东门路灯坏了晚上很黑`, { categoryId })
    const again = await fileTopic(staff, `${stamp} 东门的路灯坏了，晚上黑`, { categoryId })
    const other = await fileTopic(staff, `${stamp} 垃圾房门口太臭`, { categoryId })
    const page = await pageAs('staff', `/topics/${first.id}/show`)
    const list = page.getByTestId('look-alikes')
    await list.getByText(again.title).waitFor({ timeout: 30_000 })
    expect(await list.innerText()).not.toContain(other.title)
    expect(await list.innerText()).toMatch(/相似度 \d+%/)

    await list
      .locator('li', { hasText: again.title })
      .getByRole('button', { name: '合并到本议题' })
      .click()
    const dialog = page.getByTestId('transition-merged')
    expect(await dialog.locator('input[name="targetId"]').inputValue()).toBe(
      `#${first.id} ${first.title}`,
    )
    await dialog.getByRole('button', { name: '确定' }).click()
    await expect
      .poll(async () => (await staff('GET', `/topics/${again.id}`)).body.status, {
        timeout: 30_000,
      })
      .toBe('merged')
    expect((await staff('GET', `/topics/${again.id}`)).body.mergedIntoId).toBe(first.id)
    // Merged, it is no longer a look-alike; it shows among the topics merged in.
    await page.getByTestId('merged-from').getByText(again.title).waitFor({ timeout: 30_000 })
    await expect
      .poll(() => page.getByTestId('look-alikes').getByText(again.title).count(), {
        timeout: 30_000,
      })
      .toBe(0)

    // A mistake after all: undo it from the merged topic's page.
    await page.goto(`/admin/#/topics/${again.id}/show`)
    await page.getByRole('button', { name: '撤销合并' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '撤销合并' }).click()
    await expect
      .poll(async () => (await staff('GET', `/topics/${again.id}`)).body.status, {
        timeout: 30_000,
      })
      .toBe('submitted')
    expect((await staff('GET', `/topics/${again.id}`)).body.mergedIntoId).toBeNull()
    expect((await staff('GET', `/topics/${first.id}`)).body.supportCount).toBe(first.supportCount)
    await page.getByText('已撤销合并，本议题重新单独办理').waitFor({ timeout: 30_000 })
    await page.context().close()
  })

  it('shows Chinese labels and no untranslated keys on the grid, detail, edit and create screens', async () => {
    const page = await pageAs('admin')
    const missing: string[] = []
    page.on('console', (m) => {
      if (/Missing translation/i.test(m.text())) missing.push(m.text())
    })
    await waitForRows(page)
    const headers = await page.locator('.MuiDataGrid-columnHeaders').innerText()
    for (const label of ['编号', '标题', '状态', '类别', '居民区', '渠道', '提交时间'])
      expect(headers).toContain(label)
    // 我负责的 needs my projects, asked for once the rows are shown, as are the menu and filter bar
    await expect
      .poll(() => page.locator('[data-testid="saved-views"]').innerText())
      .toMatch(/待受理[\s\S]*本周新增[\s\S]*我负责的/)
    await page.locator('main form input[name="q"]').waitFor()
    expect(await untranslatedKeys(page)).toEqual([])

    const id = Number(await rows(page).first().getAttribute('data-id'))
    for (const screen of [`/topics/${id}/show`, `/topics/${id}`, '/topics/create']) {
      await page.goto(`/admin/#${screen}`)
      await page.waitForSelector('main h1, main h6, main form, main .MuiCard-root', {
        timeout: 20_000,
      })
      await page.waitForTimeout(500)
      expect(await untranslatedKeys(page), screen).toEqual([])
    }
    expect(await page.locator('main').innerText()).toContain('居民同意留存姓名和电话')
    expect(missing).toEqual([])
    await page.context().close()
  })

  it('switches to English and back', async () => {
    const page = await pageAs('staff')
    await waitForRows(page)
    await page.getByRole('button', { name: 'English' }).click()
    await expect
      .poll(() => page.locator('.MuiDataGrid-columnHeaders').innerText())
      .toContain('Title')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await untranslatedKeys(page)).toEqual([])
    await page.getByRole('button', { name: '中文' }).click()
    await expect
      .poll(() => page.locator('.MuiDataGrid-columnHeaders').innerText())
      .toContain('标题')
    await page.context().close()
  })

  it('shows a viewer masked phones and no edit controls', async () => {
    const page = await pageAs('viewer')
    await waitForRows(page)
    const phones = (
      await page.locator('.MuiDataGrid-row [data-field="submitterPhone"]').allInnerTexts()
    ).filter(Boolean)
    expect(phones.length).toBeGreaterThan(0)
    for (const phone of phones) expect(phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(await page.locator('.MuiDataGrid-row input[type="checkbox"]').count()).toBe(0)
    expect(await page.locator('a[href$="/topics/create"]').count()).toBe(0)

    const first = rows(page).first()
    const id = Number(await first.getAttribute('data-id'))
    await cell(page, id, 'title').click()
    await page.keyboard.press('Enter')
    expect(await page.locator('.MuiDataGrid-row input').count()).toBe(0)

    await page.goto(`/admin/#/topics/${id}/show`)
    await page.waitForSelector('[data-testid="timeline"], main h6', { timeout: 20_000 })
    expect(await page.locator('[data-move]').count()).toBe(0)
    expect(await page.locator(`a[href$="/topics/${id}"]`).count()).toBe(0)
    const shown = page.locator('[data-testid="submitter-phone"]')
    if (await shown.count()) expect(await shown.innerText()).toMatch(/^1\d{2}\*{4}\d{4}$/)
    await page.context().close()
  })

  it('shows a staff user only the topics of their neighborhood', async () => {
    const page = await pageAs('staff')
    await waitForRows(page)
    const names = await page
      .locator('.MuiDataGrid-row [data-field="neighborhoodId"]')
      .allInnerTexts()
    expect(names.length).toBeGreaterThan(0)
    expect(new Set(names)).toEqual(new Set(['慧华苑']))
    const inNeighborhood = (
      await admin('GET', `/topics?filter=${q({ neighborhoodId: 1 })}&range=[0,0]`)
    ).total
    const everything = (await admin('GET', '/topics?range=[0,0]')).total
    expect(inNeighborhood).toBeLessThan(everything)
    await expect.poll(() => gridTotal(page)).toBe(inNeighborhood)
    await page.context().close()
  })

  it('keeps the data grid out of the login page and measures the first grid rows', async () => {
    const assets = path.resolve('dist/admin/assets')
    const gz = (file: string) => gzipSync(fs.readFileSync(path.join(assets, file))).length
    const loaded = (page: Page) =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((n) => n.endsWith('.js'))
          .map((n) => n.slice(n.lastIndexOf('/') + 1)),
      )

    const login = await newDesktopPage(browser)
    await login.goto('/admin/#/login')
    await login.locator('input[name="username"]').waitFor()
    const loginJs = await loaded(login)
    expect(loginJs.some((f) => f.startsWith('data-grid'))).toBe(false)
    await login.context().close()

    const page = await newDesktopPage(browser)
    await page.request.post('/api/auth/login', {
      data: { username: 'admin', password: DEMO_PASSWORD },
    })
    const started = Date.now()
    await page.goto('/admin/#/topics')
    await waitForRows(page)
    const firstRowsMs = Date.now() - started
    const gridJs = await loaded(page)
    expect(gridJs.some((f) => f.startsWith('data-grid'))).toBe(true)

    const kb = (files: string[]) => Math.round(files.reduce((n, f) => n + gz(f), 0) / 102.4) / 10
    const allJs = fs.readdirSync(assets).filter((f) => f.endsWith('.js'))
    console.log(
      `admin JS gzipped: login page ${kb(loginJs)} KB (${loginJs.length} files), ` +
        `first grid ${kb(gridJs)} KB (${gridJs.length} files), all chunks ${kb(allJs)} KB; ` +
        `navigation → first grid rows ${firstRowsMs} ms`,
    )
    await page.context().close()
  })
})
