// Children (PIPL Art. 28, 31): for an activity marked for children a guardian registers, giving
// their relationship to the child; the child's fields are limited to a name and an age or school
// year (health notes only as a question staff add and mark sensitive); the guardian's specific
// consent is required and recorded (consents, purpose 'guardian').
import type { Lang, Role } from '../vocabulary'
import { MOBILE_PHONE, normalizePhone, sensitiveMasked } from '../masking'

export type ChildFields = { guardianRelation: string; childName: string; childAge: string }

/** A form for children also asks the guardian's own name and phone (an activity's form has them). */
export type GuardianFields = ChildFields & { guardianName: string; guardianPhone: string }

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
  guardianName: { zh: '请填写监护人姓名', en: 'Please give the guardian’s name' },
  guardianPhone: {
    zh: '请填写监护人的 11 位手机号，例如 138 0013 8000',
    en: 'Please give the guardian’s 11-digit mobile number, e.g. 138 0013 8000',
  },
  tooLong: { zh: '内容太长', en: 'Too long' },
}

/** The longest each field may be, in characters (the page's inputs say the same). */
export const CHILD_LIMITS = {
  guardianName: 30,
  guardianPhone: 20,
  guardianRelation: 10,
  childName: 20,
  childAge: 10,
} as const

/**
 * The child's fields and the guardian's consent as typed, checked; errors keyed by field, in
 * `lang`. With `guardian` (a form for children) the guardian's name and phone too.
 * @example checkChild({ guardianRelation: '母亲', childName: '小明', childAge: '三年级', guardianConsent: true }, 'zh') // { ok: true, value: … }
 */
export function checkChild(
  input: Record<string, unknown>,
  lang: Lang,
): { ok: true; value: ChildFields } | { ok: false; errors: Record<string, string> }
export function checkChild(
  input: Record<string, unknown>,
  lang: Lang,
  guardian: true,
): { ok: true; value: GuardianFields } | { ok: false; errors: Record<string, string> }
export function checkChild(input: Record<string, unknown>, lang: Lang, guardian = false) {
  const errors: Record<string, string> = {}
  const value: Record<string, string> = {}
  const keys = guardian
    ? (['guardianName', 'guardianPhone', 'guardianRelation', 'childName', 'childAge'] as const)
    : (['guardianRelation', 'childName', 'childAge'] as const)
  for (const key of keys) {
    const text = typeof input[key] === 'string' ? (input[key] as string).trim() : ''
    if (!text) errors[key] = MESSAGES[key][lang]
    else if ([...text].length > CHILD_LIMITS[key]) errors[key] = MESSAGES.tooLong[lang]
    value[key] = text
  }
  if (guardian && !errors.guardianPhone) {
    value.guardianPhone = normalizePhone(value.guardianPhone!)
    if (!MOBILE_PHONE.test(value.guardianPhone)) errors.guardianPhone = MESSAGES.guardianPhone[lang]
  }
  const consent = input.guardianConsent
  if (!(consent === true || consent === '1' || consent === 'on'))
    errors.guardianConsent = MESSAGES.guardianConsent[lang]
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value }
}

/**
 * Whether a child's data (and the guardian's answers) is masked for `role` on a record of an
 * activity or form for children: for every role but staff (who see only their own
 * neighborhood's records: scope does the rest).
 * @example childDataMasked('admin', true) // true
 */
export const childDataMasked = (role: Role, forChildren: boolean) =>
  forChildren && sensitiveMasked(role)
