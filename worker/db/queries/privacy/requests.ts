import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { maskPhone, normalizePhone } from '../../../domain/masking'
import type { AuditAction, PrivacyRequestKind, RevealPurpose } from '../../../domain/vocabulary'
import { batchRows } from '../../batch'

// The request queue (privacy_requests), the phone behind a masked field (reveal), and the log of
// who saw or took personal data (audit_log actions reveal / export / copy / erase).

export type RequestRow = {
  id: number
  townId: number | null
  phone: string | null
  phoneHint: string
  kind: PrivacyRequestKind
  status: 'open' | 'done' | 'refused'
  verifiedVia: 'code' | 'committee'
  receivedAt: number
  dueAt: number
  note: string
  createdBy: number | null
  handledBy: number | null
  doneAt: number | null
  result: string | null
}

const COLUMNS = sql`id, town_id AS townId, phone, phone_hint AS phoneHint, kind, status,
  verified_via AS verifiedVia, received_at AS receivedAt, due_at AS dueAt, note,
  created_by AS createdBy, handled_by AS handledBy, done_at AS doneAt, result`

/** The requests of `towns` (null: all), open ones first by deadline, then the latest done. */
export const listRequests = async (db: Db, towns: number[] | null) => {
  const where =
    towns === null
      ? sql`1`
      : sql`town_id IN (SELECT value FROM json_each(${JSON.stringify(towns)}))`
  const [rows] = await batchRows(db, [
    sql`SELECT ${COLUMNS} FROM privacy_requests WHERE ${where}
      ORDER BY status <> 'open', CASE WHEN status = 'open' THEN due_at ELSE -received_at END LIMIT 200`,
  ])
  return rows as RequestRow[]
}

export const requestById = async (db: Db, id: number) => {
  const [rows] = await batchRows(db, [
    sql`SELECT ${COLUMNS} FROM privacy_requests WHERE id = ${id}`,
  ])
  return (rows[0] as RequestRow | undefined) ?? null
}

/** Files a request and the audit entry of who filed it, in one batch; returns its row. */
export const fileRequest = async (
  db: Db,
  r: {
    townId: number | null
    phone: string
    kind: PrivacyRequestKind
    verifiedVia: 'code' | 'committee'
    note: string
    at: number
    dueAt: number
    userId: number | null
  },
) => {
  const phone = normalizePhone(r.phone)
  const [rows] = await batchRows(db, [
    sql`INSERT INTO privacy_requests (town_id, phone, phone_hint, kind, verified_via, received_at,
        due_at, note, created_by)
      VALUES (${r.townId}, ${phone}, ${maskPhone(phone)}, ${r.kind}, ${r.verifiedVia}, ${r.at},
        ${r.dueAt}, ${r.note}, ${r.userId})
      RETURNING ${COLUMNS}`,
    sql`INSERT INTO audit_log (at, user_id, action, resource, record_id, after)
      VALUES (${r.at}, ${r.userId}, ${'create' satisfies AuditAction}, 'privacy-requests', CAST(last_insert_rowid() AS TEXT),
        ${JSON.stringify({ kind: r.kind, phone: maskPhone(phone), verifiedVia: r.verifiedVia })})`,
  ])
  return rows[0] as RequestRow
}

/**
 * Closes a request (done or refused): a done deletion forgets the phone (the hint stays), logs
 * `purge_log` kind 'request' and the audit entry; a copy logs 'copy'.
 */
export const closeRequest = async (
  db: Db,
  r: {
    id: number
    status: 'done' | 'refused'
    /** The audit action: 'erase' (a deletion done), 'copy' (a copy given) or 'refuse'. */
    action: 'erase' | 'copy' | 'refuse'
    userId: number
    at: number
    result?: unknown
    note?: string
    erased?: number
  },
) => {
  const statements: SQL[] = [
    sql`UPDATE privacy_requests SET status = ${r.status}, done_at = ${r.at}, handled_by = ${r.userId},
        result = ${r.result === undefined ? null : JSON.stringify(r.result)},
        note = CASE WHEN ${r.note ?? ''} = '' THEN note ELSE ${r.note ?? ''} END,
        phone = CASE WHEN kind = 'deletion' AND ${r.status} = 'done' THEN NULL ELSE phone END
      WHERE id = ${r.id} AND status = 'open'`,
    sql`INSERT INTO audit_log (at, user_id, action, resource, record_id, after)
      VALUES (${r.at}, ${r.userId}, ${r.action}, 'privacy-requests', ${String(r.id)},
        ${JSON.stringify({ result: r.result ?? null, note: r.note ?? '' })})`,
  ]
  if (r.erased !== undefined)
    statements.push(
      sql`INSERT INTO purge_log (at, kind, count, request_id) VALUES (${r.at}, 'request', ${r.erased}, ${r.id})`,
    )
  await batchRows(db, statements)
}

/** Personal-data resources whose phone staff may reveal, and where each record lives. */
export const REVEALABLE = {
  topics: sql`SELECT t.submitter_phone AS phone, t.neighborhood_id AS neighborhoodId, n.town_id AS townId,
      0 AS forChildren, t.id AS id FROM topics t JOIN neighborhoods n ON n.id = t.neighborhood_id WHERE t.id = `,
  registrations: sql`SELECT CASE WHEN r.purged_at IS NULL THEN r.phone END AS phone, a.neighborhood_id AS neighborhoodId,
      n.town_id AS townId, a.for_children AS forChildren, r.id AS id FROM registrations r
      JOIN activities a ON a.id = r.activity_id JOIN neighborhoods n ON n.id = a.neighborhood_id WHERE r.id = `,
  volunteers: sql`SELECT CASE WHEN v.purged_at IS NULL THEN v.phone END AS phone, v.neighborhood_id AS neighborhoodId,
      n.town_id AS townId, 0 AS forChildren, v.id AS id FROM volunteers v
      LEFT JOIN neighborhoods n ON n.id = v.neighborhood_id WHERE v.id = `,
  'meeting-attendees': sql`SELECT a.phone, m.neighborhood_id AS neighborhoodId, n.town_id AS townId,
      0 AS forChildren, a.id AS id FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
      JOIN neighborhoods n ON n.id = m.neighborhood_id WHERE a.id = `,
  'form-responses': sql`SELECT fr.phone, f.neighborhood_id AS neighborhoodId, f.town_id AS townId,
      f.for_children AS forChildren, fr.id AS id FROM form_responses fr JOIN forms f ON f.id = fr.form_id
      WHERE fr.id = `,
} as const

export type RevealResource = keyof typeof REVEALABLE

export type RevealTarget = {
  phone: string | null
  neighborhoodId: number | null
  townId: number | null
  forChildren: number
  id: number
}

/**
 * The record behind a masked phone, the contact consent's state on it (a topic or sign-in whose
 * consent was withdrawn is not revealed), or null when there is no such record.
 */
export const revealTarget = async (db: Db, resource: RevealResource, id: number) => {
  const subject =
    resource === 'topics' ? 'topic' : resource === 'meeting-attendees' ? 'meeting_attendee' : null
  const [rows, withdrawn] = await batchRows(db, [
    sql`${REVEALABLE[resource]}${id}`,
    subject
      ? sql`SELECT 1 FROM consents WHERE subject_type = ${subject} AND subject_id = ${id}
          AND purpose = 'contact' AND withdrawn_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM consents c2 WHERE c2.subject_type = ${subject}
            AND c2.subject_id = ${id} AND c2.purpose = 'contact' AND c2.withdrawn_at IS NULL)`
      : sql`SELECT 1 WHERE 0`,
  ])
  const row = rows[0] as RevealTarget | undefined
  return row ? { ...row, withdrawn: withdrawn.length > 0 } : null
}

/** The audit entry of a reveal: who, which record, why. */
export const logReveal = (
  db: Db,
  e: { userId: number; resource: RevealResource; id: number; purpose: RevealPurpose; at: number },
) =>
  batchRows(db, [
    sql`INSERT INTO audit_log (at, user_id, action, resource, record_id, after)
      VALUES (${e.at}, ${e.userId}, ${'reveal' satisfies AuditAction}, ${e.resource}, ${String(e.id)},
        ${JSON.stringify({ purpose: e.purpose, field: 'phone' })})`,
  ])

export type AccessLogRow = {
  id: number
  at: number
  userId: number | null
  userName: string | null
  action: string
  resource: string
  recordId: string | null
  after: string | null
}

/**
 * Who saw or took personal data: reveal / export / copy / erase entries, by staff member
 * (`userId`) or by resident (`phone`: the records stored under it, and requests about it).
 */
export const accessLog = async (db: Db, by: { userId?: number; phone?: string }) => {
  const conditions: SQL[] = [sql`l.action IN ('reveal', 'export', 'copy', 'erase')`]
  if (by.userId) conditions.push(sql`l.user_id = ${by.userId}`)
  if (by.phone) {
    const p = normalizePhone(by.phone)
    const hint = maskPhone(p)
    conditions.push(sql`(
      (l.resource = 'topics' AND l.record_id IN (SELECT CAST(id AS TEXT) FROM topics WHERE submitter_phone = ${p}))
      OR (l.resource = 'registrations' AND l.record_id IN (SELECT CAST(id AS TEXT) FROM registrations WHERE phone = ${p}))
      OR (l.resource = 'volunteers' AND l.record_id IN (SELECT CAST(id AS TEXT) FROM volunteers WHERE phone = ${p}))
      OR (l.resource = 'meeting-attendees' AND l.record_id IN (SELECT CAST(id AS TEXT) FROM meeting_attendees WHERE phone = ${p}))
      OR (l.resource = 'form-responses' AND l.record_id IN (SELECT CAST(id AS TEXT) FROM form_responses WHERE phone = ${p}))
      OR (l.resource = 'privacy-requests' AND l.record_id IN (SELECT CAST(id AS TEXT) FROM privacy_requests WHERE phone = ${p} OR phone_hint = ${hint})))`)
  }
  const [rows] = await batchRows(db, [
    sql`SELECT l.id, l.at, l.user_id AS userId, u.display_name AS userName, l.action, l.resource,
        l.record_id AS recordId, l.after FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
      WHERE ${sql.join(conditions, sql` AND `)} ORDER BY l.id DESC LIMIT 500`,
  ])
  return rows as AccessLogRow[]
}

/**
 * The town a resident's request belongs to, from where the phone left records (its latest topic,
 * registration, form response, volunteer record or meeting sign-in); null when none (then the
 * administrators handle it).
 */
export const townOfPhone = async (db: Db, input: string) => {
  const phone = normalizePhone(input)
  const [rows] = await batchRows(db, [
    sql`SELECT town_id AS townId FROM (
      SELECT n.town_id, t.created_at AS at FROM topics t JOIN neighborhoods n ON n.id = t.neighborhood_id
        WHERE t.submitter_phone = ${phone}
      UNION ALL SELECT n.town_id, r.created_at FROM registrations r JOIN activities a ON a.id = r.activity_id
        JOIN neighborhoods n ON n.id = a.neighborhood_id WHERE r.phone = ${phone}
      UNION ALL SELECT f.town_id, fr.created_at FROM form_responses fr JOIN forms f ON f.id = fr.form_id
        WHERE fr.phone = ${phone}
      UNION ALL SELECT n.town_id, v.created_at FROM volunteers v JOIN neighborhoods n ON n.id = v.neighborhood_id
        WHERE v.phone = ${phone}
      UNION ALL SELECT n.town_id, a.created_at FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
        JOIN neighborhoods n ON n.id = m.neighborhood_id WHERE a.phone = ${phone}
    ) WHERE town_id IS NOT NULL ORDER BY at DESC LIMIT 1`,
  ])
  return (rows[0] as { townId: number } | undefined)?.townId ?? null
}

/** The open request of `kind` about `phone`, if any (a resident asking twice gets the first). */
export const openRequestOf = async (db: Db, input: string, kind: PrivacyRequestKind) => {
  const [rows] = await batchRows(db, [
    sql`SELECT ${COLUMNS} FROM privacy_requests
      WHERE phone = ${normalizePhone(input)} AND kind = ${kind} AND status = 'open'
      ORDER BY id LIMIT 1`,
  ])
  return (rows[0] as RequestRow | undefined) ?? null
}
