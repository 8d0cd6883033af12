import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { NOTICE_VERSION } from '../../../domain/privacy/consent'
import type { ChildFields } from '../../../domain/privacy/children'
import { rawStatement } from '../../batch'
import { consentForRowsSql } from './consents'

/**
 * For the registration batch (createRegistration's `extra`): the child's fields on the new
 * registration (found by its token) and the guardian's consent, recorded with the notice
 * version. Nothing happens when the registration was not made (a resend finds the first one).
 * @example createRegistration(db, target, input, 'web', (token) => childStatements(db, token, child, now))
 */
export const childStatements = (db: Db, token: string, child: ChildFields, at: number) => [
  rawStatement(
    db,
    sql`UPDATE registrations SET guardian_relation = ${child.guardianRelation},
      child_name = ${child.childName}, child_age = ${child.childAge} WHERE token = ${token}`,
  ),
  rawStatement(
    db,
    consentForRowsSql(
      {
        subjectType: 'registration',
        purpose: 'guardian',
        noticeVersion: NOTICE_VERSION,
        givenVia: 'web',
        at,
      },
      sql`SELECT n.town_id, r.phone, r.id AS subject_id FROM registrations r
        JOIN activities a ON a.id = r.activity_id JOIN neighborhoods n ON n.id = a.neighborhood_id
        WHERE r.token = ${token}`,
    ),
  ),
]
