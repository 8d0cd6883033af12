import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld } from './helpers'
import {
  adoptedProject,
  category,
  createPartner,
  ok,
  tasksOf,
  volunteer,
  type World,
} from './partners-fixtures'

// The public 需求清单 /h/<town>: no JavaScript, within the 14 KB budget however long the list,
// only what still looks for help, filters and pages as plain links and a GET form.

const LIMIT = 14 * 1024
const gzipSize = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}

let w: World
let slugs: string[]
let elderly: number
let parking: number
const title = (i: number) => `第${i}号楼适老化改造与楼道扶手加装及照明提升工程`

beforeAll(async () => {
  w = await createWorld()
  slugs = []
  for (const id of w.neighborhoodIds)
    slugs.push(
      (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
        .bind(id)
        .first<{ slug: string }>())!.slug,
    )
  elderly = await category('养老-清单')
  parking = await category('停车-清单')
  // 25 projects with long titles and six tasks each: more than one page.
  for (let i = 1; i <= 25; i++) {
    const p = await adoptedProject(w, {
      title: title(i),
      categoryId: i % 5 === 0 ? parking : elderly,
      neighborhoodId: w.neighborhoodIds[i % 2],
      checklist: ['入户征询意见并登记需求', '方案设计与公示', '材料采购', '施工', '验收', '回访'],
    })
    ok(
      await api('/api/project-needs', {
        cookie: w.cookies.town,
        body: {
          projectId: p.id,
          kinds: ['service', 'volunteers', 'funds'],
          note: '需要熟悉适老化改造的专业团队和十名周末志愿者协助入户',
        },
      }),
      201,
    )
  }
})

const page = (query = '') => api(`/h/${w.townId}${query}`)

describe('GET /h/<town>', () => {
  it('is a page without scripts, within 14 KB gzipped, paged', async () => {
    const r = await page()
    expect(r.status).toBe(200)
    expect(r.res.headers.get('content-type')).toContain('text/html')
    expect(r.res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(r.text).not.toMatch(/<script/i)
    expect(await gzipSize(r.text)).toBeLessThanOrEqual(LIMIT)
    expect(r.text).toContain('共建需求清单')
    expect(r.text).toContain('下一页')
    expect((r.text.match(/<h3>/g) ?? []).length).toBe(20)
    const next = await page('?p=2')
    expect((next.text.match(/<h3>/g) ?? []).length).toBeGreaterThanOrEqual(5)
    expect(next.text).toContain('上一页')
    expect(await gzipSize(next.text)).toBeLessThanOrEqual(LIMIT)
  })

  it('shows neighborhoods, what is needed and the open tasks', async () => {
    const r = await page()
    expect(r.text).toContain('需要</strong>：专业服务、志愿者、资金')
    expect(r.text).toContain('待认领的任务')
    expect(r.text).toContain('入户征询意见并登记需求')
    expect(r.text).toContain('还有 1 项任务')
    expect(r.text).toMatch(/<h2 id="n-[^"]+">测试居民区/)
  })

  it('filters by neighborhood and category with a plain GET form', async () => {
    const r = await page(`?n=${slugs[1]}&c=${parking}`)
    expect(r.status).toBe(200)
    expect(r.text).toContain(`<option value="${slugs[1]}" selected="">`)
    const titles = [...r.text.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])
    expect(titles.length).toBeGreaterThan(0)
    // Projects 5, 15, 25 are in the second neighborhood (odd) and about parking.
    expect(titles.sort()).toEqual([title(15), title(25), title(5)].sort())
    expect(r.text).toContain('<form method="get"')
  })

  it('lists only what still looks for help, and names a 达人 masked', async () => {
    const done = await adoptedProject(w, { title: '已完成的项目清单测试', status: 'done' })
    const hidden = await adoptedProject(w, { title: '居委会撤下的项目', checklist: [] })
    ok(
      await api('/api/project-needs', {
        cookie: w.cookies.staff,
        body: { projectId: hidden.id, open: false },
      }),
      201,
    )
    const taken = await adoptedProject(w, { title: '全部认领的项目', checklist: ['唯一任务'] })
    const [onlyTask] = await tasksOf(taken.id)
    const partner = await createPartner(w, { name: '清单测试单位' })
    for (const target of [null, onlyTask.id]) {
      const claim = ok(
        await api('/api/claims', {
          cookie: w.cookies.staff,
          body: { projectId: taken.id, checklistItemId: target, partnerId: partner.id },
        }),
        201,
      ).body
      ok(await api(`/api/claims/${claim.id}/accept`, { cookie: w.cookies.staff, body: {} }))
    }
    const led = await adoptedProject(w, { title: '达人主理的项目', checklist: ['还要人手'] })
    const talent = await volunteer(w.neighborhoodIds[0], { name: '顾老师' })
    const claim = ok(
      await api('/api/claims', {
        cookie: w.cookies.staff,
        body: { projectId: led.id, volunteerId: talent },
      }),
      201,
    ).body
    ok(await api(`/api/claims/${claim.id}/accept`, { cookie: w.cookies.staff, body: {} }))

    const all = [(await page()).text, (await page('?p=2')).text].join('')
    expect(all).not.toContain(done.title)
    expect(all).not.toContain(hidden.title)
    expect(all).not.toContain(taken.title)
    expect(all).toContain('达人主理的项目')
    expect(all).toContain('主理人：达人 顾**')
    expect(all).not.toContain('顾老师')
  })

  it('speaks English on request and answers 404 for an unknown town', async () => {
    const en = await page('?lang=en')
    expect(en.text).toContain('projects looking for partners')
    expect(en.text).toContain('name="lang" value="en"')
    const missing = await api('/h/999999')
    expect(missing.status).toBe(404)
    expect(missing.text).toContain('没有找到这个镇的需求清单')
    expect((await api('/h/abc')).status).toBe(404)
  })
})
