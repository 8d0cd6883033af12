import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  baseUrl,
  DEMO_PASSWORD,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  signInAdmin,
} from './browser'

// A partner raises its hand through its own login, staff accept it, and residents see it: the
// demo partner login `partner` (大场医院) finds a task on the 需求清单 in the admin and claims it;
// the demo `staff` (慧华苑) accepts it from the claim queue; the resident board and the topic's
// tracking page then read 认领单位：大场医院. The project is made here, through the API.

type Json = Record<string, any>

const apiAs = async (username: string) => {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`)
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

const LOAD = 30_000
const stamp = Date.now().toString(36).slice(-5)

/** Text on screen that looks like an i18n key nobody translated (allowMissing is off). */
const untranslatedKeys = async (page: Page) => {
  const text = await page.evaluate(() => document.body.innerText)
  return [...new Set(text.match(/\b(?:ra|app|resources|claims|partners)\.[A-Za-z_][\w.-]*/g) ?? [])]
}

describe('a partner raising its hand', { timeout: 180_000 }, () => {
  let browser: Browser
  let topic: Json
  let project: Json
  let lecture: Json
  const title = `${stamp} 老人健康驿站`

  beforeAll(async () => {
    browser = await launchBrowser()
    const staff = await apiAs('staff')
    const t = await staff('POST', '/topics', {
      neighborhoodId: 1,
      title: `${stamp} 老人看病不方便`,
      categoryId: 8,
      channelKind: 'visit',
    })
    expect(t.status, JSON.stringify(t.body)).toBe(201)
    topic = t.body
    const p = await staff('POST', '/projects', {
      title,
      neighborhoodId: 1,
      owningBody: '慧华苑居委会',
      status: 'in_progress',
      // Soon: the board lists running projects by deadline, and other files add projects too.
      deadlineAt: Date.now() + 2 * 86_400_000,
      topicIds: [topic.id],
      checklist: [{ title: '场地布置' }, { title: '健康讲座' }],
    })
    expect(p.status, JSON.stringify(p.body)).toBe(201)
    project = p.body
    const items = await staff(
      'GET',
      `/checklist-items?filter=${encodeURIComponent(JSON.stringify({ projectId: project.id }))}`,
    )
    lecture = items.body.find((i: Json) => i.title === '健康讲座')
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('claims a task through its login; staff accept it; the board and timeline show it', async () => {
    // The partner: 需求清单 → the project's tasks → 认领这项任务 → 对接人 → save.
    const partner = await newDesktopPage(browser)
    const login = await partner.request.post('/api/auth/login', {
      data: { username: 'partner', password: DEMO_PASSWORD },
    })
    expect(login.status()).toBe(200)
    await partner.goto('/admin/#/')
    await partner.getByTestId('partner-home').waitFor({ timeout: LOAD })
    // Its menu holds the needs list, its claims and its projects, and nothing of the staff's.
    const menu = partner.getByRole('menu')
    await menu.getByText('需求清单').waitFor({ timeout: LOAD })
    expect(await menu.getByText('议题').count()).toBe(0)
    expect(await menu.getByText('志愿者').count()).toBe(0)

    await partner.goto(
      `/admin/#/help-wanted?filter=${encodeURIComponent(JSON.stringify({ q: stamp }))}`,
    )
    const row = partner.locator('tr', { hasText: title })
    await row.waitFor({ timeout: LOAD })
    // A click on the row opens its open tasks.
    await row.getByText(title).click()
    const task = partner.getByTestId(`help-wanted-task-${lecture.id}`)
    await task.getByText('健康讲座').waitFor({ timeout: LOAD })
    await task.getByRole('link', { name: '认领这项任务' }).click()
    await partner.waitForURL(/#\/claims\/create/, { timeout: LOAD })
    const person = partner.getByLabel('对接人')
    await person.waitFor({ timeout: LOAD })
    await person.fill('王医生')
    await partner.getByLabel('留言').fill('每月第一个周六上午来')
    await partner.getByRole('button', { name: '保存' }).click()
    const mine = partner.locator('tr', { hasText: title })
    await mine.getByText('待处理').waitFor({ timeout: LOAD })
    expect(await untranslatedKeys(partner)).toEqual([])

    const partnerApi = await apiAs('partner')
    const claims = await partnerApi(
      'GET',
      `/claims?filter=${encodeURIComponent(JSON.stringify({ projectId: project.id }))}`,
    )
    expect(claims.body).toHaveLength(1)
    expect(claims.body[0]).toMatchObject({
      taskTitle: '健康讲座',
      partnerName: '大场医院',
      personName: '王医生',
      status: 'pending',
      source: 'partner',
    })
    // No resident data reaches the partner, even through URLs it could guess.
    expect((await partnerApi('GET', `/topics/${topic.id}`)).status).toBe(403)
    await partner.context().close()

    // Staff: the claim queue (pending first) → 接受.
    const staff = await newDesktopPage(browser)
    await signInAdmin(staff, 'staff', '/admin/#/claims')
    const queued = staff.locator('tr', { hasText: title })
    await queued.waitFor({ timeout: LOAD })
    await queued.getByRole('button', { name: '接受' }).click()
    await staff.getByText('已接受，认领单位会出现在公开栏和办理进度上').waitFor({ timeout: LOAD })
    await expect
      .poll(async () => (await partnerApi('GET', `/claims/${claims.body[0].id}`)).body.status, {
        timeout: LOAD,
      })
      .toBe('accepted')
    expect(await untranslatedKeys(staff)).toEqual([])
    await staff.context().close()

    // Residents, on a phone without JavaScript: the board and the topic's tracking page.
    const phone = await newPhonePage(browser, { javaScriptEnabled: false })
    await phone.goto('/b/huihuayuan')
    const card = phone.locator('li', { hasText: title })
    await card.getByText('认领单位：大场医院').waitFor({ timeout: LOAD })
    await phone.goto(`/t/${topic.trackingCode}`)
    await phone.getByText('认领单位：大场医院 认领了任务「健康讲座」').waitFor({ timeout: LOAD })
    expect(await phone.getByText('王医生').count()).toBe(0)
    // The task is off the public needs list.
    await phone.goto('/h/1?n=huihuayuan')
    const listed = phone.locator('li.box', { hasText: title })
    await listed.waitFor({ timeout: LOAD })
    expect(await listed.getByText('健康讲座').count()).toBe(0)
    expect(await listed.getByText('场地布置').count()).toBe(1)
    await phone.context().close()
  })

  it('staff see the register, a project’s hands and matching partners, and the figures', async () => {
    const town = await apiAs('town')
    const found = await town(
      'GET',
      `/projects?filter=${encodeURIComponent(JSON.stringify({ q: '老年助餐点试运行' }))}`,
    )
    const meals = found.body[0]
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'town', '/admin/#/partners')
    await page.locator('tr', { hasText: '大场医院' }).waitFor({ timeout: LOAD })
    expect(
      await page.locator('tr', { hasText: '慧华苑居民区党总支' }).getByText('党支部').count(),
    ).toBe(1)
    expect(await untranslatedKeys(page)).toEqual([])

    // The seeded 老年助餐点: two hands accepted, and partners whose offers fit, best first.
    await page.goto(`/admin/#/projects/${meals.id}/show`)
    const panel = page.getByTestId('project-partners')
    await panel.getByText('山姆会员店（大场店）').first().waitFor({ timeout: LOAD })
    const matches = page.getByTestId('partner-matches')
    await matches.getByText('乐龄社工服务社').waitFor({ timeout: LOAD })
    expect(await matches.getByText('已在参与').count()).toBeGreaterThan(0)
    expect(await untranslatedKeys(page)).toEqual([])

    // The dashboard counts both hands for the period.
    await page.goto('/admin/#/')
    const figures = page.getByTestId('partner-figures')
    await figures.waitFor({ timeout: LOAD })
    await figures.getByText('举手的党支部').waitFor({ timeout: LOAD })
    expect(await untranslatedKeys(page)).toEqual([])
    await page.context().close()
  })
})
