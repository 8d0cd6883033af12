// Outbox rows as statements to put in the SAME batch as the change that causes them (a topic's
// move, a waitlist promotion, a form's receipt): if the change is not written, neither is the
// message; if it is, the message is there for the queue (worker/notify/enqueue.ts) even when the
// request dies right after. Each statement writes one row per recipient with an active 'notify'
// consent (migrations/0015) and nothing otherwise, so it costs no extra call and no read.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { rawStatement, type Statement } from '../../batch'
import { outboxInsert } from './written'
import { sqlLiteral } from '../../sql'
import type { MessageTemplate } from '../../../domain/vocabulary'
import { normalizePhone } from '../../../domain/masking'
import { NOTICE_VERSION } from '../../../domain/privacy/consent'

/** The columns every insert below fills, in this order. */
const COLUMNS = sql.raw(`town_id, medium, recipient, consent_id, template_key, subject_type,
  subject_id, params, lang, event_at, dedupe_key, token, status, created_at, due_at`)

/** domain/notify/rules.ts `dedupeKey`, in SQL. */
const dedupeSql = (template: SQL, subjectType: SQL, subjectId: SQL, medium: SQL, to: SQL) =>
  sql`${template} || '|' || ${subjectType} || '|' || coalesce(${subjectId}, '') || '|' || ${medium} || '|' || ${to}`

/** An active notify consent `c` with a phone and a medium. */
const ACTIVE = sql.raw(
  `c.purpose = 'notify' AND c.withdrawn_at IS NULL AND c.phone IS NOT NULL AND c.medium IS NOT NULL`,
)

/** The resident's language where they opted in (notify_langs; Chinese without a row). */
const LANG = sql.raw(`coalesce((SELECT l.lang FROM notify_langs l
  WHERE l.subject_type = c.subject_type AND l.subject_id = c.subject_id), 'zh')`)

const TOKEN = sql.raw(`lower(hex(randomblob(16)))`)

/**
 * The messages to the filer and supporters of every topic matching `where` (over the `topics`
 * table, as topics/moves.ts builds it), about `template`. Put it BEFORE the update that moves
 * them (the condition may read the status they move from). Consents on topics merged into one
 * follow it, as their supporters do.
 * @example [...stepStatements, topicMessagesStatement(db, inArray(topics.id, [1]), 'topic_accepted', { note }, now)]
 */
export const topicMessagesStatement = (
  db: Db,
  where: SQL,
  template: MessageTemplate,
  p: { note?: string | null; referredTo?: string | null; link?: 'track' | 'evaluate' },
  now: number,
): Statement => {
  const t = sqlLiteral(template)
  const suffix = p.link === 'evaluate' ? '/evaluate' : ''
  return outboxInsert(
    db,
    sql`INSERT INTO outbox (${COLUMNS})
    SELECT n.town_id, c.medium, c.phone, c.id, ${t}, 'topic', topics.id,
      json_object('title', topics.title, 'note', ${p.note ?? ''}, 'referredTo', ${p.referredTo ?? ''},
        'link', '/t/' || topics.tracking_code || ${suffix}),
      ${LANG}, NULL, ${dedupeSql(t, sql`'topic'`, sql`topics.id`, sql`c.medium`, sql`c.phone`)},
      ${TOKEN}, 'queued', ${now}, ${now}
    FROM topics
    JOIN neighborhoods n ON n.id = topics.neighborhood_id
    JOIN consents c ON ${ACTIVE} AND (
      (c.subject_type = 'topic' AND c.subject_id = topics.id)
      OR (c.subject_type = 'topic' AND c.subject_id IN (SELECT m.id FROM topics m WHERE m.merged_into_id = topics.id))
      OR (c.subject_type = 'support' AND c.subject_id IN (SELECT s.id FROM supports s WHERE s.topic_id = topics.id)))
    WHERE ${where}`,
  )
}

/** 'next' when someone still waits for a seat of the registration `r`'s session. */
const HOLD = sql.raw(`CASE WHEN EXISTS (SELECT 1 FROM registrations q
  WHERE q.session_id = r.session_id AND q.status = 'waitlisted') THEN 'next' ELSE '' END`)

/**
 * The registration message columns: activity, session time, manage link, and `hold`: 'next' when
 * others still wait for a seat of the session (a promoted seat is confirmed at once and kept; the
 * message says so, and that cancelling passes it to the next person), else ''.
 */
const registrationSelect = (template: SQL, now: number, extra: SQL, withHold = false) =>
  sql`SELECT n.town_id, c.medium, c.phone, c.id, ${template}, 'registration', r.id,
      json_object('activity', a.title, 'place', a.place,
        'hold', ${withHold ? HOLD : sql`''`}, 'link', '/r/' || r.token),
      ${LANG}, s.starts_at, ${dedupeSql(template, sql`'registration'`, sql`r.id`, sql`c.medium`, sql`c.phone`)},
      ${TOKEN}, 'queued', ${now}, ${now}
    FROM registrations r
    JOIN activity_sessions s ON s.id = r.session_id
    JOIN activities a ON a.id = r.activity_id
    JOIN neighborhoods n ON n.id = a.neighborhood_id
    JOIN consents c ON c.subject_type = 'registration' AND c.subject_id = r.id AND ${ACTIVE}
    ${extra}`

/**
 * Tells the registrations of session `sessionId` promoted at `now` (by a promotion statement
 * earlier in the same batch: it stamps promoted_at with the same `now`) that they have a seat.
 * @example await batch(db, [cancel, promoteStatement(db, 3, now), promotionMessagesStatement(db, 3, now)])
 */
export const promotionMessagesStatement = (db: Db, sessionId: number, now: number): Statement =>
  outboxInsert(
    db,
    sql`INSERT INTO outbox (${COLUMNS})
    ${registrationSelect(
      sqlLiteral('waitlist_promoted'),
      now,
      sql`WHERE r.session_id = ${sessionId} AND r.promoted_at = ${now} AND r.status = 'confirmed'`,
      true,
    )}`,
  )

/**
 * The day-before reminders: every confirmed registration with consent of a session starting in
 * [from, to) (tomorrow, Shanghai time), once each (the scheduled job runs often).
 * @example await db.run(remindersStatement(db, tomorrow.start, tomorrow.end, now))
 */
export const remindersStatement = (db: Db, from: number, to: number, now: number): Statement => {
  const t = sqlLiteral('activity_reminder')
  return outboxInsert(
    db,
    sql`INSERT INTO outbox (${COLUMNS})
    ${registrationSelect(
      t,
      now,
      sql`WHERE s.starts_at >= ${from} AND s.starts_at < ${to} AND r.status = 'confirmed'
        AND a.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key =
          ${dedupeSql(t, sql`'registration'`, sql`r.id`, sql`c.medium`, sql`c.phone`)})`,
    )}`,
  )
}

/**
 * A survey's receipt to the resident who asked for it, written with the response (found by its
 * receipt code, which the same batch inserted).
 * @example [insertResponse, formReceiptStatement(db, receipt, now)]
 */
export const formReceiptStatement = (db: Db, receipt: string, now: number): Statement => {
  const t = sqlLiteral('form_receipt')
  return outboxInsert(
    db,
    sql`INSERT INTO outbox (${COLUMNS})
    SELECT f.town_id, c.medium, c.phone, c.id, ${t}, 'form_response', fr.id,
      json_object('form', f.title, 'receipt', fr.receipt),
      ${LANG}, NULL, ${dedupeSql(t, sql`'form_response'`, sql`fr.id`, sql`c.medium`, sql`c.phone`)},
      ${TOKEN}, 'queued', ${now}, ${now}
    FROM form_responses fr
    JOIN forms f ON f.id = fr.form_id
    JOIN consents c ON c.subject_type = 'form_response' AND c.subject_id = fr.id AND ${ACTIVE}
    WHERE fr.receipt = ${receipt}`,
  )
}

/** Neighborhood ids in the scope of the staff user `u` (a column), as a subquery. */
const scopeOf = (
  u: SQL,
) => sql`(SELECT un.neighborhood_id FROM user_neighborhoods un WHERE un.user_id = ${u}
  UNION SELECT n.id FROM neighborhoods n JOIN user_towns ut ON ut.town_id = n.town_id WHERE ut.user_id = ${u}
  UNION SELECT n.id FROM neighborhoods n WHERE (SELECT role FROM users WHERE id = ${u}) = 'admin')`

/**
 * The staff digest of day `day` ('YYYY-MM-DD'), one per staff contact with something to report:
 * new topics in scope since `since`, open checklist items they own due by `dueBy` (or overdue),
 * claims waiting in scope. Once per user and day. Not for towns that switched the digest off.
 * @example await db.run(digestStatement(db, { day: '2026-12-05', since, dueBy, now }))
 */
export const digestStatement = (
  db: Db,
  d: { day: string; since: number; dueBy: number; now: number },
): Statement => {
  const t = sqlLiteral('staff_digest')
  return outboxInsert(
    db,
    sql`INSERT INTO outbox (${COLUMNS})
    SELECT x.town_id, x.medium, x.address, NULL, ${t}, 'user', x.user_id,
      json_object('topics', x.topics, 'tasks', x.tasks, 'claims', x.claims, 'link', '/admin/'),
      'zh', NULL, ${t} || '|user|' || x.user_id || '|' || ${d.day}, ${TOKEN}, 'queued', ${d.now}, ${d.now}
    FROM (
      SELECT ns.user_id, ns.medium, ns.address,
        (SELECT min(n.town_id) FROM neighborhoods n WHERE n.id IN ${scopeOf(sql`ns.user_id`)}) AS town_id,
        (SELECT count(*) FROM topics tp WHERE tp.created_at >= ${d.since}
          AND tp.neighborhood_id IN ${scopeOf(sql`ns.user_id`)}) AS topics,
        (SELECT count(*) FROM checklist_items ci WHERE ci.owner_user_id = ns.user_id AND ci.done = 0
          AND ci.due_at IS NOT NULL AND ci.due_at < ${d.dueBy}) AS tasks,
        (SELECT count(*) FROM claims cl JOIN projects p ON p.id = cl.project_id
          WHERE cl.status = 'pending' AND p.neighborhood_id IN ${scopeOf(sql`ns.user_id`)}) AS claims
      FROM notify_staff ns JOIN users u ON u.id = ns.user_id AND u.disabled = 0
      WHERE ns.active = 1
    ) x
    WHERE x.topics + x.tasks + x.claims > 0
      AND coalesce((SELECT staff_digest FROM notify_settings WHERE town_id = x.town_id), 1) = 1
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = ${t} || '|user|' || x.user_id || '|' || ${d.day})`,
  )
}

/**
 * Erases a phone from the outbox (a deletion request, issue #17): its rows lose the recipient and
 * the parameters; queued ones will not be sent. For privacy's deletion batch.
 * @example await batch(db, [...others, eraseOutboxOfPhoneStatement(db, '13812345678', now)])
 */
export const eraseOutboxOfPhoneStatement = (db: Db, phone: string, now: number) =>
  rawStatement(
    db,
    sql`UPDATE outbox SET recipient = '', params = '{}', dedupe_key = 'erased|' || id,
      status = CASE WHEN status IN ('queued', 'sending') THEN 'skipped' ELSE status END,
      reason = CASE WHEN status IN ('queued', 'sending') THEN '已删除个人信息' ELSE reason END,
      due_at = ${now}
    WHERE recipient = ${phone}`,
  )

/**
 * The "有进展时短信通知我" opt-in as queries for the batch that writes the row it is given on:
 * the consent (purpose 'notify', medium 'sms', the notice version, given on the web now) and,
 * for a resident using English, their language. `subjectId` is a subquery that finds the new
 * row (NULL when the batch did not write it: then nothing is recorded).
 * @example await batchRows(db, [insertTopic, ...optInQueries({ subjectType: 'topic', subjectId: sql`(SELECT id FROM topics WHERE tracking_code = ${code})`, townId, phone, lang: 'zh', at: now })])
 */
export const optInQueries = (o: {
  subjectType: 'topic' | 'support' | 'registration' | 'form_response'
  subjectId: SQL
  townId: SQL | number
  phone: string
  lang: 'zh' | 'en'
  at: number
}): SQL[] => {
  const consent = sql`INSERT INTO consents (town_id, phone, subject_type, subject_id, purpose, medium,
      notice_version, given_via, given_at)
    SELECT ${o.townId}, ${normalizePhone(o.phone)}, ${o.subjectType}, x.id, 'notify', 'sms',
      ${NOTICE_VERSION}, 'web', ${o.at}
    FROM (SELECT ${o.subjectId} AS id) x WHERE x.id IS NOT NULL`
  if (o.lang !== 'en') return [consent]
  return [
    consent,
    sql`INSERT OR IGNORE INTO notify_langs (subject_type, subject_id, lang)
    SELECT ${o.subjectType}, x.id, 'en' FROM (SELECT ${o.subjectId} AS id) x WHERE x.id IS NOT NULL`,
  ]
}

/** `optInQueries` as statements, for a batch of drizzle statements. */
export const optInStatements = (db: Db, o: Parameters<typeof optInQueries>[0]): Statement[] =>
  optInQueries(o).map((q) => rawStatement(db, q))

/**
 * The opt-in of a registration being written in the same batch (found by its token).
 * @example createRegistration(db, target, input, 'web', (token) => registrationOptIn(db, { token, neighborhoodId, phone, lang, at: now }))
 */
export const registrationOptIn = (
  db: Db,
  o: { token: string; neighborhoodId: number; phone: string; lang: 'zh' | 'en'; at: number },
) =>
  optInStatements(db, {
    subjectType: 'registration',
    subjectId: sql`(SELECT id FROM registrations WHERE token = ${o.token})`,
    townId: sql`(SELECT town_id FROM neighborhoods WHERE id = ${o.neighborhoodId})`,
    phone: o.phone,
    lang: o.lang,
    at: o.at,
  })
