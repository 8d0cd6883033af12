import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { activities, activitySessions, registrations } from '../../schema'
import { batch, rawAll } from '../../batch'
import { hitStatement } from '../rate-limit'
import { SEATS_TAKEN, SESSION_COUNTS, seatsSql, WAITLIST_POSITION } from './seats'

// Reads of activities, sessions and registrations for the public pages (/a, /r, /c, /v), the
// staff check-in page and the staff API.

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

/**
 * One session with its activity and its counts by registration status (the staff check-in
 * page's header); undefined when there is none.
 * @example const row = await sessionWithCounts(db, 12); row?.s.startsAt
 */
export const sessionWithCounts = async (db: Db, id: number) => {
  const [row] = await db
    .select({ s: activitySessions, a: activities, ...SESSION_COUNTS })
    .from(activitySessions)
    .innerJoin(activities, eq(activities.id, activitySessions.activityId))
    .where(eq(activitySessions.id, id))
  return row
}

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
  const [sessions, activity, seats, hits] = await batch(db, [
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
      waitlistPeople: SESSION_COUNTS.waitlistSeats,
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
            waitlistPeople: Number(r.waitlistPeople),
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

/**
 * A session's registrations with context, for the staff check-in page (`q`: the end of the phone
 * or part of the name, each only when `searchable` says the caller may search it; else nothing).
 */
export const checkinList = (
  db: Db,
  sessionId: number,
  q: string,
  searchable: { phone: boolean; name: boolean },
) => {
  const text = q.trim()
  const search = !text
    ? undefined
    : /^\d{1,11}$/.test(text) && searchable.phone
      ? sql`substr(${registrations.phone}, ${-text.length}) = ${text}`
      : searchable.name
        ? sql`instr(lower(${registrations.name}), lower(${text})) > 0`
        : sql`0`
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
