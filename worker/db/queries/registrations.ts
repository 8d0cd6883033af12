import { eq, sql, type SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { rawAll } from '../batch'
import type { Db } from '../../env'
import { activities, activitySessions, auditLog, registrations } from '../schema'
import { type RegistrationStatus } from '../../domain/vocabulary'
import { ApiError, validationError } from '../../lib/errors'
import { errorText } from '../../lib/resource'
import { hitStatement } from '../../lib/rate-limit'
import { randomToken } from '../../lib/password'
import { newVolunteerCode, registrantSchema, REGISTRATION_MESSAGES } from '../../domain/capacity'
import { validateAnswers, type Field, type Lang } from '../../domain/forms'

// The atomic SQL of activities. D1 has no interactive transactions, so every rule of
// worker/domain/capacity.ts that guards a write is decided INSIDE the statement that writes:
// - registering: one INSERT … SELECT computes the free seats, the status (confirmed if the party
//   fits, else waitlisted) and the arrival number MAX(seq)+1 of the session, all in one statement;
// - promoting: one UPDATE walks the waitlist in seq order (recursive CTE) and confirms every
//   registration that fits in the seats free at that moment;
// - cancelling: a batch of the guarded cancel UPDATE and the promotion, so seats freed are
//   handed on in the same atomic write.
// Triggers in migrations/0003_activities.sql abort any statement that would over-book anyway.

/** Seats held (party sizes) in a session, as SQL over `sessionId`. */
const seatsSql = (sessionId: SQL | number) =>
  sql`(SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
       WHERE r.session_id = ${sessionId} AND r.status IN ('confirmed', 'checked_in', 'no_show'))`

/** Seats held in the session of the row in scope (for selects over activity_sessions). */
export const SEATS_TAKEN = sql<number>`(SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
  WHERE r.session_id = activity_sessions.id AND r.status IN ('confirmed', 'checked_in', 'no_show'))`

const countSql = (status: RegistrationStatus) =>
  sql<number>`(SELECT COUNT(*) FROM registrations r WHERE r.session_id = activity_sessions.id AND r.status = ${status})`

/** Per-session counts, for selects over activity_sessions. */
export const SESSION_COUNTS = {
  seatsTaken: SEATS_TAKEN,
  confirmedCount: countSql('confirmed'),
  waitlistCount: countSql('waitlisted'),
  checkedInCount: countSql('checked_in'),
  noShowCount: countSql('no_show'),
  cancelledCount: countSql('cancelled'),
  waitlistSeats: sql<number>`(SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
    WHERE r.session_id = activity_sessions.id AND r.status = 'waitlisted')`,
}

/**
 * A waitlisted registration's position: its rank among the session's waitlisted ones by arrival
 * (1-based), computed on read so it stays gap-free; NULL for other statuses.
 */
export const WAITLIST_POSITION = sql<
  number | null
>`CASE WHEN registrations.status = 'waitlisted' THEN
  (SELECT COUNT(*) FROM registrations w WHERE w.session_id = registrations.session_id
     AND w.status = 'waitlisted' AND w.seq <= registrations.seq) END`

export type NewRegistration = {
  sessionId: number
  name: string
  phone: string
  partySize: number
  answers: Record<string, unknown>
  source: 'web' | 'staff'
  /** The submission's idempotency key: a second insert with it returns the first registration. */
  clientKey?: string | null
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

export const DUPLICATE_PHONE =
  '这个手机号已经报名了本场次，请勿重复报名。可以在报名回执里查看或取消。'

/** Whether a write failed on the one-registration-per-idempotency-key index. */
const isDuplicateKey = (err: unknown) =>
  errorText(err).includes('registrations.session_id, registrations.client_key')

/** Whether a write failed on the one-live-registration-per-phone index. */
export const isDuplicatePhone = (err: unknown) =>
  errorText(err).includes('registrations.session_id, registrations.phone')

/**
 * Registers a party for a session in ONE statement: the statement itself checks the activity is
 * published and (for residents) inside its registration window, the session has not started
 * (for staff: not ended) and the party is not above the session's limit; computes the seats held
 * right now; inserts as confirmed if the party fits, else waitlisted; and numbers the arrival
 * MAX(seq)+1. SQLite runs it as one atomic write, so no two arrivals see the same free seats.
 * `extra(token)` statements join the same batch (guard them on the token: the insert may refuse).
 * `reg` is `null` when a guard refused (the caller explains why); 409 on a duplicate phone.
 * @example const { reg } = await registerParty(db, { sessionId: 3, name: '王芳', phone: '13812345678', partySize: 2, answers: {}, source: 'web' })
 */
export const registerParty = async (
  db: Db,
  input: NewRegistration,
  extra: (token: string) => BatchItem<'sqlite'>[] = () => [],
): Promise<{ reg: Registered | null; results: unknown[]; replayed?: boolean }> => {
  const now = input.now ?? Date.now()
  const token = randomToken(24)
  const checkinCode = randomToken(12)
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
    const [rows, ...results] = (await db.batch([insert, ...extra(token)])) as unknown as [
      Registered[],
      ...unknown[],
    ]
    return { reg: rows[0] ?? null, results }
  } catch (err) {
    // A resubmission of the same form matches both indexes; either may be the one reported.
    if (input.clientKey && (isDuplicateKey(err) || isDuplicatePhone(err))) {
      const first = await registrationByClientKey(db, input.sessionId, input.clientKey)
      if (first) return { reg: first, results: [], replayed: true }
    }
    if (isDuplicatePhone(err))
      throw new ApiError('conflict', DUPLICATE_PHONE, {
        errors: { phone: DUPLICATE_PHONE },
        cause: err,
      })
    throw err
  }
}

/** The registration a submission with `clientKey` made for a session, if any. */
export const registrationByClientKey = async (db: Db, sessionId: number, clientKey: string) =>
  db.get<Registered | undefined>(sql`
    SELECT ${RETURNING} FROM registrations
    WHERE session_id = ${sessionId} AND client_key = ${clientKey}`)

/**
 * The promotion statement of a session: walks its waitlist in arrival order and confirms every
 * registration that fits in the seats free at that step (rule 3 of worker/domain/capacity.ts),
 * in one UPDATE, so it is safe in any batch and under any concurrency. Nothing is promoted once
 * the session has ended. Returns the promoted ids.
 * @example await db.batch([cancel, promoteStatement(db, sessionId, now)])
 */
export const promoteStatement = (db: Db, sessionId: number, now = Date.now()) =>
  rawAll<{ id: number }>(
    db,
    sql`
    WITH RECURSIVE
      queue AS (
        SELECT id, party_size, ROW_NUMBER() OVER (ORDER BY seq) AS n
        FROM registrations WHERE session_id = ${sessionId} AND status = 'waitlisted'
      ),
      walk (n, free, id, take) AS (
        SELECT 0, (SELECT CASE WHEN s.ends_at > ${now} THEN s.capacity - ${seatsSql(sql`s.id`)} ELSE 0 END
                   FROM activity_sessions s WHERE s.id = ${sessionId}), NULL, 0
        UNION ALL
        SELECT q.n,
               CASE WHEN q.party_size <= w.free THEN w.free - q.party_size ELSE w.free END,
               q.id, q.party_size <= w.free
        FROM walk w JOIN queue q ON q.n = w.n + 1
        WHERE w.free > 0
      )
    UPDATE registrations SET status = 'confirmed', confirmed_at = ${now}, promoted_at = ${now}
    WHERE id IN (SELECT id FROM walk WHERE take) AND status = 'waitlisted'
    RETURNING id`,
  )

/**
 * Cancels a live (confirmed or waitlisted) registration and promotes from the waitlist, in one
 * atomic batch. `extra` statements (an audit row) join the same batch. Returns the cancelled row
 * (or `null` when it was no longer cancellable) and the promoted ids.
 * @example const { cancelled, promoted } = await cancelRegistration(db, reg, 'resident')
 */
export const cancelRegistration = async (
  db: Db,
  reg: { id: number; sessionId: number },
  by: 'resident' | 'staff',
  extra: BatchItem<'sqlite'>[] = [],
  now = Date.now(),
) => {
  const cancel = rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'cancelled', cancelled_at = ${now}, cancelled_by = ${by}
    WHERE id = ${reg.id} AND status IN ('confirmed', 'waitlisted') RETURNING id`,
  )
  const [cancelled, promoted] = (await db.batch([
    cancel,
    promoteStatement(db, reg.sessionId, now),
    ...extra,
  ])) as unknown as [{ id: number }[], { id: number }[]]
  return { cancelled: cancelled.length > 0, promoted: promoted.map((r) => r.id) }
}

/**
 * Confirms one waitlisted registration out of turn (staff), only if its party fits in the seats
 * free right now: the check and the update are one statement. Returns whether it was promoted.
 */
export const promoteOneStatement = (
  db: Db,
  reg: { id: number; sessionId: number },
  now = Date.now(),
) =>
  rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'confirmed', confirmed_at = ${now}, promoted_at = ${now}
    WHERE id = ${reg.id} AND status = 'waitlisted'
      AND party_size <= (SELECT s.capacity FROM activity_sessions s WHERE s.id = ${reg.sessionId})
                        - ${seatsSql(reg.sessionId)}
    RETURNING id`,
  )

/**
 * Checks a confirmed registration in, crediting a volunteer shift's length; a guarded UPDATE, so
 * a cancelled or waitlisted one (or one checked in a moment ago) is left alone.
 */
export const checkInStatement = (db: Db, regId: number, userId: number | null, now = Date.now()) =>
  rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'checked_in', checked_in_at = ${now}, checked_in_by = ${userId},
      credited_minutes = (SELECT CASE WHEN a.kind = 'volunteer'
                                   THEN CAST(ROUND((s.ends_at - s.starts_at) / 60000.0) AS INTEGER) END
                          FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
                          WHERE s.id = registrations.session_id)
    WHERE id = ${regId} AND status = 'confirmed'
    RETURNING id`,
  )

/**
 * Marks the still-confirmed registrations of an ended session among `ids` as no-shows, in one
 * statement (nothing happens before the session's end). `ids` go as one JSON parameter.
 */
export const noShowStatement = (db: Db, sessionId: number, ids: number[], now = Date.now()) =>
  rawAll<{ id: number }>(
    db,
    sql`
    UPDATE registrations SET status = 'no_show'
    WHERE session_id = ${sessionId} AND status = 'confirmed'
      AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
      AND (SELECT ends_at FROM activity_sessions WHERE id = ${sessionId}) <= ${now}
    RETURNING id`,
  )

/** Whether a write was aborted by the capacity triggers. */
export const isCapacityAbort = (err: unknown) => {
  const text = errorText(err)
  return text.includes('capacity_below_confirmed') || text.includes('over_capacity')
}

/**
 * Changes a session's capacity and promotes from the waitlist in one batch; lowering it below
 * the seats held is refused by the database (trigger) and answered 409.
 */
export const setCapacity = async (
  db: Db,
  sessionId: number,
  capacity: number,
  other: Partial<typeof activitySessions.$inferInsert>,
  extra: BatchItem<'sqlite'>[] = [],
  now = Date.now(),
) => {
  try {
    const [, promoted] = (await db.batch([
      db
        .update(activitySessions)
        .set({ ...other, capacity, updatedAt: now })
        .where(eq(activitySessions.id, sessionId)),
      promoteStatement(db, sessionId, now),
      ...extra,
    ])) as unknown as [unknown, { id: number }[]]
    return promoted.map((r) => r.id)
  } catch (err) {
    if (isCapacityAbort(err)) {
      const message = '名额不能少于已确认的人数；请先取消部分报名'
      throw new ApiError('conflict', message, { errors: { capacity: message }, cause: err })
    }
    throw err
  }
}

/** A session with its activity, as the public pages and the staff API need it. */
export const sessionWithActivity = (db: Db) =>
  db
    .select({
      session: activitySessions,
      activity: activities,
      seatsTaken: SEATS_TAKEN,
    })
    .from(activitySessions)
    .innerJoin(activities, eq(activities.id, activitySessions.activityId))

export type SessionWithActivity = Awaited<
  ReturnType<ReturnType<typeof sessionWithActivity>['where']>
>[number]

/** One session with its activity and seats held; undefined when there is none. */
export const loadSessionWithActivity = async (
  db: Db,
  sessionId: number,
): Promise<SessionWithActivity | undefined> =>
  (await sessionWithActivity(db).where(eq(activitySessions.id, sessionId)))[0]

/**
 * A registration post's reads in one batch: the session with its activity and seats held, and
 * this client's rate-limit hits so far (one counted now).
 * @example const { row, hits } = await sessionForPost(db, 7, { key: 'registration:1.2.3.4', windowMs: 600_000 })
 */
export const sessionForPost = async (
  db: Db,
  sessionId: number,
  hit: { key: string; windowMs: number },
): Promise<{ row: SessionWithActivity | undefined; hits: number }> => {
  // One select per table: in a batch, drizzle maps a join's rows by column name, and the two
  // tables share names (id, status, …).
  const [sessions, activity, seats, hits] = await db.batch([
    db.select().from(activitySessions).where(eq(activitySessions.id, sessionId)),
    db
      .select()
      .from(activities)
      .where(
        eq(activities.id, sql`(SELECT activity_id FROM activity_sessions WHERE id = ${sessionId})`),
      ),
    rawAll<{ n: number }>(db, sql`SELECT ${seatsSql(sessionId)} AS n`),
    rawAll<{ count: number }>(db, hitStatement(hit.key, hit.windowMs)),
  ])
  const row =
    sessions[0] && activity[0]
      ? { session: sessions[0], activity: activity[0], seatsTaken: seats[0].n }
      : undefined
  return { row, hits: hits[0]?.count ?? 0 }
}

/** Why a registration was refused, from the current state (when `registerParty` returned null). */
export const refusalOf = (
  activity: { status: string; opensAt: number | null; closesAt: number | null },
  session: { startsAt: number; endsAt: number; maxParty: number },
  partySize: number,
  source: 'web' | 'staff',
  now = Date.now(),
  lang: Lang = 'zh',
) => {
  const m = REGISTRATION_MESSAGES[lang]
  if (activity.status !== 'published') return new ApiError('conflict', m.notPublished)
  if (activity.opensAt !== null && now < activity.opensAt)
    return new ApiError('conflict', m.notOpen, { errors: { opensAt: String(activity.opensAt) } })
  if (source === 'web' && activity.closesAt !== null && now >= activity.closesAt)
    return new ApiError('conflict', m.closed)
  if (source === 'web' && now >= session.startsAt) return new ApiError('conflict', m.started)
  if (now >= session.endsAt) return new ApiError('conflict', m.ended)
  if (partySize > session.maxParty)
    return validationError({ partySize: m.partyMax(session.maxParty) })
  return new ApiError('conflict', m.failed)
}

// ── the registration flow shared by the public page, the public JSON endpoint and staff ──

export type RegistrationInput = {
  /** The submission's idempotency key (see `registerParty`). */
  clientKey?: string | null
  name?: unknown
  phone?: unknown
  partySize?: unknown
  /** Raw answers to the activity's questions, by question key. */
  answers?: Record<string, unknown>
  /** The language of the messages when the registration is refused (the page's). */
  lang?: Lang
}

/**
 * Validates a registration against its session and activity (registrant and extra questions,
 * all field errors at once: `name`, `phone`, `partySize`, `answers.<key>`), registers it
 * atomically and, for volunteer activities, records the volunteer (keyed by phone). Refusals are
 * ApiErrors: 404 unknown session, 400 field errors, 409 not open / closed / duplicate phone.
 * `extra(token)` statements (an audit row via `auditRegistration`) join the registering batch.
 * @example const { reg, volunteerCode } = await createRegistration(db, 12, body, 'web')
 */
export const createRegistration = async (
  db: Db,
  target: number | SessionWithActivity,
  input: RegistrationInput,
  source: 'web' | 'staff',
  extra: (token: string) => BatchItem<'sqlite'>[] = () => [],
  now = Date.now(),
) => {
  const row = typeof target === 'number' ? await loadSessionWithActivity(db, target) : target
  if (!row || (source === 'web' && row.activity.status === 'draft'))
    throw new ApiError('not_found', '场次不存在')
  const sessionId = row.session.id
  const { session, activity } = row
  // Say "not open yet" before complaining about fields: the page tells when it opens.
  if (activity.opensAt !== null && now < activity.opensAt)
    throw refusalOf(activity, session, 1, source, now, input.lang)
  const errors: Record<string, string> = {}
  const who = registrantSchema(session.maxParty, input.lang).safeParse(input)
  if (!who.success)
    for (const issue of who.error.issues) errors[String(issue.path[0] ?? '_')] ??= issue.message
  const questions = JSON.parse(activity.questions) as Field[]
  const answers = validateAnswers(questions, input.answers ?? {}, { lang: input.lang })
  if (!answers.ok)
    for (const [key, message] of Object.entries(answers.errors)) errors[`answers.${key}`] = message
  if (!who.success || !answers.ok) throw validationError(errors)
  const volunteer = activity.kind === 'volunteer'
  const code = newVolunteerCode()
  const { reg, results } = await registerParty(
    db,
    { sessionId, ...who.data, answers: answers.answers, source, clientKey: input.clientKey, now },
    (token) => [
      // A volunteer activity records the volunteer (keyed by phone) once the registration exists.
      ...(volunteer
        ? [
            rawAll<{ code: string }>(
              db,
              sql`
              INSERT INTO volunteers (phone, name, neighborhood_id, code, created_at, updated_at)
              SELECT ${who.data.phone}, ${who.data.name}, ${activity.neighborhoodId}, ${code}, ${now}, ${now}
              WHERE EXISTS (SELECT 1 FROM registrations WHERE token = ${token})
              ON CONFLICT (phone) DO UPDATE SET updated_at = excluded.updated_at
              RETURNING code`,
            ),
          ]
        : []),
      ...extra(token),
    ],
  )
  if (!reg) throw refusalOf(activity, session, who.data.partySize, source, now, input.lang)
  const volunteerCode = !volunteer
    ? null
    : ((results[0] as { code: string }[] | undefined)?.[0]?.code ??
      (await volunteerCodeOf(db, who.data.phone)))
  return { reg, session, activity, volunteerCode }
}

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
    SELECT ${now}, ${userId}, 'create', 'registrations', CAST(id AS TEXT),
           json_patch(${JSON.stringify(after)}, json_object('status', status, 'seq', seq))
    FROM registrations WHERE token = ${token}`,
  )

// ── reads for the public pages ──

/** A non-draft activity by id (digits) or slug. */
export const activityByKey = async (db: Db, key: string) => {
  const where = /^\d{1,12}$/.test(key)
    ? eq(activities.id, Number(key))
    : eq(activities.slug, key.toLowerCase())
  const [row] = await db.select().from(activities).where(where)
  return row && row.status !== 'draft' ? row : undefined
}

/**
 * A non-draft activity by id or slug with its sessions (seats held, waitlist length) by start
 * time, in one query (the public page's only one).
 */
export const activityPageData = async (db: Db, key: string) => {
  const where = /^\d{1,12}$/.test(key)
    ? eq(activities.id, Number(key))
    : eq(activities.slug, key.toLowerCase())
  const rows = await db
    .select({
      activity: activities,
      session: activitySessions,
      seatsTaken: SEATS_TAKEN,
      waitlistCount: SESSION_COUNTS.waitlistCount,
    })
    .from(activities)
    .leftJoin(activitySessions, eq(activitySessions.activityId, activities.id))
    .where(where)
    .orderBy(activitySessions.startsAt, activitySessions.id)
  const activity = rows[0]?.activity
  if (!activity || activity.status === 'draft') return undefined
  const sessions = rows.flatMap((r) =>
    r.session
      ? [
          {
            session: r.session,
            seatsTaken: Number(r.seatsTaken),
            waitlistCount: Number(r.waitlistCount),
          },
        ]
      : [],
  )
  return { activity, sessions }
}

/** An activity's sessions with their seats held and waitlist length, by start time. */
export const sessionsOf = (db: Db, activityId: number) =>
  db
    .select({
      session: activitySessions,
      seatsTaken: SEATS_TAKEN,
      waitlistCount: SESSION_COUNTS.waitlistCount,
    })
    .from(activitySessions)
    .where(eq(activitySessions.activityId, activityId))
    .orderBy(activitySessions.startsAt, activitySessions.id)

const withContext = (db: Db) =>
  db
    .select({
      reg: registrations,
      waitlistPosition: WAITLIST_POSITION,
      session: activitySessions,
      activity: activities,
    })
    .from(registrations)
    .innerJoin(activitySessions, eq(activitySessions.id, registrations.sessionId))
    .innerJoin(activities, eq(activities.id, registrations.activityId))

/** A registration with its session and activity by its manage token (/r/<token>). */
export const registrationByToken = async (db: Db, token: string) =>
  /^[A-Za-z0-9_-]{16,64}$/.test(token)
    ? (await withContext(db).where(eq(registrations.token, token)))[0]
    : undefined

/** A registration with its session and activity by its check-in code (/c/<code>). */
export const registrationByCheckinCode = async (db: Db, code: string) =>
  /^[A-Za-z0-9_-]{8,64}$/.test(code)
    ? (await withContext(db).where(eq(registrations.checkinCode, code)))[0]
    : undefined

/** A session's registrations with context, for the staff check-in page (`q`: digits or name). */
export const checkinList = (db: Db, sessionId: number, q: string) => {
  const text = q.trim()
  const search = !text
    ? undefined
    : /^\d{1,11}$/.test(text)
      ? sql`${registrations.phone} LIKE ${`%${text}`}`
      : sql`${registrations.name} LIKE ${`%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} ESCAPE '\\'`
  return withContext(db)
    .where(
      search
        ? sql`${registrations.sessionId} = ${sessionId} AND ${search}`
        : eq(registrations.sessionId, sessionId),
    )
    .orderBy(
      sql`CASE ${registrations.status} WHEN 'confirmed' THEN 0 WHEN 'checked_in' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END`,
      registrations.seq,
    )
    .limit(300)
}

/** A volunteer by phone and code, with their registrations for volunteer activities. */
export const volunteerView = async (db: Db, phone: string, code: string) => {
  const volunteer = await db.get<{ id: number; name: string } | undefined>(
    sql`SELECT id, name FROM volunteers WHERE phone = ${phone} AND code = ${code}`,
  )
  if (!volunteer) return undefined
  const shifts = await withContext(db)
    .where(sql`${registrations.phone} = ${phone} AND ${activities.kind} = 'volunteer'`)
    .orderBy(activitySessions.startsAt)
  return { volunteer, shifts }
}

/** One registration of a session, with context (the staff check-in page). */
export const registrationInSession = async (db: Db, sessionId: number, id: number) =>
  (
    await withContext(db).where(
      sql`${registrations.id} = ${id} AND ${registrations.sessionId} = ${sessionId}`,
    )
  )[0]

/** The ids of a session's registrations that are still confirmed (the no-show candidates). */
export const confirmedIdsOf = async (db: Db, sessionId: number) =>
  (
    await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(
        sql`${registrations.sessionId} = ${sessionId} AND ${registrations.status} = 'confirmed'`,
      )
  ).map((r) => r.id)

/**
 * Marks the still-confirmed registrations of an ended session as no-shows, audited in the same
 * batch (the staff page and both API routes use it). Returns the ids marked.
 */
export const markNoShows = async (
  db: Db,
  user: { id: number },
  sessionId: number,
  now = Date.now(),
) => {
  const ids = await confirmedIdsOf(db, sessionId)
  const [marked] = (await db.batch([
    noShowStatement(db, sessionId, ids, now),
    db.insert(auditLog).values({
      at: now,
      userId: user.id,
      action: 'no-show',
      resource: 'activity-sessions',
      recordId: String(sessionId),
      before: JSON.stringify({ status: 'confirmed', registrationIds: ids }),
      after: JSON.stringify({ status: 'no_show', registrationIds: ids }),
    }),
  ])) as unknown as [{ id: number }[]]
  return marked.map((r) => r.id)
}
