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

// Meetings (议事会) in chromium against the seeded worker: staff record a meeting of three agenda
// items with the keyboard alone (Tab through a row, Enter saves it, the focus moves to the next
// row, Enter confirms a low-support 立项), then residents see the decisions on the topic's
// timeline and the minutes on the board. The meeting and its topics are made here, through the
// API, so the seed's meetings stay as they are for other files.

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
type Api = Awaited<ReturnType<typeof apiAs>>

const LOAD = 30_000
const stamp = Date.now().toString(36).slice(-5)

/** The element that has the keyboard focus, by its test id. */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)

/** Types `text` into whatever has the focus, then moves on with Tab. */
const typeAndTab = async (page: Page, text: string) => {
  await page.keyboard.type(text)
  await page.keyboard.press('Tab')
}

describe('admin: a meeting recorded by keyboard, seen by residents', { timeout: 180_000 }, () => {
  let browser: Browser
  let staff: Api
  let meeting: Json
  const topics: Json[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    staff = await apiAs('staff')
    for (const title of [
      `${stamp} 12号楼加装电梯`,
      `${stamp} 小区门口人行道破损`,
      `${stamp} 东门增设非机动车棚`,
    ]) {
      const r = await staff('POST', '/topics', {
        neighborhoodId: 1,
        title,
        categoryId: 2,
        channelKind: 'visit',
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      topics.push(r.body)
    }
    const m = await staff('POST', '/meetings', {
      neighborhoodId: 1,
      kind: 'council',
      title: `${stamp} 议事会`,
      startsAt: Date.now() - 15 * 60_000,
      place: '慧华苑居委会二楼会议室',
      host: '陈建国',
      topicIds: topics.map((t) => t.id),
    })
    expect(m.status, JSON.stringify(m.body)).toBe(201)
    meeting = m.body
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('records three agenda items with the keyboard alone', async () => {
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'staff', `/admin/#/meetings/${meeting.id}/show`)
    const [a, b, c] = meeting.items as Json[]
    const first = page.getByTestId(`tally-${a.id}-present`)
    await first.waitFor({ timeout: LOAD })
    await first.focus()

    // 1: 立项 into a new project named in the row.
    await typeAndTab(page, '23')
    await typeAndTab(page, '19')
    await typeAndTab(page, '2')
    await typeAndTab(page, '2')
    expect(await focused(page)).toBe(`tally-${a.id}-decision`)
    await page.keyboard.press('ArrowDown') // 立项
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe(`tally-${a.id}-project`)
    await page.keyboard.press('Tab') // 新建项目, named after the topic unless typed over
    expect(await focused(page)).toBe(`tally-${a.id}-projectTitle`)
    await page.keyboard.type(`${stamp} 12号楼加装电梯工程`)
    await page.keyboard.press('Enter')
    await page.locator(`[data-testid="tally-row-${a.id}"][data-decided="true"]`).waitFor()
    // The focus moves to the next row, its 到会 filled in from this one and selected.
    await expect.poll(() => focused(page)).toBe(`tally-${b.id}-present`)
    expect(await page.getByTestId(`tally-${b.id}-present`).inputValue()).toBe('23')

    // 2: 不予采纳 with the public reason; 到会 kept as it was filled in.
    await page.keyboard.press('Tab')
    await typeAndTab(page, '3')
    await typeAndTab(page, '18')
    await typeAndTab(page, '2')
    for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowDown') // 不予采纳
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe(`tally-${b.id}-note`)
    await page.keyboard.type('属于市政道路，已告知拨打12345反映')
    await page.keyboard.press('Enter')
    await page.locator(`[data-testid="tally-row-${b.id}"][data-decided="true"]`).waitFor()
    await expect.poll(() => focused(page)).toBe(`tally-${c.id}-present`)

    // 3: 立项 with fewer than half in favour: the dialog asks, Enter confirms.
    await typeAndTab(page, '20')
    await typeAndTab(page, '6')
    await typeAndTab(page, '8')
    await typeAndTab(page, '4')
    await page.keyboard.press('ArrowDown') // 立项
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('tally-confirm')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('赞成 6 人，不到到会 20 人的一半')
    await page.keyboard.press('Enter')
    await page.locator(`[data-testid="tally-row-${c.id}"][data-decided="true"]`).waitFor()

    const saved = await staff('GET', `/meetings/${meeting.id}`)
    expect(saved.body.status).toBe('held')
    expect(
      saved.body.items.map((i: Json) => [
        i.present,
        i.inFavour,
        i.against,
        i.abstain,
        i.decision,
        i.confirmedLowSupport,
      ]),
    ).toEqual([
      [23, 19, 2, 2, 'adopt', false],
      [23, 3, 18, 2, 'decline', false],
      [20, 6, 8, 4, 'adopt', true],
    ])
    expect(saved.body.items[0].projectTitle).toBe(`${stamp} 12号楼加装电梯工程`)
    expect(saved.body.items[2].projectTitle).toBe(topics[2].title)
    expect(saved.body.items[1].note).toBe('属于市政道路，已告知拨打12345反映')
    // No untranslated i18n key on screen.
    const text = await page.evaluate(() => document.body.innerText)
    expect(text.match(/\b(?:meetings|resources|app|ra)\.[A-Za-z_][\w.-]*/g) ?? []).toEqual([])
    await page.context().close()
  })

  it('shows the decisions on the residents’ timeline and the minutes on the board', async () => {
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto(`/t/${topics[0].trackingCode}`)
    const timeline = await page.locator('main').innerText()
    expect(timeline).toMatch(
      /经 \d+ 月 \d+ 日议事会（到会 23 人，赞成 19、反对 2、弃权 2）决定立项，纳入项目「\S+ 12号楼加装电梯工程」/,
    )
    await page.goto(`/t/${topics[1].trackingCode}`)
    expect(await page.locator('main').innerText()).toContain(
      '决定不予采纳：属于市政道路，已告知拨打12345反映',
    )
    await page.goto('/b/huihuayuan')
    const board = await page.locator('main').innerText()
    expect(board).toContain('议事纪要')
    expect(board).toContain(`${stamp} 议事会`)
    expect(board).toContain(`${stamp} 12号楼加装电梯：立项「${stamp} 12号楼加装电梯工程」`)
    expect(board).toContain('到会 23 人，赞成 19、反对 2、弃权 2')
    expect(board).toContain(`${stamp} 小区门口人行道破损：不予采纳`)
    await page.context().close()
  })

  it('lists the meeting on the month calendar and prints its A4 sheet', async () => {
    const page = await newDesktopPage(browser)
    await signInAdmin(page, 'staff', '/admin/#/meetings/calendar')
    const link = page.getByRole('link', { name: new RegExp(`${stamp} 议事会`) })
    await link.waitFor({ timeout: LOAD })
    await link.click()
    await page.getByTestId('meeting-summary').waitFor({ timeout: LOAD })
    await page.getByTestId('meeting-print').click()
    const sheet = page.locator('#meeting-sheet')
    await sheet.waitFor({ timeout: LOAD })
    expect(await page.getByTestId('sheet-sign-in').locator('tbody tr').count()).toBeGreaterThan(15)
    const tally = await page.getByTestId('sheet-tally').innerText()
    expect(tally).toContain(`${stamp} 东门增设非机动车棚`)
    await page.emulateMedia({ media: 'print' })
    expect(await sheet.isVisible()).toBe(true)
    expect(await page.locator('header.MuiAppBar-root').isVisible()).toBe(false)
    await page.context().close()
  })
})
