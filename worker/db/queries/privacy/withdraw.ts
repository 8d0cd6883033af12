import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { normalizePhone } from '../../../domain/masking'
import { anonymisedAnswers } from '../../../domain/privacy/retention'
import type { ConsentPurpose, ConsentWithdrawnVia } from '../../../domain/vocabulary'
import { batch, batchRows, rawStatement, type Statement } from '../../batch'
import { cancelRegistration } from '../activities/waitlist'

// A resident withdraws one of their consents from 查找我的记录 (/me), as easily as they gave it,
// with effect at once (domain/privacy/consent.ts WITHDRAWAL_EFFECT says what each purpose does):
// notify: messages stop (waiting ones skipped); contact: the name and phone on the row are
// blanked, so staff no longer see them for a new contact; form_data: the answers are cut to what
// identifies nobody; guardian: the registration is cancelled (the waitlist moves up) and the
// child's details erased.

type Found = { id: number; purpose: ConsentPurpose; subjectType: string; subjectId: number | null }

/**
 * Withdraws consent `id` if it is an active consent of `phone`; returns its purpose, or null
 * when there is no such active consent (another phone's, or already withdrawn).
 * @example await withdrawOwnConsent(db, { id: 12, phone: '13812345678', via: 'web', at: now }) // 'notify'
 */
export const withdrawOwnConsent = async (
  db: Db,
  w: { id: number; phone: string; via: ConsentWithdrawnVia; at: number },
): Promise<ConsentPurpose | null> => {
  const phone = normalizePhone(w.phone)
  const [rows] = await batchRows(db, [
    sql`SELECT id, purpose, subject_type AS subjectType, subject_id AS subjectId FROM consents
      WHERE id = ${w.id} AND phone = ${phone} AND withdrawn_at IS NULL`,
  ])
  const c = rows[0] as Found | undefined
  if (!c) return null
  const withdraw = rawStatement(
    db,
    sql`UPDATE consents SET withdrawn_at = ${w.at}, withdrawn_via = ${w.via}
      WHERE id = ${c.id} AND withdrawn_at IS NULL`,
  )
  const row = c.subjectId ?? -1
  const extra: Statement[] = []
  if (c.purpose === 'notify')
    extra.push(
      rawStatement(
        db,
        sql`UPDATE outbox SET status = 'skipped', reason = '已撤回同意'
          WHERE consent_id = ${c.id} AND status = 'queued'`,
      ),
    )
  if (c.purpose === 'contact' && c.subjectType === 'topic')
    extra.push(
      rawStatement(
        db,
        sql`UPDATE topics SET submitter_name = NULL, submitter_phone = NULL, updated_at = ${w.at}
          WHERE id = ${row} AND submitter_phone = ${phone}`,
      ),
    )
  if (c.purpose === 'contact' && c.subjectType === 'meeting_attendee')
    extra.push(
      rawStatement(
        db,
        sql`UPDATE meeting_attendees SET name = NULL, phone = NULL WHERE id = ${row} AND phone = ${phone}`,
      ),
    )
  // A form's data use, or a guardian's consent on a form for children: the answers go too.
  if (
    (c.purpose === 'form_data' || c.purpose === 'guardian') &&
    c.subjectType === 'form_response'
  ) {
    const [found] = await batchRows(db, [
      sql`SELECT fr.answers, v.fields FROM form_responses fr
        JOIN form_versions v ON v.form_id = fr.form_id AND v.version = fr.version
        WHERE fr.id = ${row} AND fr.phone = ${phone}`,
    ])
    const r = found[0] as { answers: string; fields: string } | undefined
    if (r)
      extra.push(
        rawStatement(
          db,
          sql`UPDATE form_responses SET phone = NULL, purged_at = ${w.at}, guardian_name = NULL,
            guardian_relation = NULL, child_name = NULL, child_age = NULL,
            answers = ${JSON.stringify(anonymisedAnswers(JSON.parse(r.fields), JSON.parse(r.answers)))}
          WHERE id = ${row}`,
        ),
      )
  }
  if (c.purpose === 'guardian' && c.subjectType === 'registration') {
    const [found] = await batchRows(db, [
      sql`SELECT id, session_id AS sessionId FROM registrations WHERE id = ${row} AND phone = ${phone}`,
    ])
    const reg = found[0] as { id: number; sessionId: number } | undefined
    if (reg) {
      await cancelRegistration(
        db,
        reg,
        'resident',
        [
          withdraw,
          rawStatement(
            db,
            sql`UPDATE registrations SET guardian_relation = NULL, child_name = NULL, child_age = NULL,
              answers = '{}' WHERE id = ${reg.id}`,
          ),
        ],
        w.at,
      )
      return c.purpose
    }
  }
  await batch(db, [withdraw, ...extra])
  return c.purpose
}
