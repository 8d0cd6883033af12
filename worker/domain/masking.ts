import type { Role } from './vocabulary'

/** Mainland China mobile numbers: 11 digits starting 1[3-9]. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/

/** A landline with its area code, as normalised: 0, a 2–3 digit area code, 7–8 digits (021-56781234). */
export const LANDLINE_PHONE = /^0\d{2,3}\d{7,8}$/

/**
 * Where a phone is optional and only for calling back (a topic's contact, a meeting sign-in), a
 * landline with its area code is as good as a mobile; a phone that must receive texts or verify
 * (registrations, survey one-per-phone) stays `MOBILE_PHONE`. Takes a `normalizePhone`d string.
 * @example isContactPhone(normalizePhone('021-56781234')) // true
 */
export const isContactPhone = (phone: string) =>
  MOBILE_PHONE.test(phone) || LANDLINE_PHONE.test(phone)

/** Strips spaces, dashes and a +86 prefix, as residents type them. */
export const normalizePhone = (input: string) =>
  input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')

/**
 * `138****1234`. Used on every public page and for roles without the right to see phones.
 * @example maskPhone('13812341234') // '138****1234'
 */
export const maskPhone = (phone: string | null | undefined) =>
  phone
    ? phone.length >= 7
      ? `${phone.slice(0, 3)}****${phone.slice(-4)}`
      : '****'
    : (phone ?? null)

/**
 * A JSON value (an audit entry's before/after) with every phone in it masked (#17.6): a string
 * under a key that names a phone (`phone`, `submitterPhone` …) and any string that is a mobile
 * number, however deep.
 * @example maskPhonesIn({ submitterPhone: '13812341234', title: '路灯' }) // { submitterPhone: '138****1234', title: '路灯' }
 */
export const maskPhonesIn = (value: unknown, key = ''): unknown => {
  if (typeof value === 'string')
    return value && (/phone/i.test(key) || MOBILE_PHONE.test(value)) ? maskPhone(value) : value
  if (Array.isArray(value)) return value.map((v) => maskPhonesIn(v))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPhonesIn(v, k)]))
  return value
}

/** Masks a personal name to its first character: 张** */
export const maskName = (name: string | null | undefined) =>
  name ? `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}` : (name ?? null)

/**
 * Whether a role may see residents' names (and other personal fields) in full: never a partner's
 * login or a viewer. Phones are another matter (#17.6): every staff list and record shows them
 * masked for every role, admins too (`maskPhone`); the full number leaves the server only through
 * `POST /api/privacy/reveal` (one record, a purpose, audit-logged) or an export with personal data
 * (audit-logged), both only for the roles this allows.
 */
export const canSeePersonalData = (role: Role) => role !== 'viewer' && role !== 'partner'

/**
 * Per staff resource, the fields (API names) that roles without the right to personal data see
 * masked. Masked means unrecoverable: lib/simple-rest refuses a sort or filter on one of these
 * for such a role (400 naming the field) and `q` skips their columns, so no run of searches can
 * rebuild a hidden value digit by digit. Phone answers of forms and activity questions are masked
 * too; their keys depend on the definition (see `maskedAnswerKeys`).
 */
export const PERSONAL_FIELDS = {
  topics: ['submitterName', 'submitterPhone', 'trackingCode'],
  registrations: ['name', 'phone'],
  volunteers: ['name', 'phone', 'code'],
  partners: ['contactName', 'contactPhone'],
  claims: ['volunteerName'],
  'activity-leads': ['volunteerName'],
  'meeting-attendees': ['name', 'phone'],
  evaluations: ['trackingCode'],
} as const satisfies Record<string, readonly string[]>

export type PersonalResource = keyof typeof PERSONAL_FIELDS

/**
 * The fields of `resource` that `role` sees masked (none for roles that see personal data).
 * @example maskedFields('viewer', 'registrations') // ['name', 'phone']
 */
export const maskedFields = (role: Role, resource: PersonalResource): readonly string[] =>
  canSeePersonalData(role) ? [] : PERSONAL_FIELDS[resource]

/**
 * Whether answers to questions marked sensitive (health notes, allergies) are masked for `role`:
 * as a child's data, for every role but staff (of the record's own neighborhood: scope does the rest).
 * @example sensitiveMasked('town') // true
 */
export const sensitiveMasked = (role: Role) => role !== 'staff'

/**
 * The answer keys `role` sees masked among `fields` (phone questions; sensitive ones for every
 * role but staff), as `answers.<key>`: not to be filtered or sorted on.
 * @example maskedAnswerKeys('viewer', [{ key: 'tel', type: 'phone' }]) // ['answers.tel']
 */
export const maskedAnswerKeys = (
  role: Role,
  fields: readonly { key: string; type: string; sensitive?: boolean | number | null }[],
): string[] =>
  fields
    .filter(
      (f) =>
        (f.type === 'phone' && !canSeePersonalData(role)) ||
        (!!f.sensitive && sensitiveMasked(role)),
    )
    .map((f) => `answers.${f.key}`)
