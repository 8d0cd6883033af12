import type { FormStatus } from '../vocabulary'

/** What a resident meets at a form's address. */
export type FormAvailability = 'draft' | 'not_open' | 'open' | 'closed' | 'full'

export type FormWindow = {
  status: FormStatus
  opensAt: number | null
  closesAt: number | null
  maxResponses: number | null
}

/**
 * Whether a form takes responses now: its status, then its open/close times, then its limit.
 * @example availability({ status: 'open', opensAt: null, closesAt: null, maxResponses: 120 }, 120) // 'full'
 */
export const availability = (
  form: FormWindow,
  responseCount: number,
  now = Date.now(),
): FormAvailability => {
  if (form.status === 'draft') return 'draft'
  if (form.status === 'closed') return 'closed'
  if (form.opensAt !== null && now < form.opensAt) return 'not_open'
  if (form.closesAt !== null && now >= form.closesAt) return 'closed'
  if (form.maxResponses !== null && responseCount >= form.maxResponses) return 'full'
  return 'open'
}
