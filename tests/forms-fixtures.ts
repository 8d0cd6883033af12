import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import { api } from './helpers'

// Shared by tests/forms-*.test.ts: a rider survey definition and small helpers to make forms and
// post answers the way a browser does (application/x-www-form-urlencoded).

export const RIDER_FIELDS = [
  {
    key: 'platform',
    label: '您在哪个平台跑单',
    type: 'single',
    required: true,
    options: ['美团', '饿了么', '其他'],
  },
  {
    key: 'hours',
    label: '每天跑单几小时',
    type: 'number',
    required: true,
    min: 1,
    max: 24,
    integer: true,
  },
  {
    key: 'needs',
    label: '驿站最需要什么',
    type: 'multiple',
    required: true,
    options: ['充电', '饮水', '休息', '热饭'],
    maxPicks: 2,
  },
  {
    key: 'charge_spots',
    label: '需要几个充电位',
    type: 'number',
    min: 0,
    max: 50,
    integer: true,
    condition: { field: 'needs', value: '充电' },
  },
  { key: 'opened', label: '希望何时开放', type: 'date' },
  { key: 'score', label: '对现有休息点的满意度', type: 'rating', scale: 5, required: true },
  { key: 'phone', label: '手机号', type: 'phone', required: true, help: '仅用于通知驿站开放' },
  { key: 'agree', label: '我同意居委会为驿站建设使用以上信息', type: 'consent', required: true },
  { key: 'src', label: '来源', type: 'hidden' },
]

let n = 0
/** A unique slug for this test file's run. */
export const slug = (prefix = 'f') => `${prefix}-${Date.now().toString(36)}-${++n}`

/** Creates a form through the API (default: the rider survey, open now) and returns its record. */
export const createForm = async (cookie: string, body: Record<string, unknown>) => {
  const r = await api('/api/forms', {
    cookie,
    body: {
      title: '小哥驿站需求调查',
      status: 'open',
      fields: RIDER_FIELDS,
      slug: slug(),
      ...body,
    },
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body as {
    id: number
    slug: string
    version: number
    fields: { key: string }[]
  } & Record<string, any>
}

/** Valid answers to the rider survey, as form fields; override or drop (undefined) any. */
export const riderAnswers = (over: Record<string, string | string[] | undefined> = {}) => ({
  platform: '美团',
  hours: '10',
  needs: ['充电', '休息'],
  charge_spots: '6',
  score: '4',
  phone: '13812345678',
  agree: '1',
  ...over,
})

let keySeq = 0
/** A fresh idempotency key. */
export const newKey = () => `test-key-${Date.now()}-${++keySeq}`

/** Posts answers to /s/<slug> like a browser form. */
export const submit = (
  formSlug: string,
  answers: Record<string, string | string[] | undefined>,
  opts: { key?: string; headers?: Record<string, string>; extra?: Record<string, string> } = {},
) => {
  const body = new URLSearchParams()
  body.set('_key', opts.key ?? newKey())
  for (const [k, v] of Object.entries({ ...answers, ...opts.extra }))
    if (v !== undefined) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
  return api(`/s/${formSlug}`, {
    method: 'POST',
    body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
  })
}

/** Posts the answers and expects the redirect to the receipt; returns the receipt code. */
export const submitOk = async (
  formSlug: string,
  answers: Record<string, string | string[] | undefined>,
  opts = {},
) => {
  const r = await submit(formSlug, answers, opts)
  expect(r.status, r.text.slice(0, 2000)).toBe(303)
  const location = r.res.headers.get('location')!
  expect(location).toMatch(new RegExp(`^/s/${formSlug}/r/[2-9A-Z]{4}-[2-9A-Z]{4}`))
  return location.split('/r/')[1].split('?')[0]
}

/** How many responses a form has in the database. */
export const responseCount = async (formId: number) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM form_responses WHERE form_id = ?')
    .bind(formId)
    .first<{ n: number }>())!.n
