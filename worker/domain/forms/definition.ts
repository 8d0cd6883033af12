import { z } from 'zod'

// The field definitions staff build in the admin. A definition is plain JSON (stored in
// form_versions.fields, or by other domains for their extra questions) and is the one source of
// the response validator (validator.ts), the HTML attributes (html.ts) and the statistics.

/** Field keys: the stable name of a question across versions (and its export column). */
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/

/** Public form addresses: /s/<slug>. */
export const FORM_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/

export const TEXT_MAX = 200
export const LONGTEXT_MAX = 2000
export const HIDDEN_MAX = 200
export const BUILDING_PART_MAX = 20
export const MAX_FIELDS = 60

/** Show a field only when an earlier single/multiple choice answer equals / includes `value`. */
export type Condition = { field: string; op: 'equals' | 'includes'; value: string }

type Base = {
  key: string
  label: string
  required: boolean
  help?: string
  condition?: Condition
  /**
   * Sensitive personal information (PIPL Art. 28: health notes, allergies …), marked by staff:
   * the answer is masked for every role but the record's own staff (`sensitiveMasked`), leaves
   * in an export only with a stated reason, and is erased on the children's schedule.
   */
  sensitive?: boolean
}

export type TextField = Base & { type: 'text' | 'longtext'; maxLength?: number }
export type NumberField = Base & { type: 'number'; min?: number; max?: number; integer: boolean }
export type PhoneField = Base & { type: 'phone' }
export type SingleField = Base & { type: 'single'; options: string[] }
export type MultipleField = Base & {
  type: 'multiple'
  options: string[]
  minPicks?: number
  maxPicks?: number
}
export type DateField = Base & { type: 'date'; min?: string; max?: string }
export type BuildingField = Base & { type: 'building' }
export type RatingField = Base & { type: 'rating'; scale: number }
export type ConsentField = Base & { type: 'consent' }
export type HiddenField = Base & { type: 'hidden' }

export type Field =
  | TextField
  | NumberField
  | PhoneField
  | SingleField
  | MultipleField
  | DateField
  | BuildingField
  | RatingField
  | ConsentField
  | HiddenField

/** The answer to a building/room field. */
export type BuildingAnswer = { building?: string; room?: string }
export type Answer = string | number | boolean | string[] | BuildingAnswer
export type Answers = Record<string, Answer>

// The admin sends null for empty inputs; treat it as "not set".
const opt = <S extends z.ZodType>(schema: S) =>
  schema.nullish().transform((v) => (v ?? undefined) as z.output<S> | undefined)

const DATE = /^\d{4}-\d{2}-\d{2}$/

const key = z.string().trim().regex(FIELD_KEY, '标识只能用小写字母、数字和下划线，以字母开头')
const base = {
  key: opt(key),
  label: z.string().trim().min(1, '请填写题目').max(200, '题目最多 200 字'),
  required: opt(z.boolean()).transform((v) => v ?? false),
  help: opt(z.string().trim().max(500, '说明最多 500 字')).transform((v) => v || undefined),
  sensitive: opt(z.boolean()).transform((v) => v || undefined),
  condition: opt(
    z.object({
      field: key,
      op: opt(z.enum(['equals', 'includes'])).transform((v) => v ?? 'equals'),
      value: z.string().trim().min(1, '请填写条件的值').max(100),
    }),
  ),
}
const options = z
  .array(z.string().trim().min(1, '选项不能为空').max(100, '选项最多 100 字'))
  .min(1, '至少一个选项')
  .max(50, '最多 50 个选项')
  .refine((list) => new Set(list).size === list.length, '选项不能重复')
const count = z.int().min(0).max(50)

const fieldInput = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...base,
      type: z.enum(['text', 'longtext']),
      maxLength: opt(
        z
          .int()
          .min(1)
          .max(LONGTEXT_MAX * 5),
      ),
    }),
    z.object({
      ...base,
      type: z.literal('number'),
      min: opt(z.number()),
      max: opt(z.number()),
      integer: opt(z.boolean()).transform((v) => v ?? false),
    }),
    z.object({ ...base, type: z.literal('phone') }),
    z.object({ ...base, type: z.literal('single'), options }),
    z.object({
      ...base,
      type: z.literal('multiple'),
      options,
      minPicks: opt(count),
      maxPicks: opt(count),
    }),
    z.object({
      ...base,
      type: z.literal('date'),
      min: opt(z.string().regex(DATE, '日期格式为 2026-05-01')),
      max: opt(z.string().regex(DATE, '日期格式为 2026-05-01')),
    }),
    z.object({ ...base, type: z.literal('building') }),
    z.object({
      ...base,
      type: z.literal('rating'),
      scale: opt(z.int().min(2).max(10)).transform((v) => v ?? 5),
    }),
    z.object({ ...base, type: z.literal('consent') }),
    z.object({ ...base, type: z.literal('hidden') }),
  ],
  { error: () => ({ message: '题型无效' }) },
)

/** Drops keys whose value is undefined, so stored definitions stay small and comparable. */
const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

/**
 * Validates a list of field definitions as staff send them: assigns keys to new fields
 * (`q1`, `q2` …, never reusing one), and checks the rules that span fields: unique keys,
 * conditions pointing at an earlier choice field and one of its options, min ≤ max.
 * @example const fields = parse(fieldsSchema, body.fields)
 */
export const fieldsSchema = z
  .array(fieldInput)
  .max(MAX_FIELDS, `最多 ${MAX_FIELDS} 个问题`)
  .transform((list, ctx) => {
    const used = new Set(list.map((f) => f.key).filter(Boolean))
    let n = 0
    const nextKey = () => {
      do n++
      while (used.has(`q${n}`))
      used.add(`q${n}`)
      return `q${n}`
    }
    const fields = list.map((f) => compact({ ...f, key: f.key ?? nextKey() }) as Field)
    const seen = new Map<string, Field>()
    fields.forEach((f, i) => {
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path: [i, ...path], message })
      if (seen.has(f.key)) issue(['key'], `标识 ${f.key} 重复`)
      if (f.condition) {
        const target = seen.get(f.condition.field)
        if (!target) issue(['condition', 'field'], '条件只能引用前面的问题')
        else if (target.type !== 'single' && target.type !== 'multiple')
          issue(['condition', 'field'], '条件只能引用单选或多选题')
        else if (!target.options.includes(f.condition.value))
          issue(['condition', 'value'], '条件的值应是该题的一个选项')
        else f.condition.op = target.type === 'multiple' ? 'includes' : 'equals'
      }
      if (f.type === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max)
        issue(['max'], '最大值不能小于最小值')
      if (f.type === 'date' && f.min && f.max && f.min > f.max)
        issue(['max'], '最晚日期不能早于最早日期')
      if (f.type === 'multiple') {
        if (f.minPicks !== undefined && f.maxPicks !== undefined && f.minPicks > f.maxPicks)
          issue(['maxPicks'], '最多选几项不能小于最少选几项')
        if ((f.minPicks ?? 0) > f.options.length) issue(['minPicks'], '最少选几项不能多于选项数')
        if ((f.maxPicks ?? 0) > f.options.length) issue(['maxPicks'], '最多选几项不能多于选项数')
      }
      if (f.type === 'hidden' && f.required) issue(['required'], '隐藏字段不能必填')
      if (!seen.has(f.key)) seen.set(f.key, f)
    })
    return fields
  })

/**
 * A form that asks for a phone may take answers only with a consent question residents must
 * tick (PIPL: a phone is personal data, collected with consent). Drafts may lack it while staff
 * build them; opening the form needs it. The message, for the form's `status` field, or null.
 * @example consentMissing('open', [{ key: 'tel', type: 'phone', label: '手机号', required: true }]) // '问卷里有手机号题…'
 */
export const consentMissing = (status: string, fields: Field[]) =>
  status !== 'draft' &&
  fields.some((f) => f.type === 'phone') &&
  !fields.some((f) => f.type === 'consent' && f.required && !f.condition)
    ? '问卷里有手机号题，发布前请加一道必填的同意题（题型“同意勾选”），说明手机号的用途'
    : null

/** The first required phone field shown unconditionally: the one a form's one-per-phone rule uses. */
export const phoneKeyOf = (fields: Field[]) =>
  fields.find((f) => f.type === 'phone' && f.required && !f.condition)?.key

/**
 * Every field across versions, keyed by `key`: the newest definition of each, in the current
 * version's order, then fields that only older versions had (newest first).
 * @example mergeVersions([v1Fields, v2Fields]) // export columns for every response
 */
export const mergeVersions = (versionsOldestFirst: Field[][]): Field[] => {
  const out: Field[] = []
  const seen = new Set<string>()
  for (const fields of [...versionsOldestFirst].reverse())
    for (const f of fields)
      if (!seen.has(f.key)) {
        seen.add(f.key)
        out.push(f)
      }
  return out
}

// JSON with object keys sorted and `required: false` / undefined left out, so definitions that
// differ only in key order or spelled-out defaults compare equal.
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k, v]) => v !== undefined && !(k === 'required' && v === false))
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value

/** Whether two definitions are the same (so saving them again needs no new version). */
export const sameFields = (a: Field[], b: Field[]) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
