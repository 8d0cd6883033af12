import { Hono } from 'hono'
import { and, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { AppEnv, Db } from '../env'
import { batch } from '../db/batch'
import { auditLog, neighborhoods, users } from '../db/schema'
import { scopeTouches } from '../db/queries/users'
import { auditNames } from '../db/queries/audit'
import { auditLabels, collectIds } from '../domain/audit'
import { maskPhonesIn } from '../domain/masking'
import { type CurrentUser, requireRole, requireUser } from '../lib/auth'
import { ApiError } from '../lib/errors'
import { idsFilter, inIds, orderOf, timeFilter } from '../lib/resource'
import { scopeWhere } from '../lib/scope'
import { filterList, parseListQuery, sendList } from '../lib/simple-rest'
import { idParam } from '../lib/validate'

// Read-only. Admins see every row. A town coordinator sees what was done by the accounts working
// in their towns (staff, viewers and town users whose scope reaches one of their neighborhoods,
// and themselves) — not admins' rows, which may touch other towns, nor rows without a user.

const fields = {
  id: auditLog.id,
  at: auditLog.at,
  userId: auditLog.userId,
  userName: users.displayName,
  action: auditLog.action,
  resource: auditLog.resource,
  recordId: auditLog.recordId,
  before: auditLog.before,
  after: auditLog.after,
}
type Row = { before: string | null; after: string | null } & Record<string, unknown>

const parseJson = (text: string | null) => {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
// Phones are masked here as everywhere staff read records (#17.6); the reveal is per record.
const toRecord = <T extends Row>(row: T) => ({
  ...row,
  before: maskPhonesIn(parseJson(row.before)),
  after: maskPhonesIn(parseJson(row.after)),
})

/**
 * The records with `labels`: each field of before/after that reads better as words (names for
 * ids, the vocabulary's words for kinds, 是/否), domain/audit.ts; the raw values stay as they are.
 */
const withLabels = async <T extends Row>(db: Db, rows: T[]) => {
  const records = rows.map(toRecord)
  const ids: Parameters<typeof collectIds>[2] = {}
  for (const r of records)
    for (const side of [r.before, r.after])
      if (side && typeof side === 'object' && !Array.isArray(side))
        for (const [field, value] of Object.entries(side)) collectIds(field, value, ids)
  const names = await auditNames(db, ids)
  return records.map((r) => {
    const resource = String(r.resource)
    return {
      ...r,
      labels: {
        before: auditLabels(resource, r.before, names),
        after: auditLabels(resource, r.after, names),
      },
    }
  })
}

const sortable = ['id', 'at', 'userId', 'action', 'resource'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, auditLog[f]]))

const visibleTo = (user: CurrentUser): SQL | undefined => {
  if (user.role === 'admin') return undefined
  const mine = scopeWhere(user, neighborhoods.id)
  return sql`${users.role} <> 'admin' AND (${users.id} = ${user.id} OR ${scopeTouches(mine)})`
}

const select = (v: AppEnv['Variables']) =>
  v.db.select(fields).from(auditLog).leftJoin(users, eq(users.id, auditLog.userId))

export const auditLogApi = new Hono<AppEnv>()
  .use(requireUser, requireRole('admin', 'town'))
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable })
    const f = q.filter
    const from = timeFilter(f.from, 'from')
    const to = timeFilter(f.to, 'to')
    const recordIds = filterList(f.recordId)?.map(String)
    const where = and(
      visibleTo(c.var.user),
      inIds(auditLog.id, idsFilter(f.id)),
      inIds(auditLog.userId, idsFilter(f.userId)),
      inIds(auditLog.resource, filterList<string>(f.resource)),
      inIds(auditLog.action, filterList<string>(f.action)),
      inIds(auditLog.recordId, recordIds),
      from === undefined ? undefined : gte(auditLog.at, from),
      to === undefined ? undefined : lt(auditLog.at, to),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(c.var)
        .where(where)
        .orderBy(...orderOf(q, columns, auditLog.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(where),
    ])
    return sendList(c, 'audit-log', q, await withLabels(db, rows), n)
  })
  .get('/:id', async (c) => {
    const [row] = await select(c.var).where(and(eq(auditLog.id, idParam(c)), visibleTo(c.var.user)))
    if (!row) throw new ApiError('not_found', '记录不存在')
    const [record] = await withLabels(c.var.db, [row])
    return c.json(record)
  })
