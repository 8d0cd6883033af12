import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, newPhonePage } from './browser'
import { querySql } from '../../scripts/lib/wrangler.mjs'
import { SUMMER_CLASS_SLUG } from '../../scripts/seed/activities.mjs'
import { NOTICE_VERSION } from '../../worker/domain/privacy/consent'

// Personal data (#17) in chromium on a phone with JavaScript off: a guardian registers a child
// for the seeded 暑托班 (an activity for children) and the guardian's consent is recorded; then
// the same phone, verified with the one-time code (the SMS stand-in), sees its records, downloads
// a copy (parsed here) and asks for deletion.

const PHONE = '13905557788'

const sql = async <T>(text: string): Promise<T[]> => {
  const [result] = await querySql(text, { persistTo: inject('persistTo') })
  return result.results as T[]
}

/** The last code the stand-in received for `phone` (腾讯云: TemplateParamSet[0]). */
const codeSentTo = async (phone: string) => {
  const sent = (await (await fetch(`${inject('standinUrl')}/_sent`)).json()) as {
    provider: string
    to: string
    params: string[]
  }[]
  return sent.filter((m) => m.provider === 'tencent' && m.to === phone).at(-1)?.params[0]
}

const go = async (page: Page, click: Promise<void>) => {
  await click
  await page.waitForLoadState('load')
}

let browser: Browser
let page: Page
let opensAt: number | null
beforeAll(async () => {
  browser = await launchBrowser()
  page = await newPhonePage(browser, { javaScriptEnabled: false })
  // The seed opens the summer class a few minutes after it runs (other tests show the wait):
  // open it now for this file, and put the time back after.
  ;[{ opensAt }] = await sql<{ opensAt: number | null }>(
    `SELECT opens_at AS opensAt FROM activities WHERE slug = '${SUMMER_CLASS_SLUG}'`,
  )
  await sql(
    `UPDATE activities SET opens_at = ${Date.now() - 60_000} WHERE slug = '${SUMMER_CLASS_SLUG}'`,
  )
})
afterAll(async () => {
  await sql(
    `UPDATE activities SET opens_at = ${opensAt ?? 'NULL'} WHERE slug = '${SUMMER_CLASS_SLUG}'`,
  )
  await browser?.close()
})

describe('a guardian and the access page (JavaScript off)', () => {
  it('registers a child for 暑托班 with the guardian’s consent recorded', async () => {
    await page.goto(`/a/${SUMMER_CLASS_SLUG}`)
    await go(page, page.getByRole('link', { name: '报名', exact: true }).click())
    await page.getByLabel('监护人姓名').fill('林妈妈')
    await page.getByLabel('监护人手机号').fill(PHONE)
    await page.getByLabel('孩子姓名').fill('林小雨')
    await page.getByLabel('孩子年龄或年级').fill('三年级')
    await page.getByLabel('您与孩子的关系').fill('母亲')
    await page.getByLabel('我确认每天按时接送孩子').check()
    // Without the guardian's consent: refused in Chinese, nothing typed lost.
    await go(page, page.getByRole('button', { name: '提交报名' }).click())
    await expect(page.locator('.summary').innerText()).resolves.toContain(
      '请确认您是孩子的监护人并同意',
    )
    expect(await page.getByLabel('孩子姓名').inputValue()).toBe('林小雨')
    expect(await page.getByLabel('您与孩子的关系').inputValue()).toBe('母亲')
    await page.getByLabel(/我是该儿童的监护人/).check()
    if (!(await page.getByLabel('我确认每天按时接送孩子').isChecked()))
      await page.getByLabel('我确认每天按时接送孩子').check()
    await go(page, page.getByRole('button', { name: '提交报名' }).click())
    expect((await page.locator('h1').first().innerText()).trim()).toBe('报名成功')

    const [consent] = await sql<{ purpose: string; notice_version: string; child_name: string }>(
      `SELECT c.purpose, c.notice_version, r.child_name FROM consents c
        JOIN registrations r ON r.id = c.subject_id AND c.subject_type = 'registration'
        WHERE r.phone = '${PHONE}' AND c.purpose = 'guardian'`,
    )
    expect(consent).toMatchObject({ purpose: 'guardian', child_name: '林小雨' })
    expect(consent!.notice_version).toBe(NOTICE_VERSION)
  })

  it('verifies the phone by code, sees the records, downloads a copy and asks for deletion', async () => {
    await page.goto('/me')
    await page.getByLabel('手机号').fill(PHONE)
    await go(page, page.getByRole('button', { name: '发送验证码' }).click())
    const code = await codeSentTo(PHONE)
    expect(code).toMatch(/^\d{6}$/)
    await page.getByLabel('验证码').fill(code!)
    await go(page, page.getByRole('button', { name: '验证并查看记录' }).click())
    const main = await page.locator('main').innerText()
    expect(main).toContain('暑托班（七月班）')
    expect(main).toContain('孩子 林小雨（三年级），您是孩子的母亲')
    expect(main).toContain('监护人同意')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载副本（表格文件 CSV/ }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const csv = await new Response(
      (await download.createReadStream()) as unknown as ReadableStream,
    ).text()
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','))
    expect(rows[0]).toEqual(['类别 Section', '序号 No.', '项目 Field', '内容 Value'])
    expect(rows).toContainEqual(['活动报名', '1', 'childName', '林小雨'])
    expect(rows).toContainEqual(['活动报名', '1', 'phone', PHONE])
    expect(rows.some((r) => r[0] === '我给出的同意' && r[3] === 'guardian')).toBe(true)

    await go(page, page.getByRole('link', { name: '申请删除我的个人信息' }).click())
    await expect(page.locator('main').innerText()).resolves.toContain('15 个工作日内')
    await go(page, page.getByRole('button', { name: '确认申请删除' }).click())
    expect((await page.locator('h1').first().innerText()).trim()).toBe('已收到您的删除申请')
    const [request] = await sql<{ id: number; kind: string; status: string; via: string }>(
      `SELECT id, kind, status, verified_via AS via FROM privacy_requests WHERE phone = '${PHONE}'`,
    )
    expect(request).toMatchObject({ kind: 'deletion', status: 'open', via: 'code' })
    await expect(page.getByRole('status').innerText()).resolves.toContain(`申请编号 ${request!.id}`)
  })
})
