import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import axe from 'axe-core'
import { launchBrowser, newPhonePage } from './browser'
import { querySql } from '../../scripts/lib/wrangler.mjs'
import { CHANNELS } from '../../scripts/seed/core.mjs'

// The resident flow on the demo data, on a phone: a poster's QR → the needs form → the receipt
// → the tracking page, with JavaScript on and off; the board's "我也需要"; an evaluation; and
// an axe-core scan of every resident page. Also writes the README screenshots.

const SLUG = 'huihuayuan'
// The README's screenshots are rewritten only on request (UPDATE_SCREENSHOTS=1, on a machine with
// CJK fonts: fonts-noto-cjk); otherwise they go to a temp dir, so a test run leaves the tree clean.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.resolve('docs/screenshots')
  : fs.mkdtempSync(path.join(os.tmpdir(), 'jushou-screens-'))
/** The first QR point of 慧华苑 in the demo seed. */
const qrChannel = (
  CHANNELS as { neighborhoodId: number; kind: string; code: string; label: string }[]
).find((c) => c.neighborhoodId === 1 && c.kind === 'qr')!

const sql = async <T>(text: string): Promise<T[]> => {
  const [result] = await querySql(text, { persistTo: inject('persistTo') })
  return result.results as T[]
}

type Fixtures = {
  /** An open topic of 慧华苑 to file a look-alike of. */
  open: { id: number; title: string; category: string }
  /** Two codes of topics whose project is done and who have not rated it yet. */
  done: { code: string; title: string }[]
  /** A code of a 慧华苑 topic whose project is in progress. */
  progress: { code: string }
}

/** Demo rows the tests start from, in one wrangler call (each costs seconds). */
const loadFixtures = async (): Promise<Fixtures> => {
  const [open, done, progress] = await querySql(
    `SELECT t.id, t.title, c.name AS category FROM topics t JOIN categories c ON c.id = t.category_id
       WHERE t.neighborhood_id = 1 AND t.status IN ('submitted', 'accepted') ORDER BY t.id LIMIT 1;
     SELECT t.tracking_code AS code, p.title FROM topics t JOIN projects p ON p.id = t.project_id
       WHERE p.status = 'done' AND NOT EXISTS (SELECT 1 FROM evaluations e
         WHERE e.project_id = p.id AND e.tracking_code = t.tracking_code) ORDER BY t.id LIMIT 2;
     SELECT t.tracking_code AS code FROM topics t JOIN projects p ON p.id = t.project_id
       WHERE p.status = 'in_progress' AND t.neighborhood_id = 1 ORDER BY t.id LIMIT 1`,
    { persistTo: inject('persistTo') },
  )
  return { open: open.results[0], done: done.results, progress: progress.results[0] }
}

/** Runs axe-core in the page; returns the serious and critical violations, described. */
const axeProblems = async (page: Page) => {
  await page.evaluate(axe.source)
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  )
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** The trimmed text of the first match, once it is there. */
const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().innerText()).trim()
const h1 = (page: Page) => text(page, 'h1')

/** Clicks something that submits or navigates, and waits for the next page to load. */
const go = async (page: Page, click: Promise<void>) => {
  await click
  await page.waitForLoadState('load')
}

/** Fills the needs form the way a resident taps through it. */
const fillNeed = async (page: Page, title: string) => {
  await page.getByLabel('一句话说明').fill(title)
  await page.getByLabel('详细情况').fill('晚上路过很黑，老人容易摔倒，希望尽快修好。')
  await page.getByLabel('类别').selectOption({ label: '设施维修' })
  await page.getByLabel('地点').fill('12号楼北侧')
}

/** From the form (or the similar-topic step) to the receipt; returns the tracking code. */
const submitToReceipt = async (page: Page) => {
  await go(page, page.getByRole('button', { name: '提交', exact: true }).click())
  if ((await h1(page)) === '这些事是不是和您说的一样？')
    await go(page, page.getByRole('button', { name: '都不是，提交我自己的' }).click())
  expect(await h1(page)).toBe('提交成功，谢谢您！')
  return text(page, '#code')
}

describe('resident pages in a phone browser', () => {
  let browser: Browser
  let fx: Fixtures
  beforeAll(async () => {
    browser = await launchBrowser()
    fx = await loadFixtures()
    expect(fx.done).toHaveLength(2)
  })
  afterAll(async () => {
    await browser?.close()
  })

  for (const javaScriptEnabled of [true, false]) {
    it(`goes from the poster's QR to the receipt and the tracking page (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await newPhonePage(browser, { javaScriptEnabled })
      await page.goto(`/q/${qrChannel.code}/poster`)
      const formUrl = new URL((await page.locator('.url').innerText()).trim())
      expect(formUrl.pathname).toBe(`/q/${qrChannel.code}`)
      const scansBefore = (
        await sql<{ scans: number }>(`SELECT scans FROM channels WHERE code = '${qrChannel.code}'`)
      )[0].scans

      await page.goto(formUrl.pathname)
      expect(await h1(page)).toBe('我有事要反映')
      expect(await text(page, 'main')).toContain(qrChannel.label)
      const title = `东门外第${javaScriptEnabled ? '三' : '四'}盏路灯不亮 ${Date.now() % 100000}`
      await fillNeed(page, title)
      // A phone number without the consent tick comes back with everything kept.
      await page.getByRole('textbox', { name: /^手机号/ }).fill('13812345678')
      await go(page, page.getByRole('button', { name: '提交', exact: true }).click())
      expect(await text(page, '#consent-err')).toBe('留下姓名或手机号时，请先勾选同意。')
      expect(await page.getByLabel('一句话说明').inputValue()).toBe(title)
      expect(await page.getByRole('textbox', { name: /^手机号/ }).inputValue()).toBe('13812345678')
      expect(await page.getByLabel('类别').inputValue()).toMatch(/^\d+$/)
      await page.getByLabel('我同意居委会为上述目的使用我的姓名和手机号').check()

      const code = await submitToReceipt(page)
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/)
      expect(await text(page, 'main')).toContain('截图')

      await go(page, page.getByRole('link', { name: '查看办理进度' }).click())
      expect(new URL(page.url()).pathname).toBe(`/t/${code}`)
      expect(await text(page, 'h2#topic')).toBe(title)
      const main = await text(page, 'main')
      expect(main).toContain('已提交，等待居委会受理')
      expect(main).not.toContain('13812345678')

      const [row] = await sql<{
        channel_id: number
        submitter_phone: string
        consent_at: number
        id: number
        scans: number
      }>(
        `SELECT t.channel_id, t.submitter_phone, t.consent_at, c.id, c.scans FROM topics t, channels c
         WHERE t.tracking_code = '${code}' AND c.code = '${qrChannel.code}'`,
      )
      expect(row.submitter_phone).toBe('13812345678')
      expect(row.consent_at).toBeGreaterThan(0)
      expect(row.channel_id).toBe(row.id)
      // A scan counts once per client and window: the second run (JavaScript off) is the same client.
      expect(row.scans).toBe(scansBefore + (javaScriptEnabled ? 1 : 0))
      await page.context().close()
    })
  }

  it('offers a look-alike open topic and lets the resident support it instead (JavaScript off)', async () => {
    const { open } = fx
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto(`/q/${qrChannel.code}`)
    await page.getByLabel('一句话说明').fill(open.title)
    await page.getByLabel('类别').selectOption({ label: open.category })
    await go(page, page.getByRole('button', { name: '提交', exact: true }).click())
    expect(await h1(page)).toBe('这些事是不是和您说的一样？')
    const card = page.locator('li.box', { hasText: open.title }).first()
    await go(page, card.getByRole('button', { name: '我也需要，附议这一条' }).click())
    expect(await h1(page)).toBe('附议成功，谢谢您！')
    const code = await text(page, '#code')
    const [support] = await sql<{ topic_id: number }>(
      `SELECT topic_id FROM supports WHERE tracking_code = '${code}'`,
    )
    expect(support.topic_id).toBe(open.id)
    await page.context().close()
  })

  it('lets a resident tick "我也需要" on the board once, with a code of their own; another browser on the same network is not counted again', async () => {
    const page = await newPhonePage(browser)
    await page.goto(`/b/${SLUG}`)
    expect(await h1(page)).toContain('慧华苑')
    // One voice per address (domain/voice.ts): every browser here is 127.0.0.1, so an earlier test's
    // tick (the look-alike above) makes a second one uncounted. Take a topic no browser has ticked.
    const ticked = new Set(
      (
        await sql<{ topic_id: number }>(
          'SELECT DISTINCT topic_id FROM supports WHERE address_key IS NOT NULL',
        )
      ).map((r) => r.topic_id),
    )
    const ids = await page
      .locator('form[action^="/b/"] input[name="topicId"]')
      .evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)))
    const topicId = ids.find((id) => !ticked.has(id))!
    expect(topicId).toBeGreaterThan(0)
    // The topic's own card: its title also appears in the meetings' agendas above the topics.
    const cardOn = (p: Page) =>
      p.locator('li.box', { has: p.locator(`input[name="topicId"][value="${topicId}"]`) })
    const card = cardOn(page)
    const title = (await card.locator('h3').innerText()).trim()
    const count = async (p: Page) => (await cardOn(p).locator('.row span').innerText()).trim()
    const before = Number((await count(page)).match(/\d+/)![0])
    await go(page, card.getByRole('button', { name: `我也需要：${title}` }).click())
    expect(await h1(page)).toBe('附议成功，谢谢您！')
    expect(await text(page, 'main')).not.toContain('不重复计数')
    const code = await text(page, '#code')
    await page.goto(`/b/${SLUG}`)
    const after = cardOn(page)
    expect(await after.getByRole('button', { name: `已附议：${title}` }).isVisible()).toBe(true)
    expect(await count(page)).toBe(`附议 ${before + 1} 人`)
    // The same browser again: the same code, no second count.
    await go(page, after.getByRole('button', { name: `已附议：${title}` }).click())
    expect(await text(page, '#code')).toBe(code)
    await page.goto(`/t/${code}`)
    expect(await text(page, 'main')).toContain('您附议了这一条')
    // Another browser from the same address within the window: a code of its own, not counted.
    const other = await newPhonePage(browser)
    await other.goto(`/b/${SLUG}`)
    await go(
      other,
      cardOn(other)
        .getByRole('button', { name: `我也需要：${title}` })
        .click(),
    )
    expect(await h1(other)).toBe('附议成功，谢谢您！')
    expect(await text(other, 'main')).toContain('这次不重复计数')
    expect(await text(other, '#code')).not.toBe(code)
    await other.goto(`/b/${SLUG}`)
    expect(await count(other)).toBe(`附议 ${before + 1} 人`)
    await other.context().close()
    await page.context().close()
  })

  it("lets the holder of a done project's code rate it once", async () => {
    const row = fx.done[0]
    const page = await newPhonePage(browser, { javaScriptEnabled: false })
    await page.goto(`/t/${row.code}`)
    await go(page, page.getByRole('link', { name: '项目已完成，去评议' }).click())
    expect(await h1(page)).toContain(row.title)
    await page.getByLabel('部分解决').check()
    await page.getByLabel('4 满意').check()
    await page.getByLabel('想说的话').fill('灯修好了，希望再加一盏')
    await go(page, page.getByRole('button', { name: '提交评议' }).click())
    expect(await h1(page)).toBe('谢谢您的评议！')
    await page.goto(`/t/${row.code}`)
    expect(await text(page, 'main')).toContain('您已评议过这个项目')
    const stored = await sql<{ resolved: string; satisfaction: number }>(
      `SELECT resolved, satisfaction FROM evaluations WHERE tracking_code = '${row.code}'`,
    )
    expect(stored).toEqual([{ resolved: 'partly', satisfaction: 4 }])
    await page.context().close()
  })

  it('has no serious or critical axe-core violations on any resident page', async () => {
    const [, done] = fx.done
    const { progress } = fx
    const page = await newPhonePage(browser)
    const problems: Record<string, string[]> = {}
    const scan = async (name: string) => {
      problems[name] = await axeProblems(page)
    }
    await page.goto(`/q/${qrChannel.code}`)
    await scan('needs form')
    await page.getByRole('textbox', { name: /^手机号/ }).fill('123')
    await go(page, page.getByRole('button', { name: '提交', exact: true }).click())
    await scan('needs form with errors')
    await fillNeed(page, `axe 检查 ${Date.now()}`)
    await page.getByRole('textbox', { name: /^手机号/ }).fill('')
    const code = await submitToReceipt(page)
    await scan('receipt')
    await page.goto(`/t/${code}`)
    await scan('tracking (new topic)')
    await page.goto(`/t/${progress.code}`)
    await scan('tracking (project in progress)')
    await page.goto(`/t/${done.code}/evaluate`)
    await scan('evaluation form')
    await page.goto(`/b/${SLUG}`)
    await scan('board')
    await page.goto(`/b/${SLUG}?lang=en`)
    await scan('board (English)')
    await page.goto(`/n/${SLUG}/new`)
    await scan('web form')
    await page.goto('/t')
    await scan('lookup')
    await page.goto('/t/ZZZ-ZZZ')
    await scan('not found')
    await page.goto(`/q/${qrChannel.code}/poster`)
    await scan('poster')
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])))
    await page.context().close()
  })

  it('takes the README screenshots of the form and the tracking page', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    const page = await newPhonePage(browser, { deviceScaleFactor: 1 })
    await page.goto(`/q/${qrChannel.code}`)
    await page.getByLabel('一句话说明').fill('12号楼门口路灯不亮')
    await page.getByLabel('详细情况').fill('已经一个星期了，晚上很黑')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'needs-form.png') })
    await page.goto(`/t/${fx.progress.code}`)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tracking.png') })
    for (const file of ['needs-form.png', 'tracking.png'])
      expect(fs.statSync(path.join(SCREENSHOTS, file)).size).toBeLessThan(200_000)
    await page.context().close()
  })
})
