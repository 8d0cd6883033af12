import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { querySql } from '../../scripts/lib/wrangler.mjs'
import { addWorkingDays } from '../../worker/domain/privacy/working-days'
import { REVEAL_PURPOSE_LABEL } from '../../worker/domain/vocabulary'
import { launchBrowser, newDesktopPage, signInAdmin } from './browser'

// Who saw what (#17.6) and the request queue (#17.4) in the admin, in one signed-in page: a
// topic's phone is masked for the administrator too; revealing it asks why and shows it; the
// access log finds the reveal by the resident's phone; the queue shows a request with its
// 15-working-day deadline and an overdue one highlighted.

const DAY = 86_400_000
const phone = `139${String(Date.now() % 1e8).padStart(8, '0')}`
const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`
/** `YYYY/MM/DD` in Shanghai, as the admin writes dates. */
const shanghaiDate = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '/')

describe('personal data in the admin', () => {
  let browser: Browser
  let page: Page
  let topicId: number

  beforeAll(async () => {
    browser = await launchBrowser()
    page = await newDesktopPage(browser)
    await signInAdmin(page, 'admin', '/admin/#/privacy/requests')
    const topic = await page.request.post('/api/topics', {
      data: {
        neighborhoodId: 1,
        channelKind: 'phone',
        title: '楼道灯不亮（隐私测试）',
        submitterName: '王阿姨',
        submitterPhone: phone,
        consent: true,
      },
    })
    expect(topic.status(), await topic.text()).toBe(201)
    topicId = (await topic.json()).id
  })
  afterAll(() => browser?.close())

  it('masks a phone for the administrator; revealing it asks why, shows it, and is logged', async () => {
    await page.goto(`/admin/#/topics/${topicId}/show`)
    const shown = page.getByTestId('submitter-phone')
    await expect.poll(() => shown.innerText(), { timeout: 30_000 }).toBe(masked)
    await page.locator(`[data-reveal="topics:${topicId}"]`).click()
    await page.getByRole('menuitem', { name: REVEAL_PURPOSE_LABEL.callback.zh }).click()
    await expect.poll(() => shown.innerText()).toBe(phone)

    await page.goto('/admin/#/privacy/access-log')
    await page.getByLabel('居民手机号').fill(phone)
    await page.getByRole('button', { name: '查询' }).click()
    const entry = page.locator('[data-testid="access-log"] tr[data-action="reveal"]').first()
    await expect.poll(() => entry.innerText(), { timeout: 20_000 }).toContain(`议题 #${topicId}`)
    expect(await entry.innerText()).toContain(REVEAL_PURPOSE_LABEL.callback.zh)
    expect(await entry.innerText()).toContain('管理员')
  })

  it('marks a form for children and a question sensitive with the editor’s switches (#17.5)', async () => {
    await page.goto('/admin/#/forms/create')
    await page.locator('input[name="title"]').fill('夏令营健康登记（隐私测试）')
    // Its neighborhood, chosen: a form for the whole town needs its town, and other files may
    // have added a second one.
    await page.getByRole('combobox', { name: '居民区' }).click()
    await page.getByRole('option', { name: '慧华苑' }).click()
    await page.getByLabel('面向儿童').check()
    await page.getByRole('button', { name: '添加问题' }).click()
    await page.locator('input[name="fields.0.label"]').fill('过敏情况')
    await page.getByLabel('敏感信息').check()
    expect(await page.getByText('如过敏、健康情况：只有本居民区工作人员能看到').count()).toBe(1)
    // Save once the form is ready, and say why if the API refuses it.
    const save = page.getByRole('button', { name: '保存' })
    await expect.poll(() => save.isEnabled(), { timeout: 20_000 }).toBe(true)
    const [created] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/forms' && r.request().method() === 'POST',
        { timeout: 20_000 },
      ),
      save.click(),
    ])
    expect(created.status(), await created.text()).toBe(201)
    await page.waitForURL(/#\/forms\/\d+\/show/, { timeout: 20_000 })
    const id = page.url().match(/forms\/(\d+)\/show/)![1]
    const form = await (await page.request.get(`/api/forms/${id}`)).json()
    expect(form.forChildren).toBe(true)
    expect(form.fields[0]).toMatchObject({ label: '过敏情况', sensitive: true })
  })

  it('lists requests by deadline: 15 working days, an overdue one highlighted', async () => {
    const filed = await page.request.post('/api/privacy/requests', {
      data: { phone, kind: 'deletion', note: '本人到居委会申请' },
    })
    expect(filed.status(), await filed.text()).toBe(201)
    const request = await filed.json()
    expect(request.dueAt).toBe(addWorkingDays(request.receivedAt, 15))
    // A request received a month ago and never handled.
    const old = Date.now() - 30 * DAY
    const [inserted] = await querySql(
      `INSERT INTO privacy_requests (town_id, phone, phone_hint, kind, verified_via, received_at, due_at)
       VALUES (1, '13900000000', '139****0000', 'copy', 'committee', ${old}, ${addWorkingDays(old, 15)})
       RETURNING id`,
      { persistTo: inject('persistTo') },
    )
    const overdueId = inserted.results[0].id as number

    await page.goto('/admin/#/privacy/requests')
    const row = page.locator(`tr[data-request="${request.id}"]`)
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain(masked)
    const text = await row.innerText()
    expect(text).toContain(shanghaiDate(request.dueAt))
    expect(text).toMatch(/剩 1[45] 个工作日/)
    expect(await row.getAttribute('data-urgency')).toBe('ok')
    const overdue = page.locator(`tr[data-request="${overdueId}"]`)
    expect(await overdue.getAttribute('data-urgency')).toBe('overdue')
    expect(await overdue.innerText()).toContain('已超期')
    // Open requests come first, the overdue one at the top.
    expect(await page.locator('tr[data-request]').first().getAttribute('data-request')).toBe(
      String(overdueId),
    )
  })
})
