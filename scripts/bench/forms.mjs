import { gzipSync } from 'node:zlib'

// The forms issue's cases: the public form page, a response submission (urlencoded POST with a
// fresh idempotency key, validated, stored, 303 to the receipt), and a report of the page size
// of a 20-field form (the 14 KB budget of a one-round-trip resident page).

const TYPES = [
  'text',
  'longtext',
  'number',
  'phone',
  'single',
  'multiple',
  'date',
  'building',
  'rating',
  'consent',
]
const CHOICES = ['非常需要', '比较需要', '一般', '不太需要', '完全不需要']

const twentyFields = () =>
  Array.from({ length: 20 }, (_, i) => {
    const type = TYPES[i % TYPES.length]
    return {
      key: `f${i}`,
      label: `第 ${i + 1} 题：您对小区驿站在这一方面的看法如何？`,
      type,
      required: i % 2 === 0,
      help: '请根据实际情况填写，谢谢您的配合',
      ...(type === 'single' || type === 'multiple' ? { options: CHOICES } : {}),
      ...(i === 15 ? { condition: { field: 'f4', value: '一般' } } : {}),
    }
  })

const BENCH_FIELDS = [
  {
    key: 'platform',
    label: '平台',
    type: 'single',
    required: true,
    options: ['美团', '饿了么', '其他'],
  },
  {
    key: 'hours',
    label: '每天几小时',
    type: 'number',
    required: true,
    min: 1,
    max: 24,
    integer: true,
  },
  {
    key: 'needs',
    label: '需要什么',
    type: 'multiple',
    required: true,
    options: ['充电', '饮水', '休息'],
    maxPicks: 2,
  },
  { key: 'score', label: '满意度', type: 'rating', required: true, scale: 5 },
  { key: 'phone', label: '手机号', type: 'phone', required: true },
  { key: 'agree', label: '同意', type: 'consent', required: true },
]

const createForm = async (ctx, body) => {
  const res = await ctx.fetch({
    method: 'POST',
    path: '/api/forms',
    cookie: ctx.cookies.staff,
    body,
  })
  if (res.status !== 201)
    throw new Error(`bench forms: create failed ${res.status} ${await res.text()}`)
  return res.json()
}

const setup = async (ctx) => {
  if (ctx.state.forms) return
  const stamp = Date.now().toString(36)
  const big = await createForm(ctx, {
    title: '基准测试：20 题问卷',
    description: '为了建好骑手驿站，请您花两分钟填写。',
    neighborhoodId: 1,
    status: 'open',
    slug: `bench-20-${stamp}`,
    fields: twentyFields(),
  })
  const survey = await createForm(ctx, {
    title: '基准测试：提交',
    neighborhoodId: 1,
    status: 'open',
    slug: `bench-submit-${stamp}`,
    fields: BENCH_FIELDS,
  })
  ctx.state.forms = { big, survey, run: stamp }
}

const answerBody = (ctx, i) => {
  const body = new URLSearchParams({
    _key: `bench-${ctx.state.forms.run}-${i < 0 ? 'probe' : i}`,
    platform: ['美团', '饿了么', '其他'][Math.abs(i) % 3],
    hours: String((Math.abs(i) % 12) + 1),
    score: String((Math.abs(i) % 5) + 1),
    phone: `139${String(Math.abs(i) % 100_000_000).padStart(8, '0')}`,
    agree: '1',
  })
  body.append('needs', '充电')
  body.append('needs', '休息')
  return body.toString()
}

export const cases = [
  {
    name: 'form-page',
    title: 'GET /s/<slug>: a 20-field public form (server-rendered, no JS framework)',
    order: 60,
    goal: 0.7,
    setup,
    request: (ctx) => ({ path: `/s/${ctx.state.forms.big.slug}` }),
    expect: 200,
  },
  {
    name: 'form-submit',
    title: 'POST /s/<slug>: a 6-question response (validate, idempotency key, insert, 303)',
    order: 61,
    goal: 0.4,
    setup,
    request: (ctx, i) => {
      // One address per request (a counter: `i` restarts each round and is negative in warm-up):
      // the per-address rate limit is not what is measured here.
      ctx.state.formAddresses = (ctx.state.formAddresses ?? 0) + 1
      const n = ctx.state.formAddresses
      return {
        method: 'POST',
        path: `/s/${ctx.state.forms.survey.slug}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: answerBody(ctx, i),
      }
    },
    expect: 303,
  },
]

export const reports = [
  {
    name: 'form-page-size',
    title: 'Size of the 20-field public form page (budget: 14 KB compressed)',
    run: async (ctx) => {
      await setup(ctx)
      const res = await ctx.fetch({ path: `/s/${ctx.state.forms.big.slug}` })
      const html = Buffer.from(await res.arrayBuffer())
      const gzip = gzipSync(html, { level: 6 }).length
      const data = {
        status: res.status,
        bytes: html.length,
        gzipBytes: gzip,
        budgetBytes: 14 * 1024,
        withinBudget: gzip <= 14 * 1024,
      }
      if (res.status !== 200) throw new Error(`form page answered ${res.status}`)
      return {
        lines: [
          `20-field form: ${html.length} bytes, ${gzip} bytes gzip (budget 14336) → ${data.withinBudget ? 'within' : 'OVER'} budget`,
        ],
        data,
      }
    },
  },
]
