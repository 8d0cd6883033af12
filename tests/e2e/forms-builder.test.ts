import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DEMO_PASSWORD, launchBrowser, newDesktopPage, newPhonePage } from './browser'

// The forms builder for staff who are not technical (issue 13, points 9 and 10): the sign-in
// page names the product; a labelled 添加问题 button; question keys out of sight under 高级 and
// made for them; the 链接 made readable from the title; a live preview; a phone question without
// consent is flagged before saving and refused on opening; pick limits held in the browser.
describe('the forms builder', () => {
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    browser = await launchBrowser()
    page = await newDesktopPage(browser)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('signs in on a page that names the product', async () => {
    await page.goto('/admin/#/forms/create')
    await expect.poll(() => page.getByRole('heading', { name: '举手 · 工作台' }).count()).toBe(1)
    await page.locator('input[name="username"]').fill('staff')
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.locator('input[name="title"]').waitFor()
  })

  it('builds a survey without technical words, with a preview and the consent rule', async () => {
    await page.goto('/admin/#/forms/create')
    await page.locator('input[name="title"]').fill('加装电梯意愿调查')
    await expect
      .poll(() => page.locator('input[name="slug"]').inputValue())
      .toMatch(/^elevator-wishes-survey-\d{4}$/)
    expect(await page.getByText('链接', { exact: true }).count()).toBeGreaterThan(0)

    await page.getByRole('button', { name: '添加问题' }).click()
    await page.locator('input[name="fields.0.label"]').fill('您家住几号楼')
    const preview = page.getByTestId('form-preview')
    await expect.poll(() => preview.innerText()).toContain('1. 您家住几号楼')
    // The key is made for them and out of sight until 高级 is opened.
    expect(await page.locator('input[name="fields.0.key"]').isVisible()).toBe(false)
    await page.getByText('高级').first().click()
    await expect.poll(() => page.locator('input[name="fields.0.key"]').inputValue()).toBe('q1')

    // A phone question: the builder says a consent question is needed.
    await page.getByRole('button', { name: '添加问题' }).click()
    await page.locator('input[name="fields.1.label"]').fill('手机号')
    await page.getByRole('combobox', { name: '题型' }).nth(1).click()
    await page.getByRole('option', { name: '手机号' }).click()
    await expect.poll(() => page.getByText('发布前请加一道必填的“同意勾选”题').count()).toBe(1)
  })

  it('holds a multiple choice to its limit in the browser', async () => {
    const res = await page.request.post('/api/forms', {
      data: {
        title: '驿站需求',
        status: 'open',
        neighborhoodId: 1,
        fields: [
          {
            key: 'needs',
            label: '驿站最需要什么',
            type: 'multiple',
            options: ['充电', '饮水', '休息'],
            maxPicks: 2,
          },
        ],
      },
    })
    expect(res.status(), await res.text()).toBe(201)
    const { slug } = await res.json()
    const phone = await newPhonePage(browser)
    await phone.goto(`/s/${slug}`)
    await phone.getByLabel('充电').check()
    await phone.getByLabel('饮水').check()
    expect(await phone.getByLabel('休息').isDisabled()).toBe(true)
    await phone.getByLabel('饮水').uncheck()
    expect(await phone.getByLabel('休息').isDisabled()).toBe(false)
    await phone.context().close()
  })
})
