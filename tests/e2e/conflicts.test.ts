import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page, Response } from 'playwright-core'
import { baseUrl, DEMO_PASSWORD, launchBrowser, newDesktopPage, signInAdmin } from './browser'

// No lost updates, in chromium: two tabs edit the title of one topic; the second save meets the
// first one's newer version, the admin shows what differs and reapplies the second edit on top.

type Json = Record<string, any>

/** A signed-in API client for a demo user (fetch with the session cookie). */
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
    return { status: res.status, body: (await res.json()) as Json }
  }
}

const stamp = `v${Date.now().toString(36)}`

/** The next PUT of topic `id` this page sends, answered. */
const nextPut = (page: Page, id: number) =>
  page.waitForResponse(
    (r: Response) => r.request().method() === 'PUT' && r.url().endsWith(`/api/topics/${id}`),
    { timeout: 60_000 },
  )

/** Opens the edit screen of topic `id` and waits for its title field. */
const openEdit = async (page: Page, id: number) => {
  await page.goto(`/admin/#/topics/${id}`)
  const title = page.locator('main input[name="title"]')
  await title.waitFor({ timeout: 60_000 })
  return title
}

describe('two tabs editing one topic', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser.close())

  it('shows the second tab the conflict, and reapplies its edit on the current version', async () => {
    const api = await apiAs('staff')
    const created = await api('POST', '/topics', {
      neighborhoodId: 1,
      channelKind: 'phone',
      title: `${stamp} 楼道灯不亮`,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as number

    const first = await newDesktopPage(browser)
    await signInAdmin(first, 'staff')
    const second = await first.context().newPage()
    const firstTitle = await openEdit(first, id)
    const secondTitle = await openEdit(second, id)
    expect(await secondTitle.inputValue()).toBe(`${stamp} 楼道灯不亮`)

    // The first tab saves (the save is undoable: it reaches the server a few seconds later).
    await firstTitle.fill(`${stamp} 3号楼楼道灯不亮`)
    const firstPut = nextPut(first, id)
    await first.getByRole('button', { name: '保存' }).click()
    expect((await firstPut).status()).toBe(200)
    expect((await api('GET', `/topics/${id}`)).body).toMatchObject({
      title: `${stamp} 3号楼楼道灯不亮`,
      version: 2,
    })

    // The second tab still holds version 1: its save is refused, and it is told what differs.
    await secondTitle.fill(`${stamp} 楼道灯坏了`)
    const secondPut = nextPut(second, id)
    await second.getByRole('button', { name: '保存' }).click()
    const refused = await secondPut
    expect(refused.status()).toBe(409)
    expect((await refused.json()).current).toMatchObject({ version: 2 })
    const dialog = second.getByRole('dialog')
    await dialog.getByText('别人刚改过这条记录').waitFor({ timeout: 30_000 })
    const row = dialog.locator('tr[data-field="title"]')
    await expect.poll(() => row.innerText()).toContain(`${stamp} 楼道灯坏了`)
    expect(await row.innerText()).toContain(`${stamp} 3号楼楼道灯不亮`)
    expect(await row.innerText()).toContain('双方都改了')
    expect((await api('GET', `/topics/${id}`)).body.title).toBe(`${stamp} 3号楼楼道灯不亮`)

    const reapply = nextPut(second, id)
    await dialog.getByRole('button', { name: '在最新版本上重新应用我的修改' }).click()
    expect((await reapply).status()).toBe(200)
    await second.getByText('已在最新版本上保存您的修改').waitFor({ timeout: 30_000 })
    await expect.poll(() => dialog.count()).toBe(0)
    expect((await api('GET', `/topics/${id}`)).body).toMatchObject({
      title: `${stamp} 楼道灯坏了`,
      version: 3,
    })
    await first.context().close()
  })
})
