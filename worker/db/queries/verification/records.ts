import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { batchRows } from '../../batch'
import { optInQueries } from '../notify/outbox'

// 查找我的记录: what a verified phone left on the public pages (topics filed, "me too"s,
// registrations, survey answers), newest first, RECORDS_MAX of each.

const RECORDS_MAX = 50

export type PhoneRecords = {
  verifiedAt: number | null
  topics: { title: string; code: string; status: string; createdAt: number }[]
  supports: { title: string; code: string; status: string; createdAt: number; verified: number }[]
  registrations: {
    token: string
    status: string
    activity: string
    session: string
    startsAt: number
  }[]
  responses: { form: string; slug: string; receipt: string; createdAt: number }[]
}

/** Everything of `phone` the page lists, in one batch. */
export const recordsOfPhone = async (db: Db, phone: string): Promise<PhoneRecords> => {
  const [verified, topics, supports, registrations, responses] = await batchRows(db, [
    sql`SELECT verified_at AS verifiedAt FROM verified_phones WHERE phone = ${phone}`,
    sql`SELECT title, tracking_code AS code, status, created_at AS createdAt FROM topics
      WHERE submitter_phone = ${phone} ORDER BY created_at DESC LIMIT ${RECORDS_MAX}`,
    sql`SELECT t.title, s.tracking_code AS code, t.status, s.created_at AS createdAt,
        s.phone_verified_at IS NOT NULL AS verified
      FROM supports s JOIN topics t ON t.id = s.topic_id
      WHERE s.phone = ${phone} AND s.source = 'support' ORDER BY s.created_at DESC LIMIT ${RECORDS_MAX}`,
    sql`SELECT r.token, r.status, a.title AS activity, s.label AS session, s.starts_at AS startsAt
      FROM registrations r JOIN activity_sessions s ON s.id = r.session_id
        JOIN activities a ON a.id = r.activity_id
      WHERE r.phone = ${phone} ORDER BY s.starts_at DESC LIMIT ${RECORDS_MAX}`,
    sql`SELECT f.title AS form, f.slug, r.receipt, r.created_at AS createdAt
      FROM form_responses r JOIN forms f ON f.id = r.form_id
      WHERE r.phone = ${phone} ORDER BY r.created_at DESC LIMIT ${RECORDS_MAX}`,
  ])
  return {
    verifiedAt: (verified[0] as { verifiedAt: number } | undefined)?.verifiedAt ?? null,
    topics: topics as PhoneRecords['topics'],
    supports: supports as PhoneRecords['supports'],
    registrations: registrations as PhoneRecords['registrations'],
    responses: responses as PhoneRecords['responses'],
  }
}

/**
 * Leaves a phone on a "me too" (its tracking code), while the support is not yet a voice; the
 * phone becomes its voice only once verified by a code (codes.ts `markVerified`). In the same
 * batch, the latest answer to "有进展时短信通知我" stands: an earlier notify consent of the
 * support is withdrawn, and a new one recorded when `notify` is given. False when the code is
 * no support, or one already verified (then nothing changes).
 */
export const setSupportPhone = async (
  db: Db,
  code: string,
  phone: string,
  notify?: { lang: 'zh' | 'en'; at: number },
) => {
  const at = notify?.at ?? Date.now()
  // The support, once its phone is this one and it is still unverified (the update took).
  const support = sql`(SELECT id FROM supports WHERE tracking_code = ${code} AND source = 'support'
    AND phone = ${phone} AND phone_verified_at IS NULL)`
  const [updated] = await batchRows(db, [
    sql`UPDATE supports SET phone = ${phone}
      WHERE tracking_code = ${code} AND source = 'support' AND phone_verified_at IS NULL RETURNING id`,
    sql`UPDATE consents SET withdrawn_at = ${at}, withdrawn_via = 'web'
      WHERE subject_type = 'support' AND subject_id = ${support} AND purpose = 'notify'
        AND withdrawn_at IS NULL`,
    ...(notify
      ? optInQueries({
          subjectType: 'support',
          subjectId: support,
          townId: sql`(SELECT n.town_id FROM supports s JOIN topics t ON t.id = s.topic_id
            JOIN neighborhoods n ON n.id = t.neighborhood_id WHERE s.tracking_code = ${code})`,
          phone,
          lang: notify.lang,
          at,
        })
      : []),
  ])
  return updated.length > 0
}
