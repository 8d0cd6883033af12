import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { normalizePhone } from '../../../domain/masking'
import { anonymisedAnswers } from '../../../domain/privacy/retention'
import { batch, batchRows, rawAll, rawStatement, type Statement } from '../../batch'
import { eraseOutboxOfPhoneStatement } from '../notify/outbox'

// Everything stored under a phone (a copy for its owner) and its deletion across the tables
// (docs/privacy.md). Rows stay, anonymous: counts and statistics stay right.

/**
 * Everything stored under `phone`, in one batch: the copy a resident asks for (PIPL Art. 45).
 * @example const copy = await dataOfPhone(db, '13812345678')
 */
export const dataOfPhone = async (db: Db, input: string) => {
  const phone = normalizePhone(input)
  const [
    topics,
    supports,
    registrations,
    responses,
    volunteers,
    attendances,
    consents,
    verified,
    messages,
    requests,
  ] = await batchRows(db, [
    sql`SELECT t.id, t.tracking_code AS trackingCode, t.title, t.status, t.submitter_name AS name,
          t.submitter_phone AS phone, t.created_at AS createdAt, n.name AS neighborhood
        FROM topics t JOIN neighborhoods n ON n.id = t.neighborhood_id
        WHERE t.submitter_phone = ${phone} ORDER BY t.id`,
    sql`SELECT s.id, s.tracking_code AS trackingCode, t.title AS topic, s.created_at AS createdAt
        FROM supports s JOIN topics t ON t.id = s.topic_id WHERE s.phone = ${phone} ORDER BY s.id`,
    sql`SELECT r.id, a.title AS activity, s.starts_at AS startsAt, r.name, r.phone, r.party_size AS partySize,
          r.status, r.answers, r.guardian_relation AS guardianRelation, r.child_name AS childName,
          r.child_age AS childAge, r.created_at AS createdAt
        FROM registrations r JOIN activities a ON a.id = r.activity_id
        JOIN activity_sessions s ON s.id = r.session_id WHERE r.phone = ${phone} ORDER BY r.id`,
    sql`SELECT fr.id, f.title AS form, fr.receipt, fr.answers, fr.guardian_name AS guardianName,
        fr.guardian_relation AS guardianRelation, fr.child_name AS childName,
        fr.child_age AS childAge, fr.created_at AS createdAt
        FROM form_responses fr JOIN forms f ON f.id = fr.form_id WHERE fr.phone = ${phone} ORDER BY fr.id`,
    sql`SELECT id, name, phone, skills, note, created_at AS createdAt FROM volunteers
        WHERE phone = ${phone}`,
    sql`SELECT a.id, m.title AS meeting, m.starts_at AS startsAt, a.name, a.phone
        FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id WHERE a.phone = ${phone}`,
    sql`SELECT subject_type AS subjectType, subject_id AS subjectId, purpose, medium,
          notice_version AS noticeVersion, given_via AS givenVia, given_at AS givenAt,
          withdrawn_at AS withdrawnAt, withdrawn_via AS withdrawnVia
        FROM consents WHERE phone = ${phone} ORDER BY id`,
    sql`SELECT verified_at AS verifiedAt, verified_via AS verifiedVia FROM verified_phones
        WHERE phone = ${phone}`,
    sql`SELECT id, medium, template_key AS template, subject_type AS subjectType,
          subject_id AS subjectId, status, created_at AS createdAt, sent_at AS sentAt
        FROM outbox WHERE recipient = ${phone} ORDER BY id DESC LIMIT 200`,
    sql`SELECT id, kind, status, verified_via AS verifiedVia, received_at AS receivedAt,
          due_at AS dueAt, done_at AS doneAt
        FROM privacy_requests WHERE phone = ${phone} ORDER BY id DESC`,
  ])
  return {
    phone,
    topics,
    supports,
    registrations,
    formResponses: responses,
    volunteers,
    meetingAttendances: attendances,
    consents,
    verifiedPhone: verified[0] ?? null,
    messages,
    requests,
  }
}

export type PhoneData = Awaited<ReturnType<typeof dataOfPhone>>

/** The tables a deletion touches, in the order of `eraseStatements` (the result names them). */
const ERASED = [
  'topics',
  'supports',
  'registrations',
  'volunteers',
  'meeting_attendees',
  'consents',
  'verified_phones',
  'phone_codes',
  'phone_sessions',
  'outbox',
] as const

const eraseQueries = (phone: string, now: number): SQL[] => [
  sql`UPDATE topics SET submitter_name = NULL, submitter_phone = NULL, purged_at = ${now}
    WHERE submitter_phone = ${phone}`,
  sql`UPDATE supports SET phone = NULL WHERE phone = ${phone}`,
  sql`UPDATE registrations SET name = '', phone = '#' || id, answers = '{}', guardian_relation = NULL,
      child_name = NULL, child_age = NULL, purged_at = ${now} WHERE phone = ${phone}`,
  sql`UPDATE volunteers SET name = '', phone = '#' || id, note = '', skills = '[]', tags = '[]',
      purged_at = ${now} WHERE phone = ${phone}`,
  sql`UPDATE meeting_attendees SET name = NULL, phone = NULL, purged_at = ${now} WHERE phone = ${phone}`,
  sql`UPDATE consents SET withdrawn_at = COALESCE(withdrawn_at, ${now}),
      withdrawn_via = COALESCE(withdrawn_via, 'staff'), phone = NULL WHERE phone = ${phone}`,
  sql`DELETE FROM verified_phones WHERE phone = ${phone}`,
  sql`DELETE FROM phone_codes WHERE phone = ${phone}`,
  sql`DELETE FROM phone_sessions WHERE phone = ${phone}`,
]

/** Every erasing statement, each followed by how many rows it changed. */
const eraseStatements = (db: Db, phone: string, now: number): Statement[] =>
  [
    ...eraseQueries(phone, now).map((q) => rawStatement(db, q)),
    eraseOutboxOfPhoneStatement(db, phone, now),
  ].flatMap((s) => [s, rawAll<{ n: number }>(db, sql`SELECT changes() AS n`)])

type DueResponse = { id: number; answers: string; fields: string }

/**
 * Erases everything stored under `phone` (a resident's deletion request, PIPL Art. 47), leaving
 * anonymous rows: names and phones blanked, form answers cut to what identifies nobody, consents
 * withdrawn and without the phone, verification rows deleted, messages to the phone left without
 * recipient or parameters (waiting ones skipped). Returns per table how many rows
 * were touched. Run it again and it finds nothing.
 * @example await erasePhone(db, '13812345678') // { topics: 2, registrations: 1, form_responses: 1, … }
 */
export const erasePhone = async (db: Db, input: string, now = Date.now()) => {
  const phone = normalizePhone(input)
  const [rows] = await batchRows(db, [
    sql`SELECT fr.id, fr.answers, v.fields FROM form_responses fr
      JOIN form_versions v ON v.form_id = fr.form_id AND v.version = fr.version
      WHERE fr.phone = ${phone}`,
  ])
  const responses = rows as DueResponse[]
  const results = (await batch(db, [
    ...eraseStatements(db, phone, now),
    ...responses.map((r) =>
      rawStatement(
        db,
        sql`UPDATE form_responses SET phone = NULL, purged_at = ${now}, guardian_name = NULL,
          guardian_relation = NULL, child_name = NULL, child_age = NULL,
          answers = ${JSON.stringify(anonymisedAnswers(JSON.parse(r.fields), JSON.parse(r.answers)))}
        WHERE id = ${r.id}`,
      ),
    ),
  ])) as unknown[][]
  const counts: Record<string, number> = {}
  ERASED.forEach((table, i) => {
    counts[table] = (results[i * 2 + 1]![0] as { n: number }).n
  })
  counts.form_responses = responses.length
  return counts
}
