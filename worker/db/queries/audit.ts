import { sql } from 'drizzle-orm'
import type { Db } from '../../env'
import type { AuditAction } from '../../domain/vocabulary'
import type { AuditNames, AuditTable } from '../../domain/audit'
import { batchRows } from '../batch'
import { auditLog } from '../schema'

// The audit log's rows, as statements to put in the same batch as the write they record.

/** Who wrote: the signed-in staff user (null for a resident or the system). */
type Author = { id: number }

export type AuditEntry = {
  /** One of the vocabulary's kinds (its label is what the audit screen shows). */
  action: AuditAction
  /** An API resource name; the audit screen names it by AUDIT_RESOURCE_LABEL. */
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
  db.insert(auditLog).values(auditRow(user, entry))

/** The values of an audit row (for `audit`, or an insert of one's own). */
export const auditRow = (user: Author | null, entry: AuditEntry) => ({
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

// The column that names a record of each table an audit entry may refer to.
const NAME_COLUMN: Record<AuditTable, string> = {
  neighborhoods: 'name',
  towns: 'name',
  categories: 'name',
  grids: 'name',
  channels: 'label',
  users: 'display_name',
  projects: 'title',
  topics: 'title',
  partners: 'name',
  activities: 'title',
  forms: 'title',
}

/**
 * The names of the records audit entries refer to, in one batch: table → id → name. Ids that
 * no longer exist are left out (the screen shows them as #id).
 * @example await auditNames(db, { neighborhoods: new Set(['2']) }) // { neighborhoods: { 2: '慧华苑' } }
 */
export const auditNames = async (
  db: Db,
  ids: Partial<Record<AuditTable, Set<string>>>,
): Promise<AuditNames> => {
  const tables = (Object.keys(ids) as AuditTable[]).filter((t) => ids[t]?.size)
  if (!tables.length) return {}
  const results = await batchRows(
    db,
    tables.map(
      (t) =>
        sql`SELECT id, ${sql.raw(NAME_COLUMN[t])} AS name FROM ${sql.raw(t)}
          WHERE id IN (SELECT value FROM json_each(${JSON.stringify([...ids[t]!].map(Number))}))`,
    ),
  )
  return Object.fromEntries(
    tables.map((t, i) => [
      t,
      Object.fromEntries(
        (results[i] as { id: number; name: string }[]).map((r) => [String(r.id), r.name]),
      ),
    ]),
  )
}
