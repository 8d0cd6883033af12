import { z } from 'zod'
import { MOBILE_PHONE, normalizePhone } from '../masking'
import { cleanText } from '../text'
import { conditionHolds } from './conditions'
import {
  BUILDING_PART_MAX,
  HIDDEN_MAX,
  LONGTEXT_MAX,
  TEXT_MAX,
  type Answers,
  type Field,
} from './definition'
import type { Params } from '../messages'
import type { Lang } from '../vocabulary'
import { formMessage, type FormMessageKey } from './messages'

// One definition → one validator. Each field compiles to a zod schema that accepts what an HTML
// form posts (strings, repeated names) as well as typed JSON, and outputs the stored answer.

/**
 * What the phone input accepts: a mainland mobile number with optional +86 and spaces or dashes,
 * i.e. exactly the strings that `normalizePhone` turns into a `MOBILE_PHONE`. Shared with the
 * HTML `pattern` attribute (valid under the `v` flag browsers use).
 */
export const PHONE_INPUT_PATTERN =
  '[\\s\\-]*(\\+?[\\s\\-]*8[\\s\\-]*6[\\s\\-]*)?1[\\s\\-]*[3-9]([\\s\\-]*[0-9]){9}[\\s\\-]*'
const PHONE_INPUT = new RegExp(`^(?:${PHONE_INPUT_PATTERN})$`)

const DATE = /^\d{4}-\d{2}-\d{2}$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/
const TRUE = new Set([true, 1, 'true', 'on', '1', 'yes'])
const FALSE = new Set([undefined, false, 0, 'false', 'off', '0', 'no'])

// Chinese input methods often type full-width digits.
const halfWidth = (s: string) =>
  s.replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  )

/** One value from a posted field: trimmed, blank → undefined, numbers as text. */
const scalar = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.length === 1 ? scalar(v[0]) : v.length === 0 ? undefined : v
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim()
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return v ?? undefined
}

/** A resident's text answer: `scalar`, then cleaned (domain/text.ts); blank → undefined. */
const text = (v: unknown): unknown => {
  const s = scalar(v)
  if (typeof s !== 'string') return s
  return cleanText(s) || undefined
}

const toNumber = (v: unknown) => {
  if (typeof v === 'number') return v
  const s = scalar(v)
  if (typeof s !== 'string') return s
  const t = halfWidth(s)
  return NUMBER.test(t) ? Number(t) : t
}

const toList = (v: unknown) => {
  if (v === undefined || v === null || v === '') return []
  const list = Array.isArray(v) ? v : [v]
  return list.every((x) => typeof x === 'string') ? list.map((x) => x.trim()).filter(Boolean) : v
}

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

const maybe = <S extends z.ZodType>(schema: S, required: boolean) =>
  required ? schema : schema.optional()

const requiredOr = (otherwise: string, required: string) => (iss: { input: unknown }) =>
  iss.input === undefined ? required : otherwise

/**
 * The zod schema of one field's answer (for a shown field).
 * @example fieldSchema({ type: 'number', key: 'age', label: '年龄', required: true, integer: true, min: 0 }).parse('12') // 12
 */
export const fieldSchema = (field: Field, lang: Lang = 'zh'): z.ZodType => {
  const m = (key: FormMessageKey, params?: Params) => formMessage(lang, key, params)
  const req = field.required
  switch (field.type) {
    case 'text':
    case 'longtext': {
      const max = field.maxLength ?? (field.type === 'text' ? TEXT_MAX : LONGTEXT_MAX)
      return z.preprocess(
        text,
        maybe(
          z.string({ error: m('answer.required') }).max(max, m('answer.too_long', { n: max })),
          req,
        ),
      )
    }
    case 'number': {
      let s = z.number({ error: requiredOr(m('answer.number'), m('answer.required')) })
      if (field.integer) s = s.int(m('answer.integer'))
      if (field.min !== undefined) s = s.min(field.min, m('answer.min', { n: field.min }))
      if (field.max !== undefined) s = s.max(field.max, m('answer.max', { n: field.max }))
      return z.preprocess(toNumber, maybe(s, req))
    }
    case 'phone':
      return z.preprocess(
        (v) => {
          const s = scalar(v)
          return typeof s === 'string' ? halfWidth(s) : s
        },
        maybe(
          z
            .string({ error: requiredOr(m('answer.phone'), m('answer.required')) })
            .regex(PHONE_INPUT, m('answer.phone'))
            .transform(normalizePhone)
            .pipe(z.string().regex(MOBILE_PHONE, m('answer.phone'))),
          req,
        ),
      )
    case 'single':
      return z.preprocess(
        scalar,
        maybe(
          z.enum(field.options as [string, ...string[]], {
            error: requiredOr(m('answer.option'), m('answer.choose')),
          }),
          req,
        ),
      )
    case 'multiple': {
      const { options, minPicks, maxPicks } = field
      return z.preprocess(
        toList,
        z
          .array(z.enum(options as [string, ...string[]], { error: m('answer.option') }), {
            error: m('answer.option'),
          })
          .transform((picked) => options.filter((o) => picked.includes(o)))
          .superRefine((picked, ctx) => {
            const fail = (message: string) => ctx.addIssue({ code: 'custom', message })
            if (picked.length === 0) {
              if (req)
                fail(
                  minPicks && minPicks > 1
                    ? m('answer.min_picks', { n: minPicks })
                    : m('answer.choose'),
                )
            } else if (minPicks !== undefined && picked.length < minPicks)
              fail(m('answer.min_picks', { n: minPicks }))
            else if (maxPicks !== undefined && maxPicks > 0 && picked.length > maxPicks)
              fail(m('answer.max_picks', { n: maxPicks }))
          })
          .transform((picked) => (picked.length ? picked : undefined)),
      )
    }
    case 'date': {
      let s = z
        .string({ error: requiredOr(m('answer.date'), m('answer.required')) })
        .regex(DATE, m('answer.date'))
        .refine(isCalendarDate, m('answer.date'))
      const { min, max } = field
      if (min) s = s.refine((d) => d >= min, m('answer.date_min', { d: min }))
      if (max) s = s.refine((d) => d <= max, m('answer.date_max', { d: max }))
      return z.preprocess(scalar, maybe(s, req))
    }
    case 'building': {
      const part = (message: string) =>
        maybe(
          z
            .string({ error: message })
            .max(BUILDING_PART_MAX, m('answer.too_long', { n: BUILDING_PART_MAX })),
          req,
        )
      return z.preprocess(
        (v) => {
          const obj = typeof v === 'string' ? { building: v } : v
          if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj ?? undefined
          const { building, room } = obj as Record<string, unknown>
          const out = { building: text(building), room: text(room) }
          return out.building === undefined && out.room === undefined ? undefined : out
        },
        maybe(
          z
            .object(
              { building: part(m('answer.building')), room: part(m('answer.room')) },
              { error: m('answer.building') },
            )
            .transform(({ building, room }) =>
              room === undefined ? { building } : { building, room },
            ),
          req,
        ),
      )
    }
    case 'rating': {
      const message = m('answer.rating', { n: field.scale })
      return z.preprocess(
        toNumber,
        maybe(
          z
            .number({ error: requiredOr(message, m('answer.choose')) })
            .int(message)
            .min(1, message)
            .max(field.scale, message),
          req,
        ),
      )
    }
    case 'consent': {
      const s = z.boolean({ error: m('answer.consent') })
      return z.preprocess(
        (v) => {
          const x = scalar(v)
          return TRUE.has(x as never) ? true : FALSE.has(x as never) ? false : x
        },
        req ? s.refine((v) => v, m('answer.consent')) : s,
      )
    }
    case 'hidden':
      return z.preprocess(
        text,
        z
          .string()
          .transform((s) => s.slice(0, HIDDEN_MAX))
          .optional()
          .catch(undefined),
      )
  }
}

/**
 * Compiles a definition to the zod schema of a whole response. Input: an object of raw answers by
 * field key. Output: the stored answers — only declared fields, hidden conditional fields dropped
 * (and never required), each value normalised (phones to 11 digits, numbers as numbers …).
 * Errors are one message per field key, in plain words.
 * @example compileAnswers(fields).safeParse({ q1: '是', q2: '13812345678' })
 */
export const compileAnswers = (fields: Field[], lang: Lang = 'zh') => {
  const compiled = fields.map((f) => [f, fieldSchema(f, lang)] as const)
  return z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const answers: Answers = {}
    for (const [field, schema] of compiled) {
      if (field.condition && !conditionHolds(field.condition, answers)) continue
      const result = schema.safeParse(input[field.key])
      if (!result.success) {
        ctx.addIssue({ code: 'custom', path: [field.key], message: result.error.issues[0].message })
        continue
      }
      if (result.data !== undefined) answers[field.key] = result.data as Answers[string]
    }
    return answers
  })
}

export type AnswerResult =
  | { ok: true; answers: Answers }
  | { ok: false; errors: Record<string, string> }

/**
 * Validates raw answers against a definition: the entry point for every domain that asks
 * staff-defined questions (forms, activity registrations, needs).
 * @example const r = validateAnswers(fields, answersFromForm(fields, await c.req.parseBody({ all: true })))
 *          if (!r.ok) return renderAgain(r.errors)
 */
export const validateAnswers = (
  fields: Field[],
  input: unknown,
  options: { lang?: Lang } = {},
): AnswerResult => {
  const result = compileAnswers(fields, options.lang).safeParse(input)
  if (result.success) return { ok: true, answers: result.data }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues)
    errors[issue.path.length ? String(issue.path[0]) : '_'] ??= issue.message
  return { ok: false, errors }
}

type PostedValue = string | File | (string | File)[]

/**
 * Raw answers from a posted HTML form (`c.req.parseBody({ all: true })`): repeated checkbox
 * names become lists, a building field reads `<key>.building` and `<key>.room`, files are ignored.
 * `prefix` is the input-name prefix given to `<FormFields>` when the questions share a page.
 */
export const answersFromForm = (
  fields: Field[],
  body: Record<string, PostedValue>,
  prefix = '',
) => {
  const text = (v: PostedValue | undefined) =>
    v === undefined
      ? undefined
      : Array.isArray(v)
        ? v.filter((x) => typeof x === 'string')
        : typeof v === 'string'
          ? v
          : undefined
  const raw: Record<string, unknown> = {}
  for (const f of fields) {
    const name = prefix + f.key
    raw[f.key] =
      f.type === 'building'
        ? { building: text(body[`${name}.building`]), room: text(body[`${name}.room`]) }
        : text(body[name])
  }
  return raw
}
