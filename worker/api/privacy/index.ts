import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { requireRole, requireUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { idParam, readJson } from '../../lib/validate'
import { inScope } from '../../lib/scope'
import { MOBILE_PHONE, maskPhone, normalizePhone } from '../../domain/masking'
import { retentionPolicy } from '../../domain/privacy/retention'
import { addWorkingDays, REQUEST_WORKING_DAYS } from '../../domain/privacy/working-days'
import { PRIVACY_REQUEST_KINDS, REVEAL_PURPOSES } from '../../domain/vocabulary'
import { purgePreview } from '../../db/queries/privacy/retention'
import { dataOfPhone, erasePhone } from '../../db/queries/privacy/erase'
import {
  accessLog,
  closeRequest,
  fileRequest,
  listRequests,
  logReveal,
  REVEALABLE,
  type RequestRow,
  type RevealResource,
  requestById,
  revealTarget,
} from '../../db/queries/privacy/requests'
import { batchRows } from '../../db/batch'
import { sql } from 'drizzle-orm'

// /api/privacy (#17): what retention will purge next, the queue of residents' requests for a copy
// or deletion (15 working days), revealing one masked phone with a purpose (audit-logged), and
// the log of who saw or took personal data, by staff member or by resident.

const phone = z
  .string({ message: '请填写手机号' })
  .transform(normalizePhone)
  .refine((p) => MOBILE_PHONE.test(p), '手机号应为 11 位大陆手机号')

const newRequest = z.object({
  phone,
  kind: z.enum(PRIVACY_REQUEST_KINDS, { message: '应为 copy 或 deletion' }),
  townId: z.number().int().positive().nullable().optional(),
  note: z.string().max(500).optional(),
})

const reveal = z.object({
  resource: z.enum(Object.keys(REVEALABLE) as [RevealResource, ...RevealResource[]], {
    message: '不支持的记录类型',
  }),
  id: z.number().int().positive(),
  purpose: z.enum(REVEAL_PURPOSES, { message: '请选择查看理由' }),
})

const closing = z.object({ note: z.string().max(500).optional() })

/** The towns a user's requests belong to (null: all, for admins): named towns, and those of their neighborhoods. */
const townsOf = async (c: { var: AppEnv['Variables'] }) => {
  const user = c.var.user
  if (user.neighborhoodIds === null) return null
  const [rows] = await batchRows(c.var.db, [
    sql`SELECT DISTINCT town_id AS townId FROM neighborhoods
      WHERE id IN (SELECT value FROM json_each(${JSON.stringify(user.neighborhoodIds)}))`,
  ])
  return [...new Set([...user.townIds, ...(rows as { townId: number }[]).map((r) => r.townId)])]
}

export const privacyApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/retention', requireRole('admin', 'town', 'staff'), async (c) => {
    const policy = retentionPolicy(c.env as unknown as Record<string, unknown>)
    const [preview, [log]] = await Promise.all([
      purgePreview(c.var.db, policy),
      batchRows(c.var.db, [
        sql`SELECT id, at, kind, count, request_id AS requestId FROM purge_log ORDER BY id DESC LIMIT 50`,
      ]),
    ])
    return c.json({ policy, preview, log })
  })
  .get('/requests', requireRole('admin', 'town', 'staff'), async (c) =>
    c.json((await listRequests(c.var.db, await townsOf(c))).map(shownRequest)),
  )
  // Staff checked the person at the committee (until /me's one-time code files them itself).
  .post('/requests', requireRole('admin', 'town', 'staff'), async (c) => {
    const input = await readJson(c, newRequest)
    const user = c.var.user
    const towns = await townsOf(c)
    const townId = input.townId ?? towns?.[0] ?? null
    if (towns !== null && (townId === null || !towns.includes(townId)))
      throw new ApiError('not_found', '镇不存在')
    const at = Date.now()
    const row = await fileRequest(c.var.db, {
      townId,
      phone: input.phone,
      kind: input.kind,
      verifiedVia: 'committee',
      note: input.note ?? '',
      at,
      dueAt: addWorkingDays(at, REQUEST_WORKING_DAYS),
      userId: user.id,
    })
    return c.json(shownRequest(row), 201)
  })
  .get('/requests/:id', requireRole('admin', 'town', 'staff'), async (c) => {
    const row = await ownRequest(c, idParam(c))
    return c.json(shownRequest(row))
  })
  // The copy: everything stored under the phone (logged as 'copy' when a copy request is done).
  .get('/requests/:id/copy', requireRole('admin', 'town', 'staff'), async (c) => {
    const row = await ownRequest(c, idParam(c))
    if (!row.phone) throw new ApiError('conflict', '该申请的手机号已删除')
    const data = await dataOfPhone(c.var.db, row.phone)
    if (row.kind === 'copy' && row.status === 'open')
      await closeRequest(c.var.db, {
        id: row.id,
        status: 'done',
        action: 'copy',
        userId: c.var.user.id,
        at: Date.now(),
        result: { topics: data.topics.length, registrations: data.registrations.length },
      })
    return c.json(data)
  })
  .post('/requests/:id/erase', requireRole('admin', 'town'), async (c) => {
    const row = await ownRequest(c, idParam(c))
    if (row.kind !== 'deletion') throw new ApiError('conflict', '这不是删除申请')
    if (row.status !== 'open' || !row.phone) throw new ApiError('conflict', '该申请已处理')
    const at = Date.now()
    const result = await erasePhone(c.var.db, row.phone, at)
    const erased = Object.values(result).reduce((a, b) => a + b, 0)
    await closeRequest(c.var.db, {
      id: row.id,
      status: 'done',
      action: 'erase',
      userId: c.var.user.id,
      at,
      result,
      erased,
    })
    return c.json({ ...shownRequest((await requestById(c.var.db, row.id))!), result })
  })
  .post('/requests/:id/refuse', requireRole('admin', 'town'), async (c) => {
    const row = await ownRequest(c, idParam(c))
    const { note } = await readJson(c, closing)
    if (row.status !== 'open') throw new ApiError('conflict', '该申请已处理')
    if (!note?.trim())
      throw new ApiError('bad_request', '请说明不予办理的理由', { errors: { note: '请说明理由' } })
    await closeRequest(c.var.db, {
      id: row.id,
      status: 'refused',
      action: 'refuse',
      userId: c.var.user.id,
      at: Date.now(),
      note,
    })
    return c.json(shownRequest((await requestById(c.var.db, row.id))!))
  })
  // One masked phone, shown with a purpose and logged. Children's records: only the activity's
  // own staff (staff role of its neighborhood).
  .post('/reveal', requireRole('admin', 'town', 'staff'), async (c) => {
    const input = await readJson(c, reveal)
    const user = c.var.user
    const target = await revealTarget(c.var.db, input.resource, input.id)
    const visible =
      target &&
      (target.neighborhoodId === null
        ? user.neighborhoodIds === null ||
          (target.townId !== null && user.townIds.includes(target.townId))
        : inScope(user, target.neighborhoodId))
    if (!target || !visible) throw new ApiError('not_found', '记录不存在')
    if (target.forChildren && user.role !== 'staff')
      throw new ApiError('forbidden', '儿童信息只有负责该活动的工作人员可以查看')
    if (target.withdrawn) throw new ApiError('conflict', '居民已撤回联系同意，不能再查看其手机号')
    if (!target.phone) throw new ApiError('not_found', '该记录没有手机号')
    await logReveal(c.var.db, {
      userId: user.id,
      resource: input.resource,
      id: input.id,
      purpose: input.purpose,
      at: Date.now(),
    })
    return c.json({ phone: target.phone })
  })
  .get('/access-log', requireRole('admin'), async (c) => {
    const userId = Number(c.req.query('userId') ?? '') || undefined
    const typed = c.req.query('phone')
    const p = typed ? normalizePhone(typed) : undefined
    if (p !== undefined && !MOBILE_PHONE.test(p))
      throw new ApiError('bad_request', '手机号应为 11 位大陆手机号', {
        errors: { phone: '手机号有误' },
      })
    // Neither: the latest entries of everyone (accessLog's limit).
    return c.json(await accessLog(c.var.db, { userId, phone: p }))
  })

/**
 * A request as the queue shows it: the phone masked (#17.6). Carrying it out goes by the request's
 * id (the copy, the erasure), so the full number never needs to leave the server here.
 */
const shownRequest = (row: RequestRow) => ({ ...row, phone: maskPhone(row.phone) })

/** A request the user may handle (its town in their scope), or 404. */
const ownRequest = async (c: { var: AppEnv['Variables'] }, id: number) => {
  const row = await requestById(c.var.db, id)
  const towns = await townsOf(c)
  if (!row || (towns !== null && (row.townId === null || !towns.includes(row.townId))))
    throw new ApiError('not_found', '申请不存在')
  return row
}
