// Children (PIPL Art. 28, 31): for an activity marked for children a guardian registers, giving
// their relationship to the child; the child's fields are limited to a name and an age or school
// year (health notes only as a question staff add and mark sensitive); the guardian's specific
// consent is required and recorded (consents, purpose 'guardian').
import type { Lang } from '../vocabulary'

export type ChildFields = { guardianRelation: string; childName: string; childAge: string }

const MESSAGES = {
  guardianRelation: {
    zh: '请填写您与孩子的关系，例如：母亲',
    en: 'Please give your relationship to the child, e.g. mother',
  },
  childName: { zh: '请填写孩子的姓名', en: 'Please give the child’s name' },
  childAge: {
    zh: '请填写孩子的年龄或年级，例如：8岁、三年级',
    en: 'Please give the child’s age or school year, e.g. 8 or Year 3',
  },
  guardianConsent: {
    zh: '请确认您是孩子的监护人并同意',
    en: 'Please confirm you are the child’s guardian and consent',
  },
  tooLong: { zh: '内容太长', en: 'Too long' },
}

const LIMITS = { guardianRelation: 10, childName: 20, childAge: 10 } as const

/**
 * The child's fields and the guardian's consent as typed, checked; errors keyed by field, in `lang`.
 * @example checkChild({ guardianRelation: '母亲', childName: '小明', childAge: '三年级', guardianConsent: true }, 'zh') // { ok: true, value: … }
 */
export const checkChild = (
  input: Partial<Record<keyof ChildFields, unknown>> & { guardianConsent?: unknown },
  lang: Lang,
): { ok: true; value: ChildFields } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {}
  const value = {} as ChildFields
  for (const key of ['guardianRelation', 'childName', 'childAge'] as const) {
    const text = typeof input[key] === 'string' ? (input[key] as string).trim() : ''
    if (!text) errors[key] = MESSAGES[key][lang]
    else if ([...text].length > LIMITS[key]) errors[key] = MESSAGES.tooLong[lang]
    value[key] = text
  }
  const consent = input.guardianConsent
  if (!(consent === true || consent === '1' || consent === 'on'))
    errors.guardianConsent = MESSAGES.guardianConsent[lang]
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value }
}
