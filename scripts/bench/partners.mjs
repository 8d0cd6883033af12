import { gzipSync } from 'node:zlib'

// The public 需求清单 (issue 14): `GET /h/<town>`, the town's adopted projects and open tasks
// still looking for help, by neighborhood, with what they need (one D1 batch: the town, its
// neighborhoods, the categories and the page of projects with their tasks and accepted hands);
// and a report of its compressed size against the 14 KB budget, unfiltered and filtered.

const BUDGET = 14 * 1024

export const cases = [
  {
    name: 'needs-list',
    title: 'GET /h/<town>: the public 需求清单 (projects and tasks looking for help)',
    order: 54,
    goal: 0.6,
    request: (ctx) => ({ path: `/h/${ctx.demo.TOWN.id}` }),
    expect: 200,
  },
]

export const reports = [
  {
    name: 'needs-list-size',
    title: 'Compressed size of the public 需求清单 (budget: 14 KB gzip, CSS included)',
    run: async (ctx) => {
      const town = ctx.demo.TOWN.id
      const pages = {
        'needs list': `/h/${town}`,
        'needs list, page 2': `/h/${town}?p=2`,
        'one neighborhood': `/h/${town}?n=${ctx.demo.NEIGHBORHOODS[0].slug}`,
        'in English': `/h/${town}?lang=en`,
      }
      const lines = []
      const data = {}
      for (const [name, path] of Object.entries(pages)) {
        const res = await ctx.fetch({ path })
        const html = Buffer.from(await res.arrayBuffer())
        const gzip = gzipSync(html, { level: 6 }).length
        data[name] = {
          status: res.status,
          bytes: html.length,
          gzipBytes: gzip,
          withinBudget: gzip <= BUDGET,
        }
        lines.push(
          `${name.padEnd(24)} ${String(res.status).padStart(3)}  ${String(html.length).padStart(6)} B  ${String(gzip).padStart(5)} B gzip  ${gzip <= BUDGET ? 'ok' : 'OVER 14 KB'}`,
        )
      }
      const over = Object.entries(data).filter(([, d]) => !d.withinBudget)
      if (over.length)
        throw new Error(
          `over the 14 KB budget: ${over.map(([n, d]) => `${n} ${d.gzipBytes} B`).join(', ')}`,
        )
      return { lines, data: { budgetBytes: BUDGET, pages: data } }
    },
  },
]
