import { and, eq, isNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { type ConsentInput, consentProblem } from '../../../domain/privacy/consent'
import { normalizePhone } from '../../../domain/masking'
import type {
  ConsentMedium,
  ConsentPurpose,
  ConsentSubject,
  ConsentWithdrawnVia,
} from '../../../domain/vocabulary'
import { consents } from '../../schema'
import { sqlLiteral } from '../../sql'
import { batchRows } from '../../batch'

// Consent records as statements to put in the SAME batch as the write they belong to (a topic
// filed with "you may call me", a registration with a guardian's consent, an SMS opt-in), and
// their withdrawal (a web page, 回T退订, an unsubscribe link, staff). Rules: domain/privacy/consent.ts.

/**
 * The insert of one consent. `subjectId` may be an SQL expression for a row inserted earlier in
 * the same batch, e.g. sql`(SELECT id FROM topics WHERE tracking_code = ${code})` — never
 * `last_insert_rowid()` when a batch stores two consents. Throws on a malformed consent (a
 * programming error: `consentProblem` says what).
 * @example await batch(db, [insertTopic, insertConsentStmt(db, { townId, phone, subjectType: 'topic', subjectId: sql`(SELECT …)`, purpose: 'contact', noticeVersion: NOTICE_VERSION, givenVia: 'web', at: now })])
 */
export const insertConsentStmt = (
  db: Db,
  c: Omit<ConsentInput, 'subjectId'> & { subjectId: number | SQL | null },
) => {
  const problem = consentProblem({
    ...c,
    subjectId: c.subjectId === null ? null : 0,
  })
  if (problem) throw new Error(`consent: ${problem}`)
  return db.insert(consents).values({
    townId: c.townId,
    phone: c.phone ? normalizePhone(c.phone) : null,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    purpose: c.purpose,
    medium: c.medium ?? null,
    noticeVersion: c.noticeVersion,
    givenVia: c.givenVia,
    givenAt: c.at,
  })
}

export type Withdrawal = {
  /** The consents of a phone (all its rows), or of one row (subjectType + subjectId), or both. */
  phone?: string
  subjectType?: ConsentSubject
  subjectId?: number
  purpose: ConsentPurpose
  /** For 'notify': one medium only; omitted, every medium. */
  medium?: ConsentMedium
  via: ConsentWithdrawnVia
  at: number
}

/**
 * Withdraws the active consents that match, at once, as a statement returning the ids withdrawn
 * (none when nothing was active: withdrawing twice is harmless). Needs a phone or a row.
 * @example await batch(db, [withdrawConsentsStmt(db, { phone: '13812341234', purpose: 'notify', medium: 'sms', via: 'sms_reply', at: now })])
 */
export const withdrawConsentsStmt = (db: Db, w: Withdrawal) => {
  if (!w.phone && (w.subjectType === undefined || w.subjectId === undefined))
    throw new Error('consent withdrawal needs a phone or a row')
  const where = and(
    isNull(consents.withdrawnAt),
    eq(consents.purpose, w.purpose),
    w.phone ? eq(consents.phone, normalizePhone(w.phone)) : undefined,
    w.subjectType ? eq(consents.subjectType, w.subjectType) : undefined,
    w.subjectId !== undefined ? eq(consents.subjectId, w.subjectId) : undefined,
    w.medium ? eq(consents.medium, w.medium) : undefined,
  )
  return db
    .update(consents)
    .set({ withdrawnAt: w.at, withdrawnVia: w.via })
    .where(where)
    .returning({ id: consents.id })
}

/**
 * An SQL condition: the row `subjectId` (a column or value) of `subjectType` holds an active
 * consent for `purpose`. Constants are inlined (no bound parameters spent).
 * @example sql`SELECT CASE WHEN ${hasActiveConsent('topic', sql`t.id`, 'contact')} THEN t.submitter_phone END FROM topics t`
 */
export const hasActiveConsent = (
  subjectType: ConsentSubject,
  subjectId: SQL,
  purpose: ConsentPurpose,
) => sql`EXISTS (SELECT 1 FROM consents c WHERE c.subject_type = ${sqlLiteral(subjectType)}
  AND c.subject_id = ${subjectId} AND c.purpose = ${sqlLiteral(purpose)}
  AND c.withdrawn_at IS NULL)`

export type ConsentRow = typeof consents.$inferSelect

/**
 * Every consent recorded under a phone, newest first (the access page and a copy of one's data).
 * @example await consentsOfPhone(db, '13812341234')
 */
export const consentsOfPhone = (db: Db, phone: string): Promise<ConsentRow[]> =>
  db
    .select()
    .from(consents)
    .where(eq(consents.phone, normalizePhone(phone)))
    .orderBy(sql`${consents.givenAt} DESC, ${consents.id} DESC`)

/**
 * The consents given on one row, oldest first.
 * @example await consentsOf(db, 'registration', 42)
 */
export const consentsOf = (db: Db, subjectType: ConsentSubject, subjectId: number) =>
  db
    .select()
    .from(consents)
    .where(and(eq(consents.subjectType, subjectType), eq(consents.subjectId, subjectId)))
    .orderBy(consents.givenAt, consents.id)

/**
 * A consent for rows a `SELECT town_id, phone, subject_id …` finds (typically the row inserted
 * earlier in the same batch), as raw SQL for `batchRows`: inserts nothing when the query finds
 * nothing, or when the row already holds this consent (a resend). The phone is stored as found.
 * @example sql`…`, consentForRowsSql({ subjectType: 'topic', purpose: 'contact', noticeVersion: NOTICE_VERSION, givenVia: 'web', at: now }, sql`SELECT n.town_id, t.submitter_phone AS phone, t.id AS subject_id FROM topics t JOIN neighborhoods n ON n.id = t.neighborhood_id WHERE t.tracking_code = ${code}`)
 */
export const consentForRowsSql = (
  c: Pick<ConsentInput, 'subjectType' | 'purpose' | 'noticeVersion' | 'givenVia' | 'at'> & {
    medium?: ConsentMedium | null
  },
  rows: SQL,
) => sql`INSERT INTO consents (town_id, phone, subject_type, subject_id, purpose, medium,
    notice_version, given_via, given_at)
  SELECT r.town_id, r.phone, ${sqlLiteral(c.subjectType)}, r.subject_id, ${sqlLiteral(c.purpose)},
    ${c.medium ?? null}, ${c.noticeVersion}, ${sqlLiteral(c.givenVia)}, ${c.at}
  FROM (${rows}) r
  WHERE NOT EXISTS (SELECT 1 FROM consents x WHERE x.subject_type = ${sqlLiteral(c.subjectType)}
    AND x.subject_id = r.subject_id AND x.purpose = ${sqlLiteral(c.purpose)}
    AND x.withdrawn_at IS NULL)`

/**
 * A resident withdraws, with the tracking code of their topic or "me too", the consent to be
 * contacted and to get messages about it, in one batch, with effect at once: the consents are
 * marked withdrawn, messages still waiting are skipped (the queue also checks the consent before
 * sending), and the topic's name and phone are blanked, so no staff member sees them for a new
 * contact. Returns whether a topic or "me too" has this code (withdrawing twice is harmless).
 * @example await withdrawTopicContact(db, 'K7Q-4MX', 'web') // true
 */
export const withdrawTopicContact = async (
  db: Db,
  code: string,
  via: ConsentWithdrawnVia,
  at = Date.now(),
) => {
  const topicId = sql`(SELECT id FROM topics WHERE tracking_code = ${code})`
  const supportId = sql`(SELECT id FROM supports WHERE tracking_code = ${code})`
  const mine = sql`((subject_type = 'topic' AND subject_id = ${topicId})
    OR (subject_type = 'support' AND subject_id = ${supportId}))`
  const [found] = await batchRows(db, [
    sql`SELECT id FROM topics WHERE tracking_code = ${code}
      UNION ALL SELECT id FROM supports WHERE tracking_code = ${code}`,
    sql`UPDATE outbox SET status = 'skipped', reason = '已撤回同意'
      WHERE status = 'queued' AND consent_id IN (SELECT id FROM consents WHERE ${mine}
        AND purpose = 'notify' AND withdrawn_at IS NULL)`,
    sql`UPDATE consents SET withdrawn_at = ${at}, withdrawn_via = ${via}
      WHERE ${mine} AND purpose IN ('contact', 'notify') AND withdrawn_at IS NULL`,
    sql`UPDATE topics SET submitter_name = NULL, submitter_phone = NULL, updated_at = ${at}
      WHERE tracking_code = ${code} AND (submitter_name IS NOT NULL OR submitter_phone IS NOT NULL)`,
  ])
  return found.length > 0
}
