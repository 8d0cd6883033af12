import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { batchRows } from '../../batch'
import { hitStatement } from '../rate-limit'
import { consentForRowsSql } from '../privacy/consents'
import { NOTICE_VERSION } from '../../../domain/privacy/consent'
import {
  DEFAULT_LENGTH_MS,
  SIGN_IN_CLOSES_AFTER_MS,
  SIGN_IN_OPENS_BEFORE_MS,
} from '../../../domain/meetings/meeting'
import type { MeetingDecision, MeetingKind, MeetingStatus } from '../../../domain/vocabulary'

// What residents see of meetings: the door sign-in page (`/m/<code>`) and the meetings on the
// neighborhood board. Public data only: no names, phones or staff. Each page's reads ride in ONE
// D1 batch, keyed by what the URL carries (the code, the board's neighborhood subquery).

export type DoorMeeting = {
  id: number
  kind: MeetingKind
  title: string
  startsAt: number
  endsAt: number | null
  place: string
  host: string
  status: MeetingStatus
  neighborhoodName: string
  neighborhoodSlug: string
  gridName: string | null
  signIns: number
}

export type DoorView = { meeting: DoorMeeting; agenda: string[] }

/** At most this many agenda titles on the door page: it stays small. */
const DOOR_AGENDA = 20

const doorQueries = (code: string) => [
  sql`SELECT m.id, m.kind, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.place, m.host,
      m.status, n.name AS neighborhoodName, n.slug AS neighborhoodSlug, g.name AS gridName,
      (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) AS signIns
    FROM meetings m JOIN neighborhoods n ON n.id = m.neighborhood_id
      LEFT JOIN grids g ON g.id = m.grid_id
    WHERE m.code = ${code}`,
  sql`SELECT t.title FROM meeting_items i JOIN topics t ON t.id = i.topic_id
    WHERE i.meeting_id = (SELECT id FROM meetings WHERE code = ${code})
    ORDER BY i.sort_order, i.id LIMIT ${DOOR_AGENDA}`,
]

const toDoorView = ([[meeting], agenda]: unknown[][]): DoorView | null =>
  meeting
    ? {
        meeting: meeting as DoorMeeting,
        agenda: (agenda as { title: string }[]).map((a) => a.title),
      }
    : null

/** The door page of a meeting by its code, or null. */
export const doorView = async (db: Db, code: string) =>
  toDoorView(await batchRows(db, doorQueries(code)))

export type DoorSignIn = {
  code: string
  /** The form's idempotency key: a resend finds the sign-in the first attempt made. */
  key: string
  name: string | null
  phone: string | null
  consentAt: number | null
  hit: { key: string; windowMs: number; limit: number }
  now: number
}

export type DoorResult = {
  view: DoorView | null
  /** This key's sign-in (made now or by an earlier attempt), with its place in arrival order. */
  signedIn: { seq: number; phone: string | null } | null
  /** The phone had already signed in to this meeting (under another key). */
  phoneTaken: boolean
  /** The key had signed someone else in before (another name or phone): nothing is stored. */
  keyReused: boolean
  hits: number
}

/**
 * Signs a resident in at the door, in ONE batch: counts the rate-limit hit, inserts the sign-in
 * only while the door is open (domain/meetings/meeting.ts `signInState`), the client under its
 * limit, and neither the key nor the phone used on this meeting yet; then reads back this key's
 * sign-in and the page. A resend with the same key inserts nothing and finds the first one; the
 * key reused with another name or phone finds nothing either (`keyReused`: 422, as Stripe does).
 * @example const r = await signInAtDoor(db, { code: 'K7QM4XRT', key, name: null, phone: null, consentAt: null, hit, now })
 */
export const signInAtDoor = async (db: Db, s: DoorSignIn): Promise<DoorResult> => {
  const meetingId = sql`(SELECT id FROM meetings WHERE code = ${s.code})`
  const [hitRows, , mine, taken, , ...page] = await batchRows(db, [
    hitStatement(s.hit.key, s.hit.windowMs, s.now),
    sql`INSERT INTO meeting_attendees (meeting_id, name, phone, consent_at, source, client_key, created_at)
      SELECT m.id, ${s.name}, ${s.phone}, ${s.consentAt}, 'qr', ${s.key}, ${s.now} FROM meetings m
      WHERE m.code = ${s.code} AND m.status <> 'cancelled'
        AND ${s.now} >= m.starts_at - ${SIGN_IN_OPENS_BEFORE_MS}
        AND ${s.now} <= coalesce(m.ends_at, m.starts_at + ${DEFAULT_LENGTH_MS}) + ${SIGN_IN_CLOSES_AFTER_MS}
        AND (SELECT count FROM rate_limits WHERE key = ${s.hit.key}) <= ${s.hit.limit}
      ON CONFLICT DO NOTHING`,
    // changes(): whether the insert above added this sign-in (0 when the key had one already).
    sql`SELECT a.phone, a.name, changes() AS inserted, (SELECT count(*) FROM meeting_attendees b
        WHERE b.meeting_id = a.meeting_id AND b.id <= a.id) AS seq
      FROM meeting_attendees a WHERE a.meeting_id = ${meetingId} AND a.client_key = ${s.key}`,
    s.phone
      ? sql`SELECT 1 FROM meeting_attendees WHERE meeting_id = ${meetingId} AND phone = ${s.phone}`
      : sql`SELECT 1 WHERE 0`,
    // The consent to keep name and phone, recorded with the notice version (#17).
    s.consentAt
      ? consentForRowsSql(
          {
            subjectType: 'meeting_attendee',
            purpose: 'contact',
            noticeVersion: NOTICE_VERSION,
            givenVia: 'web',
            at: s.now,
          },
          sql`SELECT n.town_id, a.phone, a.id AS subject_id FROM meeting_attendees a
            JOIN meetings m ON m.id = a.meeting_id JOIN neighborhoods n ON n.id = m.neighborhood_id
            WHERE m.code = ${s.code} AND a.client_key = ${s.key}`,
        )
      : sql`SELECT 1 WHERE 0`,
    ...doorQueries(s.code),
  ])
  const [found] = mine as {
    phone: string | null
    name: string | null
    inserted: number
    seq: number
  }[]
  // A resend of the same sign-in finds it; the key reused with another name or phone does not.
  const keyReused =
    !!found && found.inserted === 0 && (found.name !== s.name || found.phone !== s.phone)
  const row = found && !keyReused ? { phone: found.phone, seq: found.seq } : null
  return {
    view: toDoorView(page),
    signedIn: row,
    keyReused,
    phoneTaken: !found && taken.length > 0,
    hits: (hitRows[0] as { count: number } | undefined)?.count ?? 0,
  }
}

// ── the board ──

export type BoardMeeting = {
  id: number
  kind: MeetingKind
  title: string
  startsAt: number
  place: string
  host: string
  minutes: string
  attendance: number
}

export type BoardItem = {
  meetingId: number
  topicTitle: string
  present: number
  inFavour: number
  against: number
  abstain: number
  decision: MeetingDecision
  referredTo: string | null
  note: string | null
  projectTitle: string | null
}

export type UpcomingMeeting = Omit<BoardMeeting, 'minutes' | 'attendance'>

export type BoardMeetings = {
  /** The latest meetings held, newest first, each with its decided items (the minutes). */
  held: (BoardMeeting & { items: BoardItem[] })[]
  /** The next meetings, soonest first, with their agenda's titles. */
  upcoming: (UpcomingMeeting & { agenda: string[] })[]
}

/** How many of each the board shows. */
const BOARD_HELD = 3
const BOARD_UPCOMING = 2
/** A meeting that started this long ago still shows as upcoming (it may be under way). */
const UPCOMING_GRACE_MS = 3 * 3_600_000

/**
 * The statements of the board's meetings, for the board's own batch (`nid`: its neighborhood,
 * an id or a subquery); `toBoardMeetings` reads their rows.
 * @example const rows = await batchRows(db, [...other, ...boardMeetingQueries(nid, now)])
 */
export const boardMeetingQueries = (nid: SQL | number, now: number): SQL[] => {
  const held = sql`SELECT id FROM meetings WHERE neighborhood_id = ${nid} AND status = 'held'
    ORDER BY starts_at DESC LIMIT ${BOARD_HELD}`
  const upcoming = sql`SELECT id FROM meetings WHERE neighborhood_id = ${nid} AND status = 'planned'
    AND starts_at >= ${now - UPCOMING_GRACE_MS} ORDER BY starts_at LIMIT ${BOARD_UPCOMING}`
  return [
    sql`SELECT m.id, m.kind, m.title, m.starts_at AS startsAt, m.place, m.host, m.minutes,
        max(coalesce(m.headcount, 0),
            (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id)) AS attendance
      FROM meetings m WHERE m.id IN (${held}) ORDER BY m.starts_at DESC`,
    sql`SELECT i.meeting_id AS meetingId, t.title AS topicTitle, i.present, i.in_favour AS inFavour,
        i.against, i.abstain, i.decision, i.referred_to AS referredTo, i.note,
        p.title AS projectTitle
      FROM meeting_items i JOIN topics t ON t.id = i.topic_id
        LEFT JOIN projects p ON p.id = i.project_id
      WHERE i.meeting_id IN (${held}) AND i.decision IS NOT NULL
      ORDER BY i.sort_order, i.id`,
    sql`SELECT m.id, m.kind, m.title, m.starts_at AS startsAt, m.place, m.host
      FROM meetings m WHERE m.id IN (${upcoming}) ORDER BY m.starts_at`,
    sql`SELECT i.meeting_id AS meetingId, t.title FROM meeting_items i
        JOIN topics t ON t.id = i.topic_id
      WHERE i.meeting_id IN (${upcoming}) ORDER BY i.sort_order, i.id`,
  ]
}

/** The rows of `boardMeetingQueries`, in its order, as the board's meetings. */
export const toBoardMeetings = (rows: unknown[][]): BoardMeetings => {
  const [held, items, upcoming, agenda] = rows as [
    BoardMeeting[],
    BoardItem[],
    UpcomingMeeting[],
    { meetingId: number; title: string }[],
  ]
  return {
    held: held.map((m) => ({ ...m, items: items.filter((i) => i.meetingId === m.id) })),
    upcoming: upcoming.map((m) => ({
      ...m,
      agenda: agenda.filter((a) => a.meetingId === m.id).map((a) => a.title),
    })),
  }
}
