// Where a staff user gets the daily digest (notify_staff: one row per user, opt-in by `active`)
// and the last digest written for them (domain: digestStatement in ./outbox.ts).
import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { batchRows } from '../../batch'

export type StaffContact = {
  medium: 'sms' | 'email'
  address: string
  active: boolean
  updatedAt: number | null
}

export type LastDigest = {
  id: number
  status: string
  reason: string | null
  params: string
  lang: 'zh' | 'en'
  medium: 'sms' | 'email'
  createdAt: number
  sentAt: number | null
  townName: string | null
  senderName: string | null
}

/** A user's digest contact (null: none set) and their last digest, in one batch. */
export const staffDigestOf = async (db: Db, userId: number) => {
  const [contacts, digests] = await batchRows(db, [
    sql`SELECT medium, address, active, updated_at AS updatedAt FROM notify_staff WHERE user_id = ${userId}`,
    sql`SELECT o.id, o.status, o.reason, o.params, o.lang, o.medium, o.created_at AS createdAt,
        o.sent_at AS sentAt, t.name AS townName, s.sender_name AS senderName
      FROM outbox o LEFT JOIN towns t ON t.id = o.town_id
        LEFT JOIN notify_settings s ON s.town_id = o.town_id
      WHERE o.template_key = 'staff_digest' AND o.subject_type = 'user' AND o.subject_id = ${userId}
      ORDER BY o.id DESC LIMIT 1`,
  ])
  const contact = contacts[0] as (Omit<StaffContact, 'active'> & { active: number }) | undefined
  return {
    contact: contact ? { ...contact, active: !!contact.active } : null,
    last: (digests[0] as LastDigest | undefined) ?? null,
  }
}

/** Sets a user's digest contact (insert or replace). */
export const saveStaffContact = (
  db: Db,
  userId: number,
  c: Omit<StaffContact, 'updatedAt'>,
  now: number,
) =>
  db.run(sql`INSERT INTO notify_staff (user_id, medium, address, active, updated_at)
    VALUES (${userId}, ${c.medium}, ${c.address}, ${c.active ? 1 : 0}, ${now})
    ON CONFLICT (user_id) DO UPDATE SET medium = excluded.medium, address = excluded.address,
      active = excluded.active, updated_at = excluded.updated_at`)
