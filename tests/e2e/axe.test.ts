import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import axe from 'axe-core'
import { launchBrowser, newDesktopPage, signInAdmin } from './browser'
import { querySql } from '../../scripts/lib/wrangler.mjs'

// The staff admin under axe-core (issue 13, point 11): no critical or serious violation on the
// screens staff spend their day in — the topic grid, a topic's page, the dashboard, the forms list
// and the form editor — signed in as the staff of 慧华苑, in Chinese, at 1440×900. With the same
// page (point 12): the topic grid fills the window's height on a laptop's screen too, and 批量打印
// prints one A4 page per QR poster of the neighborhood.

/** Besides every serious and critical violation: a screen without a heading (moderate to axe). */
const ALSO = new Set(['page-has-heading-one'])

/** axe-core on what the page shows now; the serious and critical violations, described. */
const axeProblems = async (page: Page) => {
  await page.evaluate(axe.source)
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  )
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO.has(v.id))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 4)
          .map((n) => `${n.html.slice(0, 160)} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
          .join('; ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : ''}`,
    )
}

let browser: Browser
let page: Page
let ids: { topic: number; form: number; posters: number }

beforeAll(async () => {
  const [topic, form, posters] = await querySql(
    `SELECT id FROM topics WHERE neighborhood_id = 1 AND status = 'accepted' ORDER BY id LIMIT 1;
     SELECT id FROM forms WHERE neighborhood_id = 1 ORDER BY id LIMIT 1;
     SELECT count(*) AS n FROM channels
       WHERE neighborhood_id = 1 AND active = 1 AND kind IN ('qr', 'box')`,
    { persistTo: inject('persistTo') },
  )
  ids = {
    topic: (topic.results[0] as { id: number }).id,
    form: (form.results[0] as { id: number }).id,
    posters: (posters.results[0] as { n: number }).n,
  }
  browser = await launchBrowser()
  page = await newDesktopPage(browser)
  await signInAdmin(page, 'staff', '/admin/#/topics')
})
afterAll(async () => {
  await browser?.close()
})

/** Opens an admin screen and waits until `ready` is visible (its content, not a spinner). */
const open = async (hash: string, ready: string) => {
  await page.goto(`/admin/${hash}`)
  await page.locator(ready).first().waitFor()
  // the menu renders just after the screen (useSecondary)
  await page.locator('.RaMenu-open, .RaMenu-closed').first().waitFor()
}

describe('the admin under axe-core (staff, zh-CN, 1440×900)', () => {
  it('the topic grid', async () => {
    await open('#/topics', '.MuiDataGrid-row')
    expect(await axeProblems(page)).toEqual([])
  })

  it("a topic's page", async () => {
    await open(`#/topics/${ids.topic}/show`, '#main-content button[data-move]')
    expect(await axeProblems(page)).toEqual([])
  })

  it('the dashboard', async () => {
    await open('#/', '#main-content .MuiChip-root')
    expect(await axeProblems(page)).toEqual([])
  })

  it('the forms list', async () => {
    await open('#/forms', '#main-content tbody tr')
    expect(await axeProblems(page)).toEqual([])
  })

  it('the form editor', async () => {
    await open(`#/forms/${ids.form}`, '#main-content form input[name="title"]')
    expect(await axeProblems(page)).toEqual([])
  })
})

describe('small screens and printing', () => {
  /** Where the grid ends, and whether the page scrolls. */
  const gridFit = () =>
    page.evaluate(() => ({
      bottom: document.querySelector('.MuiDataGrid-root')!.getBoundingClientRect().bottom,
      window: window.innerHeight,
      page: document.documentElement.scrollHeight,
    }))

  it('the topic grid fills the window down to its bottom, on a desktop and a laptop screen', async () => {
    await open('#/topics', '.MuiDataGrid-row')
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1366, height: 768 },
    ]) {
      await page.setViewportSize(size)
      await expect.poll(gridFit).toMatchObject({ window: size.height, page: size.height })
      const fit = await gridFit()
      expect(fit.bottom, JSON.stringify(fit)).toBeGreaterThan(size.height - 24)
      expect(fit.bottom, JSON.stringify(fit)).toBeLessThanOrEqual(size.height)
    }
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it("批量打印 prints every QR poster of the neighborhood, one A4 page each, with the committee's phone", async () => {
    expect(ids.posters).toBeGreaterThan(1)
    const print = await page.context().newPage()
    await print.goto('/staff/posters/1')
    expect(await print.locator('section.poster').count()).toBe(ids.posters)
    await expect
      .poll(() => print.locator('section.poster .contact').allInnerTexts())
      .toEqual(
        Array(ids.posters).fill(expect.stringMatching(/^不方便扫码？请打电话给慧华苑居委会：\S/)),
      )
    const pdf = (await print.pdf({ format: 'A4' })).toString('latin1')
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(ids.posters)
    await print.close()
  })
})
