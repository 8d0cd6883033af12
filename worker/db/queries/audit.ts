import type { Db } from '../env'
import { auditLog } from '../db/schema'
import type { CurrentUser } from './auth'

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
export const audit = (db: Db, user: Pick<CurrentUser, 'id'> | null, entry: AuditEntry) =>
  db.insert(auditLog).values({
    at: Date.now(),
    userId: user?.id ?? null,
    action: entry.action,
    resource: entry.resource,
    recordId: entry.recordId === null ? null : String(entry.recordId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  })
