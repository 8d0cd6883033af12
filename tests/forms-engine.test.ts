import { describe, expect, it } from 'vitest'
import {
  fieldsSchema,
  formStats,
  inputAttrs,
  mergeVersions,
  validateAnswers,
  type Answers,
  type Field,
} from '../worker/domain/forms'
import { PHONE_INPUT_PATTERN } from '../worker/domain/forms/validator'
import { availability } from '../worker/domain/forms/state'

// The forms engine without HTTP: definitions, the compiled validator, HTML attributes, stats.

const def = (fields: unknown[]): Field[] => fieldsSchema.parse(fields)
const one = (field: Record<string, unknown>) => def([{ key: 'a', label: '问题', ...field }])
const ok = (fields: Field[], input: Record<string, unknown>) => {
  const r = validateAnswers(fields, input)
  expect(r.ok, JSON.stringify(r)).toBe(true)
  return r.ok ? r.answers : {}
}
const bad = (fields: Field[], input: Record<string, unknown>, lang: 'zh' | 'en' = 'zh') => {
  const r = validateAnswers(fields, input, { lang })
  expect(r.ok, JSON.stringify(r)).toBe(false)
  return r.ok ? {} : r.errors
}

describe('fieldsSchema', () => {
  it('assigns keys q1, q2 … to new fields without reusing existing ones', () => {
    const fields = def([
      { label: 'A', type: 'text' },
      { key: 'q1', label: 'B', type: 'text' },
      { label: 'C', type: 'phone' },
    ])
    expect(fields.map((f) => f.key)).toEqual(['q2', 'q1', 'q3'])
  })

  it('refuses duplicate keys, unknown types and conditions on later or non-choice fields', () => {
    const r = fieldsSchema.safeParse([
      { key: 'a', label: 'A', type: 'text', condition: { field: 'b', value: '是' } },
      { key: 'b', label: 'B', type: 'single', options: ['是', '否'] },
      { key: 'b', label: 'B2', type: 'text' },
      { key: 'c', label: 'C', type: 'text', condition: { field: 'b', value: '也许' } },
      { key: 'd', label: 'D', type: 'colour' },
    ])
    expect(r.success).toBe(false)
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`)
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^4\.type:题型无效/)]))
    const again = fieldsSchema.safeParse([
      { key: 'a', label: 'A', type: 'text', condition: { field: 'b', value: '是' } },
      { key: 'b', label: 'B', type: 'single', options: ['是', '否'] },
      { key: 'b', label: 'B2', type: 'text' },
      { key: 'c', label: 'C', type: 'text', condition: { field: 'b', value: '也许' } },
      { key: 'e', label: 'E', type: 'text', condition: { field: 'c', value: 'x' } },
    ])
    const paths = Object.fromEntries(again.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(paths['0.condition.field']).toBe('条件只能引用前面的问题')
    expect(paths['2.key']).toBe('标识 b 重复')
    expect(paths['3.condition.value']).toBe('条件的值应是该题的一个选项')
    expect(paths['4.condition.field']).toBe('条件只能引用单选或多选题')
  })

  it('refuses min above max, duplicate options and required hidden fields', () => {
    const item = fieldsSchema.safeParse([
      { key: 's', label: 'S', type: 'single', options: ['x', 'x'] },
    ])
    expect(item.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['0.options', '选项不能重复'],
    ])
    const r = fieldsSchema.safeParse([
      { key: 'n', label: 'N', type: 'number', min: 10, max: 1 },
      { key: 'h', label: 'H', type: 'hidden', required: true },
      { key: 'm', label: 'M', type: 'multiple', options: ['x', 'y'], minPicks: 3 },
    ])
    const paths = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(paths['0.max']).toBe('最大值不能小于最小值')
    expect(paths['1.required']).toBe('隐藏字段不能必填')
    expect(paths['2.minPicks']).toBe('最少选几项不能多于选项数')
  })

  it('treats nulls from the admin as unset and sets the condition op from the target type', () => {
    const [, b] = def([
      {
        key: 'a',
        label: 'A',
        type: 'multiple',
        options: ['早餐', '充电'],
        minPicks: null,
        maxPicks: null,
      },
      {
        key: 'b',
        label: 'B',
        type: 'text',
        help: null,
        maxLength: null,
        condition: { field: 'a', op: 'equals', value: '充电' },
      },
    ])
    expect(b).toEqual({
      key: 'b',
      label: 'B',
      type: 'text',
      required: false,
      condition: { field: 'a', op: 'includes', value: '充电' },
    })
  })
})

describe('validateAnswers: each field type', () => {
  it('text: trims, enforces max length and required', () => {
    const f = one({ type: 'text', required: true, maxLength: 5 })
    expect(ok(f, { a: '  你好  ' })).toEqual({ a: '你好' })
    expect(bad(f, { a: '123456' }).a).toBe('最多 5 个字')
    expect(bad(f, { a: '   ' }).a).toBe('请填写此项')
    expect(bad(f, {}).a).toBe('请填写此项')
    expect(bad(f, { a: ['x', 'y'] }).a).toBeTruthy()
  })

  it('longtext: keeps line breaks, default limit 2000', () => {
    const f = one({ type: 'longtext' })
    expect(ok(f, { a: '第一行\n第二行' })).toEqual({ a: '第一行\n第二行' })
    expect(ok(f, {})).toEqual({})
    expect(bad(f, { a: 'x'.repeat(2001) }).a).toBe('最多 2000 个字')
  })

  it('number: converts text and full-width digits, checks integer, min and max', () => {
    const f = one({ type: 'number', required: true, min: 0, max: 120, integer: true })
    expect(ok(f, { a: '35' })).toEqual({ a: 35 })
    expect(ok(f, { a: '３５' })).toEqual({ a: 35 })
    expect(ok(f, { a: 0 })).toEqual({ a: 0 })
    expect(bad(f, { a: '3.5' }).a).toBe('请输入整数')
    expect(bad(f, { a: '-1' }).a).toBe('不能小于 0')
    expect(bad(f, { a: '121' }).a).toBe('不能大于 120')
    expect(bad(f, { a: '三十' }).a).toBe('请输入数字')
    expect(bad(f, { a: '' }).a).toBe('请填写此项')
    expect(ok(one({ type: 'number' }), { a: '2.75' })).toEqual({ a: 2.75 })
  })

  it('phone: accepts +86, spaces and dashes, stores 11 digits; refuses others', () => {
    const f = one({ type: 'phone', required: true })
    expect(ok(f, { a: '+86 138-1234-5678' })).toEqual({ a: '13812345678' })
    expect(ok(f, { a: '15912345678' })).toEqual({ a: '15912345678' })
    for (const wrong of ['1381234567', '12812345678', '021-12345678', '138123456789', 'abc'])
      expect(bad(f, { a: wrong }).a).toBe('请输入 11 位手机号，例如 13812345678')
    expect(bad(f, {}).a).toBe('请填写此项')
  })

  it('single choice: one of the options', () => {
    const f = one({ type: 'single', required: true, options: ['是', '否'] })
    expect(ok(f, { a: '否' })).toEqual({ a: '否' })
    expect(bad(f, { a: '也许' }).a).toBe('请从给出的选项中选择')
    expect(bad(f, {}).a).toBe('请选择一项')
    expect(bad(f, { a: ['是', '否'] }).a).toBeTruthy()
  })

  it('multiple choice: options only, min and max picks, kept in option order', () => {
    const f = one({
      type: 'multiple',
      required: true,
      options: ['早餐', '充电', '休息', '饮水'],
      minPicks: 2,
      maxPicks: 3,
    })
    expect(ok(f, { a: ['饮水', '早餐'] })).toEqual({ a: ['早餐', '饮水'] })
    expect(ok(f, { a: ['充电', '充电', '休息'] })).toEqual({ a: ['充电', '休息'] })
    expect(bad(f, { a: '早餐' }).a).toBe('至少选 2 项')
    expect(bad(f, { a: ['早餐', '充电', '休息', '饮水'] }).a).toBe('最多选 3 项')
    expect(bad(f, { a: ['早餐', '洗澡'] }).a).toBe('请从给出的选项中选择')
    expect(bad(f, {}).a).toBe('至少选 2 项')
    expect(ok(one({ type: 'multiple', options: ['x'] }), { a: [] })).toEqual({})
  })

  it('date: a real calendar date within the range', () => {
    const f = one({ type: 'date', required: true, min: '2026-01-01', max: '2026-12-31' })
    expect(ok(f, { a: '2026-05-01' })).toEqual({ a: '2026-05-01' })
    expect(bad(f, { a: '2026-02-30' }).a).toBe('请输入有效日期，例如 2026-05-01')
    expect(bad(f, { a: '5月1日' }).a).toBe('请输入有效日期，例如 2026-05-01')
    expect(bad(f, { a: '2025-12-31' }).a).toBe('不能早于 2026-01-01')
    expect(bad(f, { a: '2027-01-01' }).a).toBe('不能晚于 2026-12-31')
  })

  it('building/room: both parts when required, each at most 20 characters', () => {
    const f = one({ type: 'building', required: true })
    expect(ok(f, { a: { building: '12', room: '301' } })).toEqual({
      a: { building: '12', room: '301' },
    })
    expect(bad(f, { a: { building: '12' } }).a).toBe('请填写室号')
    expect(bad(f, { a: { room: '301' } }).a).toBe('请填写楼号')
    expect(bad(f, {}).a).toBe('请填写楼号')
    expect(bad(f, { a: { building: 'x'.repeat(21), room: '1' } }).a).toBe('最多 20 个字')
    expect(ok(one({ type: 'building' }), { a: { building: '7' } })).toEqual({
      a: { building: '7' },
    })
  })

  it('rating: a whole number from 1 to the scale', () => {
    const f = one({ type: 'rating', required: true, scale: 5 })
    expect(ok(f, { a: '4' })).toEqual({ a: 4 })
    for (const wrong of ['0', '6', '3.5', 'good'])
      expect(bad(f, { a: wrong }).a).toBe('请选择 1 到 5 分')
    expect(bad(f, {}).a).toBe('请选择一项')
  })

  it('consent: a required consent must be ticked', () => {
    const f = one({ type: 'consent', required: true })
    expect(ok(f, { a: '1' })).toEqual({ a: true })
    expect(ok(f, { a: true })).toEqual({ a: true })
    expect(bad(f, {}).a).toBe('请勾选同意后再提交')
    expect(bad(f, { a: 'maybe' }).a).toBe('请勾选同意后再提交')
    expect(ok(one({ type: 'consent' }), {})).toEqual({ a: false })
  })

  it('hidden: kept as text, cut to 200 characters, never an error', () => {
    const f = one({ type: 'hidden' })
    expect(ok(f, { a: 'poster' })).toEqual({ a: 'poster' })
    expect(ok(f, { a: 'x'.repeat(300) })).toEqual({ a: 'x'.repeat(200) })
    expect(ok(f, { a: { x: 1 } })).toEqual({})
  })

  it('drops keys the definition does not declare', () => {
    expect(ok(one({ type: 'text' }), { a: 'x', evil: '<script>' })).toEqual({ a: 'x' })
  })

  it('speaks English when asked', () => {
    expect(bad(one({ type: 'phone', required: true }), { a: '123' }, 'en').a).toBe(
      'Please enter an 11-digit mobile number, e.g. 13812345678',
    )
  })
})

describe('validateAnswers: conditions', () => {
  const fields = def([
    { key: 'ride', label: '您是骑手吗', type: 'single', required: true, options: ['是', '否'] },
    {
      key: 'hours',
      label: '每天骑行几小时',
      type: 'number',
      required: true,
      condition: { field: 'ride', value: '是' },
    },
    {
      key: 'needs',
      label: '需要什么',
      type: 'multiple',
      options: ['充电', '饮水'],
      condition: { field: 'ride', value: '是' },
    },
    {
      key: 'plug',
      label: '几个插座',
      type: 'number',
      required: true,
      condition: { field: 'needs', value: '充电' },
    },
  ])

  it('requires a conditional field only when its condition holds', () => {
    expect(bad(fields, { ride: '是' }).hours).toBe('请填写此项')
    expect(ok(fields, { ride: '否' })).toEqual({ ride: '否' })
  })

  it('drops the answers of hidden fields, also down a chain of conditions', () => {
    expect(ok(fields, { ride: '否', hours: '9', needs: ['充电'], plug: 'x' })).toEqual({
      ride: '否',
    })
    expect(ok(fields, { ride: '是', hours: '9', needs: ['饮水'], plug: 'x' })).toEqual({
      ride: '是',
      hours: 9,
      needs: ['饮水'],
    })
    expect(bad(fields, { ride: '是', hours: '9', needs: ['充电'] }).plug).toBe('请填写此项')
  })
})

describe('inputAttrs', () => {
  it('mirrors the validator: required, min, max, maxlength, pattern, type', () => {
    const [text, num, phone, date, , cond] = def([
      { key: 't', label: 'T', type: 'text', required: true, maxLength: 30 },
      { key: 'n', label: 'N', type: 'number', min: 1, max: 9, integer: true },
      { key: 'p', label: 'P', type: 'phone', required: true },
      { key: 'd', label: 'D', type: 'date', min: '2026-01-01' },
      { key: 'x', label: 'X', type: 'single', options: ['y'] },
      { key: 'c', label: 'C', type: 'text', required: true, condition: { field: 'x', value: 'y' } },
    ])
    expect(inputAttrs(text)).toMatchObject({ type: 'text', required: true, maxlength: 30 })
    expect(inputAttrs(num)).toMatchObject({ type: 'number', min: '1', max: '9', step: '1' })
    expect(inputAttrs(num).required).toBeUndefined()
    expect(inputAttrs(phone)).toMatchObject({
      type: 'tel',
      required: true,
      pattern: PHONE_INPUT_PATTERN,
    })
    expect(inputAttrs(date)).toMatchObject({ type: 'date', min: '2026-01-01' })
    // A conditional field is not required in HTML: without JavaScript it shows when it does not apply.
    expect(inputAttrs(cond).required).toBeUndefined()
  })

  it('the phone pattern (as browsers compile it) accepts exactly what the server accepts', () => {
    const browser = new RegExp(`^(?:${PHONE_INPUT_PATTERN})$`, 'v')
    const field = one({ type: 'phone', required: true })
    for (const s of [
      '13812345678',
      '+86 13812345678',
      '86-138-1234-5678',
      ' 139 1234 5678 ',
      '+8613812345678',
      '1381234567',
      '12812345678',
      '+1 3812345678',
      '138123456789',
      '00861381234567',
    ])
      expect(browser.test(s), s).toBe(validateAnswers(field, { a: s }).ok)
  })

  it('maxlength and min/max bounds agree with the validator at the edges', () => {
    const [t, n] = def([
      { key: 't', label: 'T', type: 'text', maxLength: 8 },
      { key: 'n', label: 'N', type: 'number', min: -5, max: 5 },
    ])
    const max = inputAttrs(t).maxlength!
    expect(validateAnswers([t], { t: 'x'.repeat(max) }).ok).toBe(true)
    expect(validateAnswers([t], { t: 'x'.repeat(max + 1) }).ok).toBe(false)
    const { min, max: hi } = inputAttrs(n)
    expect(validateAnswers([n], { n: min }).ok).toBe(true)
    expect(validateAnswers([n], { n: hi }).ok).toBe(true)
    expect(validateAnswers([n], { n: String(Number(min) - 0.01) }).ok).toBe(false)
    expect(validateAnswers([n], { n: String(Number(hi) + 0.01) }).ok).toBe(false)
  })
})

describe('mergeVersions', () => {
  it('keeps the newest definition of each key, then fields only older versions had', () => {
    const v1 = def([
      { key: 'a', label: '旧 A', type: 'text' },
      { key: 'gone', label: '已删', type: 'text' },
    ])
    const v2 = def([
      { key: 'b', label: 'B', type: 'text' },
      { key: 'a', label: '新 A', type: 'text' },
    ])
    expect(mergeVersions([v1, v2]).map((f) => `${f.key}:${f.label}`)).toEqual([
      'b:B',
      'a:新 A',
      'gone:已删',
    ])
  })
})

describe('formStats', () => {
  const fields = def([
    { key: 'ride', label: '骑手', type: 'single', options: ['是', '否'] },
    { key: 'needs', label: '需要', type: 'multiple', options: ['充电', '饮水', '休息'] },
    { key: 'score', label: '满意度', type: 'rating', scale: 5 },
    { key: 'age', label: '年龄', type: 'number' },
    { key: 'note', label: '建议', type: 'text' },
    { key: 'ok', label: '同意', type: 'consent' },
  ])
  const responses: { answers: Answers }[] = [
    { answers: { ride: '是', needs: ['充电', '饮水'], score: 5, age: 20, note: '最新', ok: true } },
    { answers: { ride: '是', needs: ['充电'], score: 4, age: 30, ok: true } },
    { answers: { ride: '否', score: 4, age: 40, ok: false } },
    { answers: { ride: '是', needs: ['休息'], score: 1, age: 50, note: '较早' } },
  ]
  const stats = formStats(fields, responses)
  const q = (key: string) => stats.questions.find((x) => x.key === key)!

  it('counts choices with shares of those who answered', () => {
    expect(stats.total).toBe(4)
    expect(q('ride').options).toEqual([
      { label: '是', count: 3, share: 0.75 },
      { label: '否', count: 1, share: 0.25 },
    ])
    expect(q('needs').answered).toBe(3)
    expect(q('needs').options).toEqual([
      { label: '充电', count: 2, share: 0.6667 },
      { label: '饮水', count: 1, share: 0.3333 },
      { label: '休息', count: 1, share: 0.3333 },
    ])
    expect(q('ok').options).toEqual([
      { label: '同意', count: 2, share: 0.6667 },
      { label: '未同意', count: 1, share: 0.3333 },
    ])
  })

  it('gives mean, median and the distribution of ratings and numbers', () => {
    expect(q('score')).toMatchObject({ answered: 4, mean: 3.5, median: 4, min: 1, max: 5 })
    expect(q('score').distribution!.map((b) => b.count)).toEqual([1, 0, 0, 2, 1])
    expect(q('age')).toMatchObject({ mean: 35, median: 35, min: 20, max: 50 })
    expect(q('age').distribution!.map((b) => [b.label, b.count])).toEqual([
      ['20', 1],
      ['30', 1],
      ['40', 1],
      ['50', 1],
    ])
  })

  it('buckets many distinct numbers into at most ten ranges that cover every value', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ answers: { age: i + 1 } }))
    const age = formStats(fields, many).questions.find((x) => x.key === 'age')!
    expect(age.distribution!.length).toBe(10)
    expect(age.distribution![0]).toEqual({ label: '1–10', count: 10, share: 0.1 })
    expect(age.distribution!.reduce((s, b) => s + b.count, 0)).toBe(100)
    expect(age.mean).toBe(50.5)
  })

  it('lists the latest text answers', () => {
    expect(q('note').samples).toEqual(['最新', '较早'])
  })
})

describe('availability', () => {
  const base = { status: 'open' as const, opensAt: null, closesAt: null, maxResponses: null }
  it('is draft, not_open, closed, full or open', () => {
    const now = 1_000_000
    expect(availability({ ...base, status: 'draft' }, 0, now)).toBe('draft')
    expect(availability({ ...base, opensAt: now + 1 }, 0, now)).toBe('not_open')
    expect(availability({ ...base, closesAt: now }, 0, now)).toBe('closed')
    expect(availability({ ...base, status: 'closed' }, 0, now)).toBe('closed')
    expect(availability({ ...base, maxResponses: 3 }, 3, now)).toBe('full')
    expect(
      availability({ ...base, maxResponses: 3, opensAt: now, closesAt: now + 1 }, 2, now),
    ).toBe('open')
  })
})

describe('sameFields', () => {
  it('ignores key order and spelled-out defaults, but not a real change', async () => {
    const { sameFields } = await import('../worker/domain/forms/definition')
    const stored = [{ type: 'text', label: 'A', key: 'a', required: false }] as unknown as Field[]
    expect(sameFields(def([{ key: 'a', label: 'A', type: 'text' }]), stored)).toBe(true)
    expect(sameFields(def([{ key: 'a', label: 'A', type: 'text', required: true }]), stored)).toBe(
      false,
    )
  })
})

describe('demo seed (scripts/seed/forms.mjs)', () => {
  it('has definitions in canonical form and answers the validator accepts unchanged', async () => {
    const { formsData } = await import('../scripts/seed/forms.mjs')
    const { versions, responses } = formsData(Date.now())
    const byVersion = new Map(versions.map((v) => [`${v.form_id}:${v.version}`, def(v.fields)]))
    expect(responses.length).toBeGreaterThanOrEqual(30)
    for (const r of responses) {
      const result = validateAnswers(byVersion.get(`${r.form_id}:${r.version}`)!, r.answers)
      expect(result, `response ${r.id}`).toEqual({ ok: true, answers: r.answers })
    }
  })
})
