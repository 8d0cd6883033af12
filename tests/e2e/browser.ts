// Debian's chromium through playwright-core (never `playwright install`: nothing downloads).
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type LaunchOptions,
  type Page,
} from 'playwright-core'
import { inject } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium.mjs'

/** Every demo login (admin, town, staff, viewer) uses this password. */
export const DEMO_PASSWORD = 'jushou-demo'
export type DemoRole = 'admin' | 'town' | 'staff' | 'viewer'

/** Navigation may be slow on a busy machine (the admin bundle); other waits keep the default. */
const NAVIGATION_TIMEOUT_MS = 60_000

/** The running worker's origin, e.g. http://127.0.0.1:41234 (from tests/e2e/global-setup.ts). */
export const baseUrl = () => inject('baseUrl')

/**
 * Launches headless chromium. Close it in `afterAll`.
 * @example const browser = await launchBrowser(); afterAll(() => browser.close())
 */
export const launchBrowser = (options: LaunchOptions = {}): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  })

/**
 * A page in a fresh context sized like a cheap Android phone (360×740), Chinese locale,
 * Shanghai time, with `baseURL` set so `page.goto('/b/huihuayuan')` works.
 * @example const page = await newPhonePage(browser, { javaScriptEnabled: false })
 */
export const newPhonePage = async (
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> => {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  })
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS)
  return context.newPage()
}

/** A desktop-sized page (1440×900) for the staff admin. */
export const newDesktopPage = async (
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> => {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  })
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS)
  return context.newPage()
}

/**
 * Signs the page's context in as a demo user through POST /api/auth/login (the session cookie
 * lands in the browser), then opens /admin/. Tests of the login form itself should fill the form.
 * @example const page = await newDesktopPage(browser); await signInAdmin(page, 'staff')
 */
export const signInAdmin = async (page: Page, role: DemoRole = 'admin', path = '/admin/') => {
  const res = await page.request.post('/api/auth/login', {
    data: { username: role, password: DEMO_PASSWORD },
  })
  if (res.status() !== 200)
    throw new Error(`sign-in as ${role} failed: ${res.status()} ${await res.text()}`)
  await page.goto(path)
  return page
}
