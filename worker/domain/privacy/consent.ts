// Consent rules (PIPL Art. 14–15): a consent is specific (one purpose, and for notifications one
// medium), names the version of the notice the person saw, and can be withdrawn as easily as it
// was given, with effect at once. The records live in `consents` (migrations/0015); the
// statements are in db/queries/privacy/consents.ts.
import type {
  ConsentGivenVia,
  ConsentMedium,
  ConsentPurpose,
  ConsentSubject,
  Label,
} from '../vocabulary'

/**
 * The version of the privacy notice (/privacy) and of the consent wording on the forms. A form
 * records it with each consent; change it whenever the notice's text changes: the day it changed,
 * with `.2`, `.3` … for a second change that day. Recorded consents keep the version they name.
 * 2026-12-05: first notice. 2026-12-05.2: phones masked for staff too, each reveal and export
 * logged with its purpose; answers marked sensitive.
 */
export const NOTICE_VERSION = '2026-12-05.2'

/** A consent as the rules need it. */
export type ConsentState = {
  purpose: ConsentPurpose
  medium: ConsentMedium | null
  givenAt: number
  withdrawnAt: number | null
}

/**
 * Whether a consent holds at `at`: given by then and not withdrawn by then. Withdrawal takes
 * effect at once: from its instant on the consent no longer holds.
 * @example isConsentActive({ purpose: 'notify', medium: 'sms', givenAt: 1, withdrawnAt: 5 }, 5) // false
 */
export const isConsentActive = (c: ConsentState, at: number) =>
  c.givenAt <= at && (c.withdrawnAt === null || c.withdrawnAt > at)

/**
 * Whether any of `consents` allows `purpose` (and, for notifications, `medium`) at `at`.
 * @example allows(rows, 'notify', now, 'sms')
 */
export const allows = (
  consents: readonly ConsentState[],
  purpose: ConsentPurpose,
  at: number,
  medium: ConsentMedium | null = null,
) =>
  consents.some(
    (c) =>
      c.purpose === purpose && (medium === null || c.medium === medium) && isConsentActive(c, at),
  )

/** What a new consent record holds (phone normalised by the caller or the statement builder). */
export type ConsentInput = {
  townId: number | null
  phone: string | null
  subjectType: ConsentSubject
  subjectId: number | null
  purpose: ConsentPurpose
  medium?: ConsentMedium | null
  noticeVersion: string
  givenVia: ConsentGivenVia
  at: number
}

/**
 * Why a consent record cannot be stored, or null when it can: notifications name a medium and
 * nothing else does; a consent on a row names the row, one given for a phone as such names a
 * phone; every consent names the notice version shown.
 * @example consentProblem({ ...input, purpose: 'notify', medium: null }) // 'notify consent needs a medium'
 */
export const consentProblem = (c: ConsentInput): string | null => {
  if ((c.purpose === 'notify') !== Boolean(c.medium))
    return c.purpose === 'notify'
      ? 'notify consent needs a medium'
      : 'only a notify consent has a medium'
  if ((c.subjectType === 'phone') !== (c.subjectId === null))
    return c.subjectType === 'phone' ? 'a phone consent names no row' : 'consent needs its row'
  if (c.subjectType === 'phone' && !c.phone) return 'a phone consent needs the phone'
  if (!c.noticeVersion.trim()) return 'consent needs the notice version'
  return null
}

/** What withdrawing each purpose does, said to the person withdrawing it. */
export const WITHDRAWAL_EFFECT: Record<ConsentPurpose, Label> = {
  contact: {
    zh: '工作人员不再看到您的联系方式，不会再为此联系您。',
    en: 'Staff no longer see your contact details and will not contact you about it.',
  },
  notify: {
    zh: '立即停止发送通知。',
    en: 'Notifications stop at once.',
  },
  form_data: {
    zh: '您的回答不再被使用，并按删除规则清除。',
    en: 'Your answers are no longer used and are erased under the deletion rules.',
  },
  guardian: {
    zh: '孩子的信息不再被使用，报名随之取消并清除孩子的信息。',
    en: 'The child’s details are no longer used; the registration is cancelled and the child’s details erased.',
  },
}
