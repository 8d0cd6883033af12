import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import axe from 'axe-core'
import { DEMO_PASSWORD, launchBrowser, newDesktopPage, newPhonePage, signInAdmin } from './browser'
import { querySql } from '../../scripts/lib/wrangler.mjs'
import {
  CRAFT_CLASS_SLUG,
  DEMO_REGISTRATIONS,
  SUMMER_CLASS_SLUG,
  volunteerCode,
} from '../../scripts/seed/activities.mjs'

// Activities on the demo data, in chromium on a phone with JavaScript off: a parent joins the
// full 亲子手工课 (waitlisted), a confirmed parent cancels from her link and the first in line is
// promoted; staff check people in from a phone (search by the last four digits, and a scanned
// QR, signing in on the phone and coming back); the volunteer view; the admin screens. Every resident page is scanned with axe-core.

const sql = async <T>(text: string): Promise<T[]> => {
  const [result] = await querySql(text, { persistTo: inject('persistTo') })
  return result.results as T[]
}

/**
 * Runs axe-core on `path` in a JavaScript-enabled phone page of its own (the pages under test run
 * with JavaScript off, where no script can run), signed in as staff when asked; returns the
 * serious and critical violations, described.
 */
const axeProblems = async (path: string, staff = false) => {
  const page = await newPhonePage(browser)
  if (staff) await signInAdmin(page, 'staff', path)
  else await page.goto(path)
  await page.evaluate(axe.source)
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  )
  await page.context().close()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const go = async (page: Page, click: Promise<void>) => {
  await click
  await page.waitForLoadState('load')
}

const h1 = async (page: Page) => (await page.locator('h1').first().innerText()).trim()

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('a parent on a phone (JavaScript off)', () => {
  let parentReceipt: string

  it('sees when the summer class opens, with no form before then', async () => {
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto(`/a/${SUMMER_CLASS_SLUG}`)
    expect(await h1(page)).toBe('暑托班（七月班）')
    await expect(page.locator('.notice').first().innerText()).resolves.toContain('报名将于')
    expect(await page.locator('a.btn').count()).toBe(0)
    expect(await axeProblems(`/a/${SUMMER_CLASS_SLUG}`)).toEqual([])
    await page.context().close()
  })

  it('joins the waitlist of the full craft class and sees the position', async () => {
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto(`/a/${CRAFT_CLASS_SLUG}`)
    await expect(page.locator('.box').first().innerText()).resolves.toContain('名额已满')
    await go(page, page.getByRole('link', { name: '报名候补' }).click())
    expect(await h1(page)).toContain('报名')
    expect(await axeProblems(new URL(page.url()).pathname)).toEqual([])
    await page.getByLabel('姓名').fill('林晓')
    await page.getByLabel('手机号').fill('13905550123')
    await page.getByLabel('参加人数').selectOption('2')
    await go(page, page.getByRole('button', { name: '提交报名' }).click())
    expect(await h1(page)).toBe('已进入候补')
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('候补第 5 位')
    parentReceipt = new URL(page.url()).pathname
    expect(parentReceipt).toMatch(/^\/r\//)
    expect(await axeProblems(parentReceipt)).toEqual([])
    await page.context().close()
  })

  it('lets a confirmed parent cancel from her link, and promotes the first in line', async () => {
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto(`/r/${DEMO_REGISTRATIONS.craftConfirmed.token}`)
    expect(await h1(page)).toBe('报名成功')
    expect(await page.locator('svg').count()).toBe(1)
    await go(page, page.getByRole('link', { name: '取消报名' }).click())
    expect(await h1(page)).toBe('确定取消报名吗？')
    expect(await axeProblems(new URL(page.url()).pathname)).toEqual([])
    await go(page, page.getByRole('button', { name: '确认取消' }).click())
    expect(await h1(page)).toBe('报名已取消')

    await page.goto(`/r/${DEMO_REGISTRATIONS.craftFirstWaiting.token}`)
    expect(await h1(page)).toBe('报名成功')
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('递补成功')

    await page.goto(parentReceipt)
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('候补第 4 位')
    await page.context().close()
  })
})

describe('staff checking in from a phone', () => {
  it('finds a family by the last four digits and checks it in with one tap', async () => {
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await signInAdmin(page, 'staff', '/staff/checkin/2')
    expect(await h1(page)).toBe('现场签到')
    expect(await axeProblems('/staff/checkin/2', true)).toEqual([])
    await page.getByLabel('按手机后四位或姓名查找').fill('0002')
    await go(page, page.getByRole('button', { name: '查找' }).click())
    await expect(page.locator('li.box').count()).resolves.toBe(1)
    await go(page, page.getByRole('button', { name: '签到 李娜' }).click())
    await expect(page.getByRole('status').nth(1).innerText()).resolves.toContain('签到成功：李娜')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(360)
    await page.context().close()
  })

  it('brings staff who sign in on a phone back to /staff/checkin and to a scanned QR, checks it in, and refuses a waitlisted one', async () => {
    // A confirmed registration of its own (not the one the test above checks in), and the first
    // in line of the full craft class.
    const [[reg], [waiting]] = await Promise.all([
      sql<{ checkin_code: string; name: string }>(
        "SELECT checkin_code, name FROM registrations WHERE session_id = 2 AND status = 'confirmed' AND name <> '李娜' ORDER BY id DESC LIMIT 1",
      ),
      sql<{ checkin_code: string }>(
        "SELECT checkin_code FROM registrations WHERE session_id = 2 AND status = 'waitlisted' ORDER BY seq LIMIT 1",
      ),
    ])
    // The admin's sign-in needs JavaScript (the check-in pages themselves do not).
    const page = await newPhonePage(browser)
    const signInAndComeBack = async (path: string) => {
      await go(page, page.getByRole('link', { name: '工作人员登录' }).click())
      await page.getByLabel('用户名').fill('staff')
      await page.getByRole('textbox', { name: '密码' }).fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.waitForURL((url) => url.pathname === path)
      await page.waitForLoadState('load')
    }

    await page.goto('/staff/checkin')
    expect(await h1(page)).toBe('请先登录')
    await signInAndComeBack('/staff/checkin')
    expect(await h1(page)).toBe('近期场次')

    await page.context().clearCookies()
    await page.goto(`/c/${reg.checkin_code}`)
    await expect(page.locator('main').innerText()).resolves.toContain('请把这个页面出示给工作人员')
    await signInAndComeBack(`/c/${reg.checkin_code}`)
    await go(page, page.getByRole('button', { name: '签到' }).click())
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(
      `签到成功：${reg.name}`,
    )
    await page.goto(`/c/${waiting.checkin_code}`)
    expect(await page.getByRole('button', { name: '签到' }).count()).toBe(0)
    await expect(page.locator('main').innerText()).resolves.toContain('候补')
    await page.context().close()
  })
})

describe('the volunteer view', () => {
  it('shows total hours and upcoming shifts by phone and receipt code', async () => {
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto('/v')
    expect(await axeProblems('/v')).toEqual([])
    await page.getByLabel('手机号').fill('13901000001')
    await page.getByLabel('志愿者查询码').fill(volunteerCode(1))
    await go(page, page.getByRole('button', { name: '查看' }).click())
    await expect(page.locator('main').innerText()).resolves.toContain('累计志愿时长：4.5 小时')
    await expect(page.locator('main').innerText()).resolves.toContain('垃圾分类志愿值守')
    await page.context().close()
  })
})

describe('the admin screens', () => {
  it('lists activities, the registration grid of a session and volunteers with hours', async () => {
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'staff', '/admin/#/activities')
    await page.getByText('亲子手工课：做一盏兔子灯').first().waitFor({ timeout: 30_000 })
    // The menu's way to the phone check-in pages.
    const checkin = page.getByRole('menuitem', { name: '现场签到' })
    await checkin.waitFor({ timeout: 30_000 })
    expect(await checkin.getAttribute('href')).toBe('/staff/checkin')
    await page.goto(
      `/admin/#/registrations?filter=${encodeURIComponent(JSON.stringify({ sessionId: 2 }))}`,
    )
    await page.getByText('林晓').first().waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: '签到' }).first().waitFor()
    await page.goto('/admin/#/volunteers')
    await page.getByText('沈阿姨').first().waitFor({ timeout: 30_000 })
    await page.goto('/admin/#/activities/2/show')
    await page.getByText('周六上午').first().waitFor({ timeout: 30_000 })
    const body = await page.locator('body').innerText()
    expect(body).not.toMatch(/\b(resources|activities|registrations|volunteers)\.[a-zA-Z_.]+/)
    await page.context().close()
  })
})
