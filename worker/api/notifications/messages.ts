import { Hono } from 'hono'
import { and, count, eq, gte } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { outbox } from '../../db/schema'
import { retryMessage } from '../../db/queries/notify/history'
import { maskPhone, canSeePersonalData } from '../../domain/masking'
import { MESSAGE_STATUSES, MESSAGE_SUBJECTS, MESSAGE_TEMPLATES } from '../../domain/vocabulary'
import { requireUser, requireWriter, type CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { idsFilter, inIds, orderOf, timeFilter } from '../../lib/resource'
import { townScopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'
import { enqueueDue } from '../../notify/enqueue'

// The outbox for staff: every message with its status (queued, sent, delivered, failed with the
// provider's reason, skipped with why), filtered by the record it concerns (a topic's or a
// registration's message history) or by status (the failed-messages view). Scoped by town; the
// recipient is masked for roles without the right to personal data, and cannot be sorted or
// filtered on. A failed or skipped message can be sent again.

const fields = {
  id: outbox.id,
  townId: outbox.townId,
  medium: outbox.medium,
  recipient: outbox.recipient,
  templateKey: outbox.templateKey,
  subjectType: outbox.subjectType,
  subjectId: outbox.subjectId,
  lang: outbox.lang,
  status: outbox.status,
  reason: outbox.reason,
  attempts: outbox.attempts,
  createdAt: outbox.createdAt,
  dueAt: outbox.dueAt,
  sentAt: outbox.sentAt,
  deliveredAt: outbox.deliveredAt,
  provider: outbox.provider,
}
type Row = { recipient: string } & Record<string, unknown>

const sortable = ['id', 'createdAt', 'status', 'templateKey', 'sentAt', 'dueAt'] as const
const columns = Object.fromEntries(sortable.map((f) => [f, outbox[f]]))

const PHONE_LIKE = /^\+?\d{7,}$/

const toRecord = (user: CurrentUser) => (row: Row) => ({
  ...row,
  // A phone is masked for every role (#17.6); an address or an openid for viewers only.
  recipient: PHONE_LIKE.test(row.recipient)
    ? maskPhone(row.recipient)
    : canSeePersonalData(user.role)
      ? row.recipient
      : row.recipient.includes('@')
        ? row.recipient.replace(/^(.).*(@.*)$/, '$1***$2')
        : maskPhone(row.recipient),
})

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], name: string) => {
  const list = filterList<string>(value)
  if (list?.some((v) => !allowed.includes(v as T)))
    throw new ApiError('bad_request', `filter 中的 ${name} 无效`, { errors: { [name]: '无效' } })
  return list
}

export const messagesApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable, masked: ['recipient'] })
    const f = q.filter
    const from = timeFilter(f.createdFrom, 'createdFrom')
    const where = and(
      townScopeWhere(c.var.user, outbox.townId),
      inIds(outbox.id, idsFilter(f.id)),
      inIds(outbox.status, oneOf(f.status, MESSAGE_STATUSES, 'status')),
      inIds(outbox.subjectType, oneOf(f.subjectType, MESSAGE_SUBJECTS, 'subjectType')),
      inIds(outbox.templateKey, oneOf(f.templateKey, MESSAGE_TEMPLATES, 'templateKey')),
      inIds(outbox.subjectId, idsFilter(f.subjectId)),
      inIds(outbox.townId, idsFilter(f.townId)),
      from === undefined ? undefined : gte(outbox.createdAt, from),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(fields)
        .from(outbox)
        .where(where)
        .orderBy(...orderOf(q, columns, outbox.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(outbox).where(where),
    ])
    return sendList(c, 'messages', q, rows.map(toRecord(c.var.user)), n)
  })
  .get('/:id', async (c) => {
    const [row] = await c.var.db
      .select(fields)
      .from(outbox)
      .where(and(eq(outbox.id, idParam(c)), townScopeWhere(c.var.user, outbox.townId)))
    if (!row) throw new ApiError('not_found', '通知不存在')
    return c.json(toRecord(c.var.user)(row))
  })
  // Sends a failed or skipped message again (e.g. after a provider was configured).
  .post('/:id/retry', requireWriter, async (c) => {
    const id = idParam(c)
    const [row] = await c.var.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.id, id), townScopeWhere(c.var.user, outbox.townId)))
    if (!row) throw new ApiError('not_found', '通知不存在')
    const now = Date.now()
    if (!(await retryMessage(c.var.db, id, now)))
      throw new ApiError('conflict', '只有发送失败或未发送的通知可以重发')
    c.executionCtx.waitUntil(enqueueDue(c.env, c.var.db, now, 1).catch(() => 0))
    const [after] = await c.var.db.select(fields).from(outbox).where(eq(outbox.id, id))
    return c.json(toRecord(c.var.user)(after))
  })
