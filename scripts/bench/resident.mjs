import { gzipSync } from 'node:zlib'

// The resident pages' cases (issue 3): the needs form behind a QR point, filing a topic through
// it (urlencoded POST: idempotency key, rate limit, validation, similar-topic check, insert), the
// tracking page and the public board; and a report of every resident page's compressed size
// against the 14 KB budget of a one-round-trip page.

const BUDGET = 14 * 1024
const SLUG = 'huihuayuan'
// Random common characters keep bench titles apart, so filing is measured, not the similar step.
const POOL =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定'
// 32-bit arithmetic (Math.imul) and the high bits: an LCG over doubles loses its low bits past
// 2^53, and its texts repeated the same 1,700 bigrams, so one draft in six met the look-alike step.
const words = (i, n) => {
  let seed = (Math.imul(Math.abs(i) + 1, 2654435761) + 7) >>> 0
  let s = ''
  for (let k = 0; k < n; k++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    s += POOL[(seed >>> 8) % POOL.length]
  }
  return s
}

/**
 * One client address per request: the per-address limits are not what is measured. The probe
 * and warm-up requests all come as i = -1, so they get random ones (and random keys below).
 */
const address = (i) => {
  const n = i < 0 ? 65536 + Math.floor(Math.random() * 65536) : i
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`
}

const setup = async (ctx) => {
  if (ctx.state.resident) return
  const channel = ctx.demo.CHANNELS.find((c) => c.neighborhoodId === 1 && c.kind === 'qr')
  const [{ results }] = await ctx.query(
    `SELECT t.tracking_code AS code, p.status FROM topics t JOIN projects p ON p.id = t.project_id
     WHERE t.neighborhood_id = 1 ORDER BY p.status = 'done' DESC, t.id LIMIT 1`,
  )
  const [
    {
      results: [category],
    },
  ] = await ctx.query('SELECT id FROM categories WHERE active = 1 ORDER BY sort_order LIMIT 1')
  ctx.state.resident = {
    channel,
    tracked: results[0].code,
    categoryId: category.id,
    run: Date.now().toString(36),
  }
}

const needBody = (ctx, i, extra = {}) =>
  new URLSearchParams({
    key: `bench-${ctx.state.resident.run}-${i < 0 ? crypto.randomUUID() : i}`,
    title: `${words(i, 12)}${Math.abs(i)}`,
    details: words(i + 1, 60),
    categoryId: String(ctx.state.resident.categoryId),
    where: `${(Math.abs(i) % 30) + 1}号楼`,
    ...extra,
  }).toString()

const form = (ctx, i, body) => ({
  method: 'POST',
  path: `/q/${ctx.state.resident.channel.code}`,
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': address(i) },
  body,
})

export const cases = [
  {
    name: 'resident-form',
    title: 'GET /q/<code>: the needs form of a QR point (counts a scan)',
    order: 50,
    goal: 0.7,
    setup,
    request: (ctx) => ({ path: `/q/${ctx.state.resident.channel.code}` }),
    expect: 200,
  },
  {
    name: 'resident-submit',
    title:
      'POST /q/<code>: file a need (key, rate limit, validate, similar check, insert, receipt)',
    order: 51,
    goal: 0.5,
    setup,
    request: (ctx, i) => form(ctx, i, needBody(ctx, i)),
    // Filed: 303 to the receipt's own address (POST → redirect → GET); now and then a random
    // draft looks like one filed before and gets the similar step (200), as a resident would.
    expect: [303, 200],
  },
  {
    name: 'resident-track',
    title: 'GET /t/<code>: a topic with its project, checklist and updates',
    order: 52,
    goal: 0.6,
    setup,
    request: (ctx, i) => ({
      path: `/t/${ctx.state.resident.tracked}`,
      headers: { 'cf-connecting-ip': address(i) },
    }),
    expect: 200,
  },
  {
    name: 'resident-board',
    title: `GET /b/${SLUG}: the public board (projects, satisfaction, open topics)`,
    order: 53,
    goal: 0.5,
    request: () => ({ path: `/b/${SLUG}` }),
    expect: 200,
  },
]

export const reports = [
  {
    name: 'resident-page-sizes',
    title: 'Compressed size of each resident page (budget: 14 KB gzip, CSS included)',
    run: async (ctx) => {
      await setup(ctx)
      const { channel, tracked } = ctx.state.resident
      const get = (path) => ctx.fetch({ path })
      const post = (path, body) =>
        ctx.fetch({
          method: 'POST',
          path,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'cf-connecting-ip': address(-7),
          },
          body,
        })
      const [
        {
          results: [open],
        },
      ] = await ctx.query(
        `SELECT title, category_id AS categoryId FROM topics WHERE neighborhood_id = 1 AND status = 'accepted' AND category_id IS NOT NULL LIMIT 1`,
      )
      const pages = {
        'needs form': () => get(`/q/${channel.code}`),
        'needs form with errors': () =>
          post(`/q/${channel.code}`, needBody(ctx, 900001, { title: '', phone: '123' })),
        'similar step': () =>
          post(
            `/q/${channel.code}`,
            needBody(ctx, 900002, { title: open.title, categoryId: String(open.categoryId) }),
          ),
        receipt: () => post(`/q/${channel.code}`, needBody(ctx, 900003, { confirmed: '1' })),
        tracking: () => get(`/t/${tracked}`),
        evaluation: () => get(`/t/${tracked}/evaluate`),
        board: () => get(`/b/${SLUG}`),
        'web form': () => get(`/n/${SLUG}/new`),
        poster: () => get(`/q/${channel.code}/poster`),
        'not found': () => get('/t/ZZZ-ZZZ'),
      }
      const lines = []
      const data = {}
      for (const [name, load] of Object.entries(pages)) {
        const res = await load()
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
