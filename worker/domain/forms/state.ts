import type { Problem } from '../problem'
import type { FormStatus, Role } from '../vocabulary'

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

/**
 * Collected answers are records residents left: only an admin may throw them away, whether with
 * their form or one response at a time (else staff could empty a form answer by answer). A form
 * without answers any writer may delete.
 * @example raise(discardAnswersProblem(user.role, 'response'))
 */
export const discardAnswersProblem = (role: Role, what: 'form' | 'response'): Problem | null =>
  role === 'admin'
    ? null
    : {
        code: 'forbidden',
        message:
          what === 'form'
            ? '表单已有回答，只有管理员可以删除；可以先把它关闭'
            : '回答是居民留下的记录，只有管理员可以删除',
      }
