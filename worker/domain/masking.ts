import type { Role } from './vocabulary'

/** Mainland China mobile numbers: 11 digits starting 1[3-9]. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/

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

/** Masks a personal name to its first character: 张** */
export const maskName = (name: string | null | undefined) =>
  name ? `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}` : (name ?? null)

/** Whether a role may see residents' phone numbers and names in full (never a partner's login). */
export const canSeePersonalData = (role: Role) => role !== 'viewer' && role !== 'partner'
