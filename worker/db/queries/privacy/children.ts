import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { NOTICE_VERSION } from '../../../domain/privacy/consent'
import type { ChildFields, GuardianFields } from '../../../domain/privacy/children'
import { rawStatement } from '../../batch'
import { consentForRowsSql } from './consents'

/**
 * For the batch that writes a registration or a form response for children: the child's fields
 * on the new row (a registration found by its token, a response by its receipt) and the
 * guardian's consent, recorded with the notice version. Nothing happens when the row was not
 * written (a resend finds the first one).
 * @example createRegistration(db, target, input, 'web', (token) => childStatements(db, { token }, child, now))
 * @example submitResponse(db, { …, extra: childStatements(db, { receipt }, guardian, now) })
 */
export const childStatements = (
  db: Db,
  row: { token: string } | { receipt: string },
  child: ChildFields | GuardianFields,
  at: number,
) => {
  const consent = {
    purpose: 'guardian' as const,
    noticeVersion: NOTICE_VERSION,
    givenVia: 'web' as const,
    at,
  }
  if ('token' in row)
    return [
      rawStatement(
        db,
        sql`UPDATE registrations SET guardian_relation = ${child.guardianRelation},
          child_name = ${child.childName}, child_age = ${child.childAge} WHERE token = ${row.token}`,
      ),
      rawStatement(
        db,
        consentForRowsSql(
          { ...consent, subjectType: 'registration' },
          sql`SELECT n.town_id, r.phone, r.id AS subject_id FROM registrations r
            JOIN activities a ON a.id = r.activity_id JOIN neighborhoods n ON n.id = a.neighborhood_id
            WHERE r.token = ${row.token}`,
        ),
      ),
    ]
  const name = 'guardianName' in child ? child.guardianName : null
  return [
    rawStatement(
      db,
      sql`UPDATE form_responses SET guardian_name = ${name}, guardian_relation = ${child.guardianRelation},
        child_name = ${child.childName}, child_age = ${child.childAge} WHERE receipt = ${row.receipt}`,
    ),
    rawStatement(
      db,
      consentForRowsSql(
        { ...consent, subjectType: 'form_response' },
        sql`SELECT f.town_id, fr.phone, fr.id AS subject_id FROM form_responses fr
          JOIN forms f ON f.id = fr.form_id WHERE fr.receipt = ${row.receipt}`,
      ),
    ),
  ]
}
