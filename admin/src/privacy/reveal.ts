import type { Role } from '@domain/vocabulary'

/** The records whose phone `POST /api/privacy/reveal` shows (db/queries/privacy/requests REVEALABLE). */
export type RevealResource =
  | 'topics'
  | 'registrations'
  | 'volunteers'
  | 'meeting-attendees'
  | 'form-responses'

/**
 * Whether a shown phone is the masked form (`138****1234`), so a reveal could show more.
 * @example isMasked('138****1234') // true
 */
export const isMasked = (phone: string) => phone.includes('*')

/**
 * Whether `role` may reveal a phone (the server allows admin, town and staff; children's records
 * only to the activity's own staff, which the server decides per record).
 * @example canReveal('viewer') // false
 */
export const canReveal = (role: Role | null | undefined) =>
  role === 'admin' || role === 'town' || role === 'staff'
