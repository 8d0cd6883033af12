import { sql } from 'drizzle-orm'
import type { Db } from '../../env'
import { auditLog } from '../schema'

// The audit log's rows, as statements to put in the same batch as the write they record.

/** Who wrote: the signed-in staff user (null for a resident or the system). */
type Author = { id: number }

export type AuditEntry = {
  action: string
  resource: string
  recordId: string | number | null
  before?: unknown
  after?: unknown
}

/**
 * The audit row for a staff write, as a statement to put in the same `db.batch` as the write.
 * @example await batch(db, [db.update(topics)..., audit(db, user, { action: 'update', ... })])
 */
export const audit = (db: Db, user: Author | null, entry: AuditEntry) =>
  db.insert(auditLog).values({
    at: Date.now(),
    userId: user?.id ?? null,
    action: entry.action,
    resource: entry.resource,
    recordId: entry.recordId === null ? null : String(entry.recordId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  })

/**
 * The audit row for a create, to put in the batch RIGHT AFTER the insert: its record id is the
 * new row's (`last_insert_rowid()`), since the id is not known before the batch runs.
 * @example await batch(db, [db.insert(towns).values(v).returning(), auditCreate(db, user, 'towns', v)])
 */
export const auditCreate = (db: Db, user: Author, resource: string, after: unknown) =>
  db.insert(auditLog).values({
    at: Date.now(),
    userId: user.id,
    action: 'create',
    resource,
    recordId: sql`CAST(last_insert_rowid() AS TEXT)`,
    after: JSON.stringify(after),
  })
