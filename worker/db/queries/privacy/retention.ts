import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import {
  anonymisedAnswers,
  PURGE_BATCH,
  type RetainedKind,
  type RetentionPolicy,
  withoutSensitive,
} from '../../../domain/privacy/retention'
import { FINAL_TOPIC_STATUSES, type PurgeKind } from '../../../domain/vocabulary'
import { batchRows } from '../../batch'
import { sqlList, sqlLiteral } from '../../sql'

// The retention job's SQL (domain/privacy/retention.ts holds the policy): per kind, which rows
// are due at a cutoff, and the batch that blanks them (the row stays: counts and statistics stay
// right), logs how many (purge_log) and forgets the phone on the consents given on them. Each
// batch touches at most PURGE_BATCH rows; `runRetention` repeats a few rounds per run.

const FINAL = sqlList(FINAL_TOPIC_STATUSES)
const DAY = 24 * 3600_000

/** When a topic became final: its last move into a final status (its last update if none). */
const finalAt = sql`COALESCE((SELECT MAX(e.at) FROM topic_events e
  WHERE e.topic_id = t.id AND e.to_status IN ${FINAL}), t.updated_at)`

/** When an activity is over: the end of its last session. */
const activityEnd = (activityId: SQL) =>
  sql`(SELECT MAX(s.ends_at) FROM activity_sessions s WHERE s.activity_id = ${activityId})`

/** A registration's phone is a registered volunteer's: the service record keeps it (their hours). */
const volunteerPhone = sql`EXISTS (SELECT 1 FROM volunteers v
  WHERE v.phone = r.phone AND v.purged_at IS NULL)`

/** When a form's responses are due: days after the form closes, or after the response. */
const formDue = (policy: RetentionPolicy, now: number, child: boolean) => {
  const ms = child
    ? sql`${policy.child.ms}`
    : sql`COALESCE(f.retention_days * ${DAY}, ${policy.form_response.ms})`
  return sql`MAX(COALESCE(f.closes_at, 0), fr.created_at) + ${ms} <= ${now}`
}

/** Per kind: the ids due at `now` (ids of rows still holding personal data). */
const dueIds = (kind: RetainedKind, policy: RetentionPolicy, now: number): SQL | null => {
  switch (kind) {
    case 'topic_contact':
      return sql`SELECT t.id FROM topics t WHERE t.purged_at IS NULL
        AND (t.submitter_name IS NOT NULL OR t.submitter_phone IS NOT NULL)
        AND t.status IN ${FINAL} AND ${finalAt} + ${policy.topic_contact.ms} <= ${now}`
    case 'registration':
      return sql`SELECT r.id FROM registrations r JOIN activities a ON a.id = r.activity_id
        JOIN activity_sessions s ON s.id = r.session_id
        WHERE r.purged_at IS NULL AND a.for_children = 0 AND NOT ${volunteerPhone}
          AND s.ends_at + ${policy.registration.ms} <= ${now}`
    case 'child':
      return sql`SELECT r.id FROM registrations r JOIN activities a ON a.id = r.activity_id
        WHERE r.purged_at IS NULL AND a.for_children = 1
          AND ${activityEnd(sql`a.id`)} + ${policy.child.ms} <= ${now}`
    case 'meeting_attendee':
      return sql`SELECT ma.id FROM meeting_attendees ma JOIN meetings m ON m.id = ma.meeting_id
        WHERE ma.purged_at IS NULL AND (ma.name IS NOT NULL OR ma.phone IS NOT NULL)
          AND COALESCE(m.ends_at, m.starts_at) + ${policy.meeting_attendee.ms} <= ${now}`
    default:
      return null
  }
}

/** The batch that purges the due rows of a row-keeping kind (all but form responses). */
const purgeStatements = (kind: RetainedKind, ids: SQL, now: number): SQL[] => {
  const log = sql`INSERT INTO purge_log (at, kind, count) SELECT ${now}, ${sqlLiteral(kind)}, changes()
    WHERE changes() > 0`
  const consentsOf = (subject: string, table: string) =>
    sql`UPDATE consents SET phone = NULL WHERE subject_type = ${sqlLiteral(subject)}
      AND subject_id IN (SELECT id FROM ${sql.raw(table)} WHERE purged_at = ${now})`
  switch (kind) {
    case 'topic_contact':
      return [
        sql`UPDATE topics SET submitter_name = NULL, submitter_phone = NULL, purged_at = ${now}
          WHERE id IN (${ids} LIMIT ${PURGE_BATCH})`,
        log,
        consentsOf('topic', 'topics'),
      ]
    case 'registration':
    case 'child':
      // The phone becomes '#<id>': unique, so one-live-registration-per-phone still holds.
      return [
        sql`UPDATE registrations SET name = '', phone = '#' || id, answers = '{}',
            guardian_relation = NULL, child_name = NULL, child_age = NULL, purged_at = ${now}
          WHERE id IN (${ids} LIMIT ${PURGE_BATCH})`,
        log,
        consentsOf('registration', 'registrations'),
      ]
    case 'meeting_attendee':
      return [
        sql`UPDATE meeting_attendees SET name = NULL, phone = NULL, purged_at = ${now}
          WHERE id IN (${ids} LIMIT ${PURGE_BATCH})`,
        log,
        consentsOf('meeting_attendee', 'meeting_attendees'),
      ]
    default:
      return []
  }
}

/** Rows deleted outright (no statistics hang on them): sessions, codes, rate limits, resend keys. */
const deletions = (policy: RetentionPolicy, now: number): [RetainedKind, SQL][] => [
  [
    'session',
    sql`DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions
    WHERE COALESCE(revoked_at, expires_at) + ${policy.session.ms} <= ${now} LIMIT ${PURGE_BATCH})`,
  ],
  [
    'session',
    sql`DELETE FROM phone_sessions WHERE rowid IN (SELECT rowid FROM phone_sessions
    WHERE expires_at + ${policy.session.ms} <= ${now} LIMIT ${PURGE_BATCH})`,
  ],
  [
    'one_time_code',
    sql`DELETE FROM phone_codes WHERE rowid IN (SELECT rowid FROM phone_codes
    WHERE created_at + ${policy.one_time_code.ms} <= ${now} LIMIT ${PURGE_BATCH})`,
  ],
  [
    'rate_limit',
    sql`DELETE FROM rate_limits WHERE rowid IN (SELECT rowid FROM rate_limits
    WHERE window_start + ${policy.rate_limit.ms} <= ${now} LIMIT ${PURGE_BATCH})`,
  ],
  [
    'idempotency',
    sql`DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys
    WHERE created_at + ${policy.idempotency.ms} <= ${now} AND status <> 0 LIMIT ${PURGE_BATCH})`,
  ],
]

const deletionCount = (kind: RetainedKind, policy: RetentionPolicy, now: number): SQL | null => {
  switch (kind) {
    case 'session':
      return sql`SELECT COUNT(*) FROM sessions
        WHERE COALESCE(revoked_at, expires_at) + ${policy.session.ms} <= ${now}`
    case 'one_time_code':
      return sql`SELECT COUNT(*) FROM phone_codes WHERE created_at + ${policy.one_time_code.ms} <= ${now}`
    case 'rate_limit':
      return sql`SELECT COUNT(*) FROM rate_limits WHERE window_start + ${policy.rate_limit.ms} <= ${now}`
    case 'idempotency':
      return sql`SELECT COUNT(*) FROM idempotency_keys
        WHERE created_at + ${policy.idempotency.ms} <= ${now} AND status <> 0`
    default:
      return null
  }
}

type DueResponse = { id: number; answers: string; fields: string }

/** Form responses due (ordinary forms, or forms for children on the children's schedule). */
const dueResponses = (policy: RetentionPolicy, now: number, child: boolean, limit: SQL) =>
  sql`SELECT fr.id, fr.answers, v.fields FROM form_responses fr JOIN forms f ON f.id = fr.form_id
    JOIN form_versions v ON v.form_id = fr.form_id AND v.version = fr.version
    WHERE fr.purged_at IS NULL AND f.for_children = ${child ? 1 : 0}
      AND ${formDue(policy, now, child)} ${limit}`

/** One round on form responses: answers that identify nobody stay, the rest and the phone go. */
const purgeResponses = async (db: Db, policy: RetentionPolicy, now: number, child: boolean) => {
  const [rows] = await batchRows(db, [
    dueResponses(policy, now, child, sql`ORDER BY fr.id LIMIT ${PURGE_BATCH}`),
  ])
  const due = rows as DueResponse[]
  if (!due.length) return 0
  const kind: PurgeKind = child ? 'child' : 'form_response'
  await batchRows(db, [
    ...due.map((r) => {
      const kept = anonymisedAnswers(JSON.parse(r.fields), JSON.parse(r.answers))
      return sql`UPDATE form_responses SET answers = ${JSON.stringify(kept)}, phone = NULL,
        guardian_name = NULL, guardian_relation = NULL, child_name = NULL, child_age = NULL,
        purged_at = ${now} WHERE id = ${r.id} AND purged_at IS NULL`
    }),
    sql`INSERT INTO purge_log (at, kind, count) VALUES (${now}, ${kind}, ${due.length})`,
    sql`UPDATE consents SET phone = NULL WHERE subject_type = 'form_response'
      AND subject_id IN (SELECT id FROM form_responses WHERE purged_at = ${now})`,
  ])
  return due.length
}

/** `answers` still holds an answer to a question `fields` marks sensitive (keys match FIELD_KEY). */
const holdsSensitive = (
  fields: SQL,
  answers: SQL,
) => sql`EXISTS (SELECT 1 FROM json_each(${fields}) q
  WHERE json_extract(q.value, '$.sensitive') = 1
    AND json_type(${answers}, '$.' || json_extract(q.value, '$.key')) IS NOT NULL)`

/**
 * Sensitive answers (questions staff marked sensitive) of ordinary activities and forms, due on
 * the children's schedule (#17.5): the rest of the row waits for its own rule. Rows of `id`,
 * `answers`, `fields`; `table` says which.
 */
const dueSensitive = (
  table: 'registrations' | 'form_responses',
  policy: RetentionPolicy,
  now: number,
  limit: SQL,
) =>
  table === 'registrations'
    ? sql`SELECT r.id, r.answers, a.questions AS fields FROM registrations r
        JOIN activities a ON a.id = r.activity_id
        WHERE r.purged_at IS NULL AND a.for_children = 0 AND ${holdsSensitive(sql`a.questions`, sql`r.answers`)}
          AND ${activityEnd(sql`a.id`)} + ${policy.child.ms} <= ${now} ${limit}`
    : sql`SELECT fr.id, fr.answers, v.fields FROM form_responses fr JOIN forms f ON f.id = fr.form_id
        JOIN form_versions v ON v.form_id = fr.form_id AND v.version = fr.version
        WHERE fr.purged_at IS NULL AND f.for_children = 0 AND ${holdsSensitive(sql`v.fields`, sql`fr.answers`)}
          AND ${formDue(policy, now, true)} ${limit}`

/** One round on sensitive answers: those answers go (logged as `child`), the row stays as it is. */
const purgeSensitive = async (
  db: Db,
  table: 'registrations' | 'form_responses',
  policy: RetentionPolicy,
  now: number,
) => {
  const [rows] = await batchRows(db, [
    dueSensitive(table, policy, now, sql`ORDER BY 1 LIMIT ${PURGE_BATCH}`),
  ])
  const due = rows as DueResponse[]
  if (!due.length) return 0
  await batchRows(db, [
    ...due.map((r) => {
      const kept = withoutSensitive(JSON.parse(r.fields), JSON.parse(r.answers))
      return sql`UPDATE ${sql.raw(table)} SET answers = ${JSON.stringify(kept)}
        WHERE id = ${r.id} AND purged_at IS NULL`
    }),
    sql`INSERT INTO purge_log (at, kind, count) VALUES (${now}, 'child', ${due.length})`,
  ])
  return due.length
}

/** Rounds per kind and run: a run stays well inside a cron invocation's limits. */
const ROUNDS = 10

/**
 * Erases what is due at `now` under `policy`, in bounded batches, and logs each batch in
 * purge_log. Returns per kind how many rows were purged (kinds with none are left out).
 * @example await runRetention(db, retentionPolicy(env)) // { topic_contact: 3, session: 12 }
 */
export const runRetention = async (db: Db, policy: RetentionPolicy, now = Date.now()) => {
  const done: Partial<Record<PurgeKind, number>> = {}
  const add = (kind: PurgeKind, n: number) => {
    if (n) done[kind] = (done[kind] ?? 0) + n
  }
  // After each purge statement, `SELECT changes()` reads how many rows it touched; the log row
  // that follows reads the same count (a SELECT leaves changes() as it was).
  const rounds = async (kind: PurgeKind, statements: () => SQL[]) => {
    for (let round = 0; round < ROUNDS; round++) {
      const [main, ...rest] = statements()
      const [, counted] = await batchRows(db, [main!, sql`SELECT changes() AS n`, ...rest])
      const n = (counted[0] as { n: number } | undefined)?.n ?? 0
      add(kind, n)
      if (n < PURGE_BATCH) break
    }
  }
  for (const kind of ['topic_contact', 'registration', 'child', 'meeting_attendee'] as const)
    await rounds(kind, () => purgeStatements(kind, dueIds(kind, policy, now)!, now))
  for (const child of [false, true]) {
    for (let round = 0; round < ROUNDS; round++) {
      const n = await purgeResponses(db, policy, now, child)
      add(child ? 'child' : 'form_response', n)
      if (n < PURGE_BATCH) break
    }
  }
  for (const table of ['registrations', 'form_responses'] as const)
    for (let round = 0; round < ROUNDS; round++) {
      const n = await purgeSensitive(db, table, policy, now)
      add('child', n)
      if (n < PURGE_BATCH) break
    }
  for (const [kind, statement] of deletions(policy, now))
    await rounds(kind, () => [
      statement,
      sql`INSERT INTO purge_log (at, kind, count) SELECT ${now}, ${sqlLiteral(kind)}, changes()
        WHERE changes() > 0`,
    ])
  return done
}

/** What the next runs will purge: per kind, rows due now and rows due within `horizonMs`. */
export type PurgePreview = { kind: RetainedKind; dueNow: number; dueSoon: number }

/**
 * Per kind, how many rows are due now and how many more fall due within `horizonMs` (30 days by
 * default), in one batch: the admin's "what will be purged next".
 * @example await purgePreview(db, policy) // [{ kind: 'topic_contact', dueNow: 0, dueSoon: 4 }, …]
 */
export const purgePreview = async (
  db: Db,
  policy: RetentionPolicy,
  now = Date.now(),
  horizonMs = 30 * DAY,
): Promise<PurgePreview[]> => {
  const kinds: RetainedKind[] = [
    'topic_contact',
    'registration',
    'child',
    'meeting_attendee',
    'form_response',
    'session',
    'one_time_code',
    'rate_limit',
    'idempotency',
  ]
  const countAt = (kind: RetainedKind, at: number): SQL => {
    if (kind === 'form_response' || kind === 'child') {
      const responses = sql`SELECT COUNT(*) FROM (${dueResponses(policy, at, kind === 'child', sql``)})`
      if (kind === 'form_response') return responses
      const sensitive = (table: 'registrations' | 'form_responses') =>
        sql`(SELECT COUNT(*) FROM (${dueSensitive(table, policy, at, sql``)}))`
      return sql`SELECT (SELECT COUNT(*) FROM (${dueIds('child', policy, at)})) + (${responses})
        + ${sensitive('registrations')} + ${sensitive('form_responses')}`
    }
    const ids = dueIds(kind, policy, at)
    return ids ? sql`SELECT COUNT(*) FROM (${ids})` : deletionCount(kind, policy, at)!
  }
  const rows = await batchRows(
    db,
    kinds.map(
      (kind) =>
        sql`SELECT (${countAt(kind, now)}) AS now, (${countAt(kind, now + horizonMs)}) AS soon`,
    ),
  )
  return kinds.map((kind, i) => {
    const r = rows[i]![0] as { now: number; soon: number }
    return { kind, dueNow: r.now, dueSoon: r.soon - r.now }
  })
}
