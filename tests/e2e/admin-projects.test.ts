import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page, ViewportSize as Viewport } from 'playwright-core'
import { PROJECT_STATUSES } from '../../worker/domain/vocabulary'
import {
  baseUrl,
  DEMO_PASSWORD,
  type DemoRole,
  launchBrowser,
  newDesktopPage,
  signInAdmin,
} from './browser'

// Projects (list, kanban, deadlines, detail), the dashboard and the administration screens,
// driven in chromium against the seeded worker. Each test makes its own projects through the
// API, so the seed's projects are left as they are for other files.

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
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json }
  }
}
type Api = Awaited<ReturnType<typeof apiAs>>

const DAY = 86_400_000
// Generous: CI machines and a busy dev box can be slow to serve the first screens.
const LOAD = 30_000
/** The kanban's first paint: the admin bundle (each test has a fresh, cold context) and five column queries. */
const BOARD_LOAD = 2 * LOAD
const stamp = Date.now().toString(36)

/** A project in 慧华苑 (the demo staff's and viewer's neighborhood) with a two-item checklist. */
const createProject = async (api: Api, title: string, extra: Json = {}) => {
  const r = await api('POST', '/projects', {
    title,
    neighborhoodId: 1,
    owningBody: '慧华苑居委会',
    deadlineAt: Date.now() + 30 * DAY,
    checklist: [{ title: '现场勘察' }, { title: '居民意见征询' }],
    ...extra,
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

/**
 * Drags a kanban card sideways into another column at the card's own height, as a person does.
 * The columns are as tall as the longest one, so a column's middle (where `dragTo` aims by
 * default) can lie below the window; scrolling there mid-drag means the drag never starts.
 */
const dragToColumn = async (page: Page, card: Locator, status: string) => {
  await card.scrollIntoViewIfNeeded()
  const from = (await card.boundingBox())!
  const column = page.getByTestId(`board-column-${status}`)
  const to = (await column.boundingBox())!
  await card.dragTo(column, {
    targetPosition: { x: to.width / 2, y: from.y + from.height / 2 - to.y },
  })
}

/** Text on screen that looks like an i18n key nobody translated (allowMissing is off). */
const untranslatedKeys = async (page: Page) => {
  const text = await page.evaluate(() => document.body.innerText)
  return [
    ...new Set(
      text.match(
        /\b(?:ra|app|resources|projects|dashboard|users|channels|neighborhoods|categories|auditLog|towns|grids)\.[A-Za-z_][\w.-]*/g,
      ) ?? [],
    ),
  ]
}

/** The Shanghai calendar month holding now, as the dashboard's default period. */
const thisMonth = () => {
  const local = new Date(Date.now() + 8 * 3600_000)
  const start = (m: number) => Date.UTC(local.getUTCFullYear(), m, 1) - 8 * 3600_000
  return { from: start(local.getUTCMonth()), to: start(local.getUTCMonth() + 1) }
}

describe('admin: projects, dashboard and administration', { timeout: 120_000 }, () => {
  let browser: Browser
  let admin: Api

  beforeAll(async () => {
    browser = await launchBrowser()
    admin = await apiAs('admin')
  })
  afterAll(async () => {
    await browser?.close()
  })

  const pageAs = async (role: DemoRole, path: string, viewport?: Viewport) => {
    const page = await newDesktopPage(browser, viewport && { viewport })
    await signInAdmin(page, role, `/admin/#${path}`)
    return page
  }

  it('moves a project by dragging its card on the kanban, sending the version it read; a stale one meets the conflict dialog; every column in view at 1366 px', async () => {
    const project = await createProject(admin, `看板拖动测试 ${stamp}`)
    expect(project.status).toBe('planned')
    const page = await pageAs('staff', '/projects/board', { width: 1366, height: 768 })
    const cardIn = (status: string) =>
      page.getByTestId(`board-column-${status}`).getByTestId(`project-card-${project.id}`)
    await expect.poll(() => cardIn('planned').count(), { timeout: BOARD_LOAD }).toBe(1)
    // Every status has its column inside the window, none behind a horizontal scroll.
    for (const status of PROJECT_STATUSES) {
      const box = (await page.getByTestId(`board-column-${status}`).boundingBox())!
      expect(box.x, status).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width, status).toBeLessThanOrEqual(1366)
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1366,
    )

    const put = page.waitForRequest(
      (r) => r.method() === 'PUT' && r.url().endsWith(`/api/projects/${project.id}`),
    )
    await dragToColumn(page, cardIn('planned'), 'in_progress')
    expect((await put).postDataJSON()).toEqual({ status: 'in_progress', version: project.version })
    await expect.poll(() => cardIn('in_progress').count(), { timeout: LOAD }).toBe(1)
    const moved = await admin('GET', `/projects/${project.id}`)
    expect(moved.body.status).toBe('in_progress')
    // The board has refetched the moved project; then someone else renames it.
    await page.waitForLoadState('networkidle')
    const title = `${project.title}（已改名）`
    const renamed = await admin('PUT', `/projects/${project.id}`, {
      title,
      version: moved.body.version,
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)

    // A drop from the board's older copy is refused (409): the card goes back, the dialog shows
    // the rename, and reapplying the move keeps both changes.
    await dragToColumn(page, cardIn('in_progress'), 'blocked')
    const dialog = page.getByRole('dialog', { name: '别人刚改过这条记录' })
    await dialog.waitFor({ timeout: LOAD })
    expect(await dialog.locator('tr[data-field="title"]').innerText()).toContain(title)
    expect((await admin('GET', `/projects/${project.id}`)).body.status).toBe('in_progress')
    await dialog.getByRole('button', { name: '在最新版本上重新应用我的修改' }).click()
    await expect.poll(() => cardIn('blocked').count(), { timeout: LOAD }).toBe(1)
    expect((await admin('GET', `/projects/${project.id}`)).body).toMatchObject({
      status: 'blocked',
      title,
    })
    await page.context().close()
  })

  it("shows the server's refusal and keeps the card when a move is illegal", async () => {
    const project = await createProject(admin, `已完成不可移动 ${stamp}`)
    const done = await admin('PUT', `/projects/${project.id}`, { status: 'done' })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    const page = await pageAs('staff', '/projects/board')
    const card = page.getByTestId('board-column-done').getByTestId(`project-card-${project.id}`)
    await expect.poll(() => card.count(), { timeout: BOARD_LOAD }).toBe(1)

    await dragToColumn(page, card, 'planned')

    await page.getByText('「已完成」的项目不能再改变状态').waitFor({ timeout: LOAD })
    await expect.poll(() => card.count(), { timeout: LOAD }).toBe(1)
    expect((await admin('GET', `/projects/${project.id}`)).body.status).toBe('done')
    await page.context().close()
  })

  it('ticks a checklist item done and the project progress follows', async () => {
    const project = await createProject(admin, `清单勾选测试 ${stamp}`)
    const page = await pageAs('staff', `/projects/${project.id}/show`)
    const progress = page.getByTestId('project-summary').getByTestId('project-progress')
    await progress.getByText('0/2 项').waitFor({ timeout: LOAD })

    await page.getByRole('checkbox', { name: '标记「现场勘察」完成' }).check()

    await progress.getByText('1/2 项').waitFor({ timeout: LOAD })
    const after = await admin('GET', `/projects/${project.id}`)
    expect(after.body).toMatchObject({ checklistDone: 1, checklistTotal: 2, progress: 50 })
    await page.context().close()
  })

  it('adds a checklist item from the detail page', async () => {
    const project = await createProject(admin, `清单新增测试 ${stamp}`)
    const page = await pageAs('staff', `/projects/${project.id}/show`)
    const checklist = page.getByTestId('checklist')
    await checklist.getByText('现场勘察').waitFor({ timeout: LOAD })

    await checklist.getByLabel('任务', { exact: true }).fill('竣工验收')
    await checklist.getByRole('button', { name: '添加任务' }).click()

    await checklist.getByText('竣工验收').waitFor({ timeout: LOAD })
    await page.getByTestId('project-summary').getByText('0/3 项').waitFor({ timeout: LOAD })
    const items = await admin(
      'GET',
      `/checklist-items?filter=${encodeURIComponent(JSON.stringify({ projectId: project.id }))}`,
    )
    expect(items.body.map((i: Json) => i.title)).toEqual(['现场勘察', '居民意见征询', '竣工验收'])
    await page.context().close()
  })

  it('highlights an overdue project in the list, on the board and first in the deadline view', async () => {
    const title = `逾期高亮测试 ${stamp}`
    const overdue = await createProject(admin, title, { deadlineAt: Date.now() - 3 * DAY })
    const onTime = await createProject(admin, `按期项目 ${stamp}`, {
      deadlineAt: Date.now() + 40 * DAY,
    })
    expect(overdue.overdue).toBe(true)

    const filter = encodeURIComponent(JSON.stringify({ q: stamp }))
    const page = await pageAs('staff', `/projects?filter=${filter}`)
    const row = page.locator('tr', { hasText: title })
    await row.waitFor({ timeout: LOAD })
    expect(await row.getByTestId('overdue-chip').count()).toBe(1)
    expect(await row.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(
      'rgba(0, 0, 0, 0)',
    )
    const other = page.locator('tr', { hasText: `按期项目 ${stamp}` })
    expect(await other.getByTestId('overdue-chip').count()).toBe(0)

    await page.goto(`/admin/#/projects/board`)
    await page
      .getByTestId(`project-card-${overdue.id}`)
      .getByTestId('overdue-chip')
      .waitFor({ timeout: LOAD })
    expect(
      await page.getByTestId(`project-card-${onTime.id}`).getByTestId('overdue-chip').count(),
    ).toBe(0)

    await page.goto(`/admin/#/projects/deadlines`)
    const overdueGroup = page.getByTestId('deadline-group-overdue')
    await overdueGroup.getByTestId(`deadline-row-${overdue.id}`).waitFor({ timeout: LOAD })
    expect(await overdueGroup.getByTestId(`deadline-row-${onTime.id}`).count()).toBe(0)
    const groups = await page
      .locator('[data-testid^="deadline-group-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    expect(groups[0]).toBe('deadline-group-overdue')
    await page.context().close()
  })

  it('offers a viewer no way to change projects', async () => {
    const project = await createProject(admin, `只读账号测试 ${stamp}`)
    const page = await pageAs('viewer', '/projects')
    await page.locator('tr', { hasText: project.title }).waitFor({ timeout: LOAD })
    expect(await page.getByRole('link', { name: '新建' }).count()).toBe(0)

    await page.goto(`/admin/#/projects/${project.id}/show`)
    await page.getByTestId('checklist').getByText('现场勘察').waitFor({ timeout: LOAD })
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '添加任务' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '发布进展' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0)
    const boxes = page.getByTestId('checklist').getByRole('checkbox')
    expect(await boxes.count()).toBe(2)
    for (const box of await boxes.all()) expect(await box.isDisabled()).toBe(true)

    await page.goto('/admin/#/projects/board')
    const card = page.getByTestId(`project-card-${project.id}`)
    await card.waitFor({ timeout: LOAD })
    expect(await card.getAttribute('draggable')).toBe('false')
    expect(await page.getByRole('button', { name: '移到…' }).count()).toBe(0)
    await page.context().close()
  })

  it('shows staff only their own neighborhood on the board, with no neighborhood picker', async () => {
    const page = await pageAs('staff', '/projects/board')
    await page
      .getByTestId('board-column-planned')
      .locator('[data-testid^="project-card-"]')
      .first()
      .waitFor({ timeout: LOAD })
    const staff = await apiAs('staff')
    const visible = await staff('GET', `/projects?range=${encodeURIComponent('[0,499]')}`)
    expect(visible.body.every((p: Json) => p.neighborhoodId === 1)).toBe(true)
    const ids = await page
      .locator('[data-testid^="project-card-"]')
      .evaluateAll((els) =>
        els.map((e) => Number(e.getAttribute('data-testid')!.replace('project-card-', ''))),
      )
    expect(ids.length).toBeGreaterThan(0)
    const allowed = new Set(visible.body.map((p: Json) => p.id))
    expect(ids.filter((id) => !allowed.has(id))).toEqual([])
    expect(await page.getByLabel('居民区').count()).toBe(0)
    await page.context().close()
  })

  it('shows the report sentence of the chosen period with the figures of /api/stats/summary', async () => {
    const page = await pageAs('admin', '/')
    const sentence = page.getByTestId('report-sentence')
    await sentence.waitFor({ timeout: LOAD })
    const { from, to } = thisMonth()
    const month = await admin('GET', `/stats/summary?from=${from}&to=${to}`)
    expect(month.status, JSON.stringify(month.body)).toBe(200)
    expect(await sentence.textContent()).toBe(month.body.sentence)
    expect(month.body.sentence).toMatch(
      /^收集议题 \d+ 个(（另有 \d+ 个重复议题已合并，不重复计）)?，立项 \d+ 个，完成 \d+ 个，满意度 (\d+(\.\d)?%|—)$/,
    )
    expect(await page.getByTestId('figure-collected').locator('p').textContent()).toBe(
      String(month.body.collected),
    )

    // The copy button puts exactly the sentence on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.getByRole('button', { name: '复制' }).click()
    await page.getByRole('button', { name: '已复制' }).waitFor({ timeout: LOAD })
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(month.body.sentence)

    // "本年": from 1 January (Shanghai) to next 1 January.
    await page.getByRole('button', { name: '本年' }).click()
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
    const yearFrom = Date.UTC(year, 0, 1) - 8 * 3600_000
    const yearTo = Date.UTC(year + 1, 0, 1) - 8 * 3600_000
    const summary = await admin('GET', `/stats/summary?from=${yearFrom}&to=${yearTo}`)
    await expect.poll(() => sentence.textContent(), { timeout: LOAD }).toBe(summary.body.sentence)
    await page.getByTestId('chart-by-status').waitFor({ timeout: LOAD })
    expect(await page.getByTestId('chart-by-status').locator('li').count()).toBe(8)
    await page.context().close()
  })

  it('lets an admin create a staff account that can sign in, and disable it', async () => {
    const username = `e2e.${stamp}`
    const page = await pageAs('admin', '/users/create')
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('姓名').fill('测试社工 王芳')
    await page.getByLabel('负责居民区').click()
    await page.getByRole('option', { name: '慧华苑' }).click()
    await page.getByLabel('初始密码').fill('e2e-password-123')
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('tr', { hasText: username }).waitFor({ timeout: LOAD })

    const created = (
      await admin('GET', `/users?filter=${encodeURIComponent(JSON.stringify({ q: username }))}`)
    ).body
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({
      username,
      role: 'staff',
      neighborhoodIds: [1],
      disabled: false,
    })

    // The new account signs in through the login form.
    const fresh = await newDesktopPage(browser)
    await fresh.goto('/admin/#/login')
    await fresh.locator('input[name="username"]').fill(username)
    await fresh.locator('input[name="password"]').fill('e2e-password-123')
    await fresh.locator('button[type="submit"]').click()
    await fresh.getByText('测试社工 王芳').waitFor({ timeout: LOAD })
    await fresh.context().close()

    // Disabling the account from its edit page blocks sign-in.
    await page.goto(`/admin/#/users/${created[0].id}`)
    await page.getByLabel('已停用').click()
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('tr', { hasText: username }).getByText('已停用').waitFor({ timeout: LOAD })
    expect((await admin('GET', `/users/${created[0].id}`)).body.disabled).toBe(true)
    await expect(apiAs(username, 'e2e-password-123')).rejects.toThrow(/login/)

    // The write is in the audit log, with its before/after.
    await page.goto(
      `/admin/#/audit-log?filter=${encodeURIComponent(JSON.stringify({ resource: 'users' }))}`,
    )
    await page.locator('tr', { hasText: '新建' }).first().click()
    await page.getByTestId('audit-diff').getByText(username).waitFor({ timeout: LOAD })
    await page.context().close()
  })

  it('lets staff keep the grids of their neighborhood: create, rename, and a refused delete', async () => {
    const name = `e2e网格 ${stamp}`
    const page = await pageAs('staff', '/grids/create')
    // The staff user's only neighborhood is chosen already.
    await page.getByText('慧华苑').first().waitFor({ timeout: LOAD })
    await page.getByRole('textbox', { name: '名称' }).fill(name)
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('tr', { hasText: name }).waitFor({ timeout: LOAD })
    const [grid] = (
      await admin('GET', `/grids?filter=${encodeURIComponent(JSON.stringify({ q: name }))}`)
    ).body
    expect(grid).toMatchObject({ name, neighborhoodId: 1 })

    await page.locator('tr', { hasText: name }).click()
    await page.getByRole('textbox', { name: '名称' }).fill(`${name} 改`)
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('tr', { hasText: `${name} 改` }).waitFor({ timeout: LOAD })
    expect((await admin('GET', `/grids/${grid.id}`)).body.name).toBe(`${name} 改`)

    // A grid that channels and topics name cannot go; the server says why and it stays.
    const used = await admin('POST', '/channels', {
      neighborhoodId: 1,
      gridId: grid.id,
      kind: 'qr',
      label: `e2e 网格渠道 ${stamp}`,
    })
    expect(used.status, JSON.stringify(used.body)).toBe(201)
    await page.goto(`/admin/#/grids/${grid.id}`)
    await page.getByRole('button', { name: '删除' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
    await page.getByText('该网格仍有渠道或议题，不能删除').waitFor({ timeout: LOAD })
    expect((await admin('GET', `/grids/${grid.id}`)).status).toBe(200)

    // Staff see grids in the menu, but not towns.
    expect(await page.getByRole('menuitem', { name: '网格' }).count()).toBe(1)
    expect(await page.getByRole('menuitem', { name: '镇/街道' }).count()).toBe(0)
    await page.context().close()
  })

  it('lets an admin add and rename a town', async () => {
    const name = `e2e镇 ${stamp}`
    const page = await pageAs('admin', '/towns/create')
    await page.getByRole('textbox', { name: '名称' }).fill(name)
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('tr', { hasText: name }).waitFor({ timeout: LOAD })
    await page.locator('tr', { hasText: name }).click()
    await page.getByRole('textbox', { name: '名称' }).fill(`${name}街道`)
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('tr', { hasText: `${name}街道` }).waitFor({ timeout: LOAD })
    const [town] = (
      await admin('GET', `/towns?filter=${encodeURIComponent(JSON.stringify({ q: name }))}`)
    ).body
    expect(town.name).toBe(`${name}街道`)
    await page.context().close()
  })

  it('opens a screen asked for while the previous one was still loading', async () => {
    // A quick click on 新建 while the list's chunk was still on its way once left the page on
    // 加载中 for good (when the form's chunk imports a shared one). Each pair in a fresh page, so
    // nothing is cached yet.
    for (const [list, chunk, create, label] of [
      ['/categories', 'CategoryList', '/categories/create', '英文名'],
      ['/neighborhoods', 'NeighborhoodList', '/neighborhoods/create', '用于网址'],
      ['/grids', 'GridList', '/grids/create', '渠道和议题可以归到网格'],
    ]) {
      const page = await pageAs('admin', '/towns')
      await page.getByText('大场镇').first().waitFor({ timeout: LOAD })
      const listChunk = page.waitForRequest((r) => r.url().includes(`/admin/assets/${chunk}-`))
      await page.goto(`/admin/#${list}`)
      await listChunk
      await page.goto(`/admin/#${create}`)
      await page.getByText(label).first().waitFor({ timeout: LOAD })
      await page.context().close()
    }
  })

  it('labels every projects, dashboard and administration screen in Chinese', async () => {
    const project = await createProject(admin, `中文标签测试 ${stamp}`)
    const page = await pageAs('admin', '/')
    await page.getByTestId('report-sentence').waitFor({ timeout: LOAD })
    const screens: [string, string][] = [
      ['/', '收集议题'],
      ['/projects', '截止日期'],
      ['/projects/board', '计划中'],
      ['/projects/deadlines', '已逾期'],
      [`/projects/${project.id}/show`, '任务清单'],
      [`/projects/${project.id}`, '承办主体'],
      ['/projects/create', '初始任务'],
      ['/users', '工作范围'],
      ['/users/create', '初始密码'],
      ['/channels', '转化率'],
      ['/channels/101', '二维码预览'],
      ['/neighborhoods', '镇/街道'],
      ['/towns', '名称'],
      ['/grids', '居民区'],
      ['/grids/create', '渠道和议题可以归到网格'],
      ['/categories', '英文名'],
      ['/audit-log', '操作人'],
    ]
    for (const [path, label] of screens) {
      await page.goto(`/admin/#${path}`)
      await page.getByText(label).first().waitFor({ timeout: LOAD })
      expect(await untranslatedKeys(page), path).toEqual([])
    }
    await page.context().close()
  }, 240_000)
})
