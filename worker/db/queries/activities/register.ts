import { sql } from 'drizzle-orm'
import type { AuditAction } from '../../../domain/vocabulary'
import type { Db } from '../../../env'
import { batch, rawAll, type Statement } from '../../batch'
import { errorText } from '../../errors'
import { seatsSql } from './seats'

// Registering for a session, atomically. D1 has no interactive transactions, so every rule of
// domain/capacity.ts that guards a write is decided INSIDE the statement that writes: one
// INSERT … SELECT checks the activity and session, computes the free seats, the status (confirmed
// if the party fits, else waitlisted) and the arrival number MAX(seq)+1 of the session, all in one
// statement. Promoting and cancelling are in waitlist.ts; triggers in
// migrations/0003_activities.sql abort any statement that would over-book anyway.

export type NewRegistration = {
  sessionId: number
  name: string
  phone: string
  partySize: number
  answers: Record<string, unknown>
  source: 'web' | 'staff'
  /** The submission's idempotency key: a second insert with it returns the first registration. */
  clientKey?: string | null
  /** The registrant's secret link token and the code shown at check-in, made by the caller. */
  token: string
  checkinCode: string
  /**
   * For a volunteer activity: the registrant is recorded as a volunteer (keyed by phone, once)
   * of this neighborhood, with this lookup code when new.
   */
  volunteer?: { neighborhoodId: number; code: string } | null
  now?: number
}

export type Registered = {
  id: number
  status: 'confirmed' | 'waitlisted'
  seq: number
  token: string
  checkinCode: string
  /** Rank among the session's waitlisted registrations right after this one was inserted. */
  waitlistPosition: number | null
}

// The position as of the write, returned by the write itself (RETURNING subqueries see the row).
const RETURNING = sql.raw(`id, status, seq, token, checkin_code AS checkinCode,
  CASE WHEN status = 'waitlisted' THEN (SELECT COUNT(*) FROM registrations w
    WHERE w.session_id = registrations.session_id AND w.status = 'waitlisted' AND w.seq <= registrations.seq)
  END AS waitlistPosition`)

/**
 * What registering did: registered (or, for a resent form, found the registration its first
 * send made), with the volunteer's code when one was recorded; or refused, because a guard of the
 * insert did not hold (`state`: the caller tells why from the current state) or the phone already
 * holds a live registration for the session (`duplicate_phone`), or the idempotency key was used
 * before for another registrant or other answers (`idempotency_mismatch`: the first one stands).
 */
export type Registering =
  | { reg: Registered; replayed: boolean; volunteerCode: string | null }
  | { reg: null; refused: 'state' | 'duplicate_phone' | 'idempotency_mismatch' }

/** Whether a write failed on the one-registration-per-idempotency-key index. */
const isDuplicateKey = (err: unknown) =>
  errorText(err).includes('registrations.session_id, registrations.client_key')

/** Whether a write failed on the one-live-registration-per-phone index. */
const isDuplicatePhone = (err: unknown) =>
  errorText(err).includes('registrations.session_id, registrations.phone')

/**
 * The registering batch: the insert, the volunteer row when asked (once the registration
 * exists), then `extra`.
 */
const runInsert = async (
  db: Db,
  insert: ReturnType<typeof rawAll<Registered>>,
  input: NewRegistration,
  token: string,
  now: number,
  extra: Statement[],
) => {
  if (!input.volunteer) {
    const [rows] = await batch(db, [insert, ...extra])
    return { rows, volunteerCode: null }
  }
  const { neighborhoodId, code } = input.volunteer
  const [rows, codes] = await batch(db, [
    insert,
    rawAll<{ code: string }>(
      db,
      sql`
      INSERT INTO volunteers (phone, name, neighborhood_id, code, created_at, updated_at)
      SELECT ${input.phone}, ${input.name}, ${neighborhoodId}, ${code}, ${now}, ${now}
      WHERE EXISTS (SELECT 1 FROM registrations WHERE token = ${token})
      ON CONFLICT (phone) DO UPDATE SET updated_at = excluded.updated_at
      RETURNING code`,
    ),
    ...extra,
  ])
  return { rows, volunteerCode: codes[0]?.code ?? null }
}

/**
 * Registers a party for a session in ONE statement: the statement itself checks the activity is
 * published and (for residents) inside its registration window, the session has not started
 * (for staff: not ended) and the party is not above the session's limit; computes the seats held
 * right now; inserts as confirmed if the party fits, else waitlisted; and numbers the arrival
 * MAX(seq)+1. SQLite runs it as one atomic write, so no two arrivals see the same free seats.
 * The volunteer row and `extra(token)` statements join the same batch (guard them on the token:
 * the insert may refuse).
 * @example const r = await registerParty(db, { sessionId: 3, name: '王芳', phone: '13812345678', partySize: 2, answers: {}, source: 'web', token, checkinCode })
 */
export const registerParty = async (
  db: Db,
  input: NewRegistration,
  extra: (token: string) => Statement[] = () => [],
): Promise<Registering> => {
  const now = input.now ?? Date.now()
  const { token, checkinCode } = input
  const resident = input.source === 'web'
  const window = resident
    ? sql`AND (a.opens_at IS NULL OR a.opens_at <= ${now}) AND (a.closes_at IS NULL OR a.closes_at > ${now})
          AND s.starts_at > ${now}`
    : sql`AND (a.opens_at IS NULL OR a.opens_at <= ${now}) AND s.ends_at > ${now}`
  try {
    const insert = rawAll<Registered>(
      db,
      sql`
      INSERT INTO registrations (session_id, activity_id, name, phone, party_size, answers, status, seq,
                                 token, checkin_code, source, created_at, confirmed_at, client_key)
      SELECT x.sid, x.aid, ${input.name}, ${input.phone}, ${input.partySize}, ${JSON.stringify(input.answers)},
             x.st, x.next_seq, ${token}, ${checkinCode}, ${input.source}, ${now},
             CASE x.st WHEN 'confirmed' THEN ${now} END, ${input.clientKey ?? null}
      FROM (
        SELECT s.id AS sid, s.activity_id AS aid,
               CASE WHEN ${input.partySize} <= s.capacity - ${seatsSql(sql`s.id`)}
                    THEN 'confirmed' ELSE 'waitlisted' END AS st,
               (SELECT COALESCE(MAX(r.seq), 0) + 1 FROM registrations r WHERE r.session_id = s.id) AS next_seq
        FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
        WHERE s.id = ${input.sessionId} AND a.status = 'published' AND ${input.partySize} <= s.max_party
          ${window}
      ) x
      RETURNING ${RETURNING}`,
    )
    const { rows, volunteerCode } = await runInsert(db, insert, input, token, now, extra(token))
    return rows[0]
      ? { reg: rows[0], replayed: false, volunteerCode }
      : { reg: null, refused: 'state' }
  } catch (err) {
    // A resubmission of the same form matches both indexes; either may be the one reported.
    if (input.clientKey && (isDuplicateKey(err) || isDuplicatePhone(err))) {
      const first = await registrationByClientKey(db, input.sessionId, input.clientKey)
      if (first) {
        const { name, phone, partySize, answers, ...reg } = first
        const same =
          name === input.name &&
          phone === input.phone &&
          partySize === input.partySize &&
          answers === JSON.stringify(input.answers)
        return same
          ? { reg, replayed: true, volunteerCode: null }
          : { reg: null, refused: 'idempotency_mismatch' }
      }
    }
    if (isDuplicatePhone(err)) return { reg: null, refused: 'duplicate_phone' }
    throw err
  }
}

/**
 * The registration a submission with `clientKey` made for a session, if any, with what it was
 * sent with (answers as stored JSON), to tell a resend from another registration under that key.
 */
export const registrationByClientKey = async (db: Db, sessionId: number, clientKey: string) =>
  db.get<
    (Registered & { name: string; phone: string; partySize: number; answers: string }) | undefined
  >(sql`
    SELECT ${RETURNING}, name, phone, party_size AS partySize, answers FROM registrations
    WHERE session_id = ${sessionId} AND client_key = ${clientKey}`)

/** A volunteer's code by phone (for receipts), or null. */
export const volunteerCodeOf = async (db: Db, phone: string) =>
  (
    await db.get<{ code: string } | undefined>(
      sql`SELECT code FROM volunteers WHERE phone = ${phone}`,
    )
  )?.code ?? null

/**
 * The audit row of a staff registration, for `extra` of `createRegistration`: written only if the
 * registration with `token` was inserted by the same batch.
 */
export const auditRegistration = (
  db: Db,
  userId: number,
  token: string,
  after: unknown,
  now = Date.now(),
) =>
  rawAll(
    db,
    sql`
    INSERT INTO audit_log (at, user_id, action, resource, record_id, after)
    SELECT ${now}, ${userId}, ${'create' satisfies AuditAction}, 'registrations', CAST(id AS TEXT),
           json_patch(${JSON.stringify(after)}, json_object('status', status, 'seq', seq))
    FROM registrations WHERE token = ${token}`,
  )
