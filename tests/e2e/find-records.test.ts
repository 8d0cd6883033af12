import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPhonePage } from './browser'
import { querySql } from '../../scripts/lib/wrangler.mjs'

// 查找我的记录 end to end, without JavaScript: from the board's footer to the phone form, a real
// SMS through 腾讯云短信's signed API (answered by the local stand-in, which checks the TC3
// signature), the code typed in, and the phone's records with their links.

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

/** The last code the stand-in received for `phone` (腾讯云: TemplateParamSet[0]). */
const codeSentTo = async (phone: string) => {
  const sent = (await (await fetch(`${inject('standinUrl')}/_sent`)).json()) as {
    provider: string
    to: string
    params: string[]
  }[]
  return sent.filter((m) => m.provider === 'tencent' && m.to === phone).at(-1)?.params[0]
}

describe('find my records by phone', () => {
  it('verifies a phone by SMS code and lists its tracking codes with links', async () => {
    const [rows] = await querySql(
      `SELECT submitter_phone AS phone, tracking_code AS code, title FROM topics
        WHERE submitter_phone IS NOT NULL AND neighborhood_id = 1 ORDER BY created_at DESC LIMIT 1`,
      { persistTo: inject('persistTo') },
    )
    const mine = rows.results[0] as { phone: string; code: string; title: string }
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto('/b/huihuayuan')
    await page.getByRole('link', { name: '忘了查询码？凭手机号查找我的记录' }).click()
    await expect.poll(() => page.url()).toMatch(/\/me$/)
    await page.getByLabel('手机号').fill(`${mine.phone.slice(0, 3)} ${mine.phone.slice(3)}`)
    await page.getByRole('button', { name: '发送验证码' }).click()
    await page.getByRole('heading', { name: '输入短信验证码' }).waitFor()
    const code = await codeSentTo(mine.phone)
    expect(code).toMatch(/^\d{6}$/)

    await page.getByLabel('验证码').fill(code === '000000' ? '111111' : '000000')
    await page.getByRole('button', { name: '验证并查看记录' }).click()
    await expect(page.getByText('验证码不对，还可以再试 4 次').first().isVisible()).resolves.toBe(
      true,
    )

    await page.getByLabel('验证码').fill(code!)
    await page.getByRole('button', { name: '验证并查看记录' }).click()
    await page.getByRole('heading', { name: '我的记录' }).waitFor()
    const body = await page.locator('main').innerText()
    expect(body).toContain(mine.title)
    expect(body).toContain(`查询码 ${mine.code}`)
    expect(body).not.toContain(mine.phone)

    await page.locator('li', { hasText: mine.code }).getByRole('link', { name: '查看进展' }).click()
    await expect.poll(() => page.url()).toContain(`/t/${mine.code}`)
    await page.close()
  })
})
