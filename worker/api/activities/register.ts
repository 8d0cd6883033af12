import type { Db } from '../../env'
import type { Statement } from '../../db/batch'
import { loadSessionWithActivity, type SessionWithActivity } from '../../db/queries/activities/read'
import { registerParty, volunteerCodeOf } from '../../db/queries/activities/register'
import {
  checkRegistration,
  DUPLICATE_PHONE_PROBLEM,
  newVolunteerCode,
  registrationRefusal,
  type RegistrationInput,
} from '../../domain/capacity'
import type { Field } from '../../domain/forms/definition'
import { ApiError, problemError } from '../../lib/errors'
import { idempotencyMismatch } from '../../lib/idempotency'
import { randomToken } from '../../lib/password'

// Registering for a session, as the public page, the public JSON endpoint and staff entry all
// do it: the domain's checks (domain/capacity.ts), then the one atomic insert
// (db/queries/activities/register.ts), then the domain's words for a refusal.

export type RegistrationRequest = RegistrationInput & {
  /** The submission's idempotency key (see `registerParty`). */
  clientKey?: string | null
}

/**
 * Checks a registration against its session and activity (registrant and extra questions, all
 * field errors at once: `name`, `phone`, `partySize`, `answers.<key>`), registers it atomically
 * and, for volunteer activities, records the volunteer (keyed by phone). Refusals are ApiErrors:
 * 404 unknown session, 400 field errors, 409 not open / closed / duplicate phone.
 * `extra(token)` statements (an audit row via `auditRegistration`) join the registering batch.
 * @example const { reg, volunteerCode } = await createRegistration(db, 12, body, 'web')
 */
export const createRegistration = async (
  db: Db,
  target: number | SessionWithActivity,
  input: RegistrationRequest,
  source: 'web' | 'staff',
  extra: (token: string) => Statement[] = () => [],
  now = Date.now(),
) => {
  const row = typeof target === 'number' ? await loadSessionWithActivity(db, target) : target
  if (!row || (source === 'web' && row.activity.status === 'draft'))
    throw new ApiError('not_found', '场次不存在')
  const { session, activity } = row
  // Say "not open yet" before complaining about fields: the page tells when it opens.
  if (activity.opensAt !== null && now < activity.opensAt)
    throw problemError(registrationRefusal(activity, session, 1, source, now, input.lang))
  const checked = checkRegistration(
    input,
    session.maxParty,
    JSON.parse(activity.questions) as Field[],
  )
  if ('problem' in checked) throw problemError(checked.problem)
  const { registrant, answers } = checked
  const volunteer = activity.kind === 'volunteer'
  const result = await registerParty(
    db,
    {
      sessionId: session.id,
      ...registrant,
      answers,
      source,
      clientKey: input.clientKey,
      token: randomToken(24),
      checkinCode: randomToken(12),
      now,
      volunteer: volunteer
        ? { neighborhoodId: activity.neighborhoodId, code: newVolunteerCode() }
        : null,
    },
    extra,
  )
  if (!result.reg && result.refused === 'idempotency_mismatch') throw idempotencyMismatch()
  if (!result.reg)
    throw problemError(
      result.refused === 'duplicate_phone'
        ? DUPLICATE_PHONE_PROBLEM
        : registrationRefusal(activity, session, registrant.partySize, source, now, input.lang),
    )
  const volunteerCode = volunteer
    ? (result.volunteerCode ?? (await volunteerCodeOf(db, registrant.phone)))
    : null
  return { reg: result.reg, session, activity, volunteerCode }
}
