import { Hono } from 'hono'
import type { AuditAction } from '../../domain/vocabulary'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import {
  createTopicStatements,
  toTopicRow,
  TRACKING_CODE_CLASH,
  type NewTopic,
} from '../../db/queries/topics/create'
import { guard, guardedBatch, rawAll, rawStatement, type Statement } from '../../db/batch'
import { retryOnClash } from '../../db/errors'
import { newChannelCode } from '../../domain/channel-code'
import { isContactPhone, normalizePhone } from '../../domain/masking'
import { ApiError, type FieldErrors, validationError } from '../../lib/errors'
import { once } from '../../lib/idempotency'
import { auditCreate } from '../../lib/resource'
import { assertNeighborhoodInScope } from '../../lib/scope'
import { readJson } from '../../lib/validate'
import { assertTopicRefs, badTopicRefs, topicText } from './refs'
import { toTopicRecord } from './record'

// Staff entry of a topic on a resident's behalf (a phone call, a home visit, a note from the
// 意见箱), with the channel it came through.

export const STAFF_CHANNEL_KINDS = ['phone', 'visit', 'box', 'staff'] as const
type StaffChannelKind = (typeof STAFF_CHANNEL_KINDS)[number]

/** The label of a channel made on first use of its kind in a neighborhood. */
const KIND_LABEL: Record<StaffChannelKind, string> = {
  phone: '电话',
  visit: '上门走访',
  box: '意见箱',
  staff: '工作人员录入',
}

const optionalId = z.number({ message: '应为编号' }).int().positive().nullable().optional()
const optionalText = z
  .string({ message: '应为文字' })
  .trim()
  .max(60, '最多 60 个字')
  .nullable()
  .optional()

const createSchema = z.object({
  neighborhoodId: z.number({ message: '请选择居民区' }).int().positive('请选择居民区'),
  title: topicText.title,
  description: topicText.description.optional(),
  location: topicText.location.optional(),
  categoryId: optionalId,
  gridId: optionalId,
  channelId: optionalId,
  channelKind: z
    .enum(STAFF_CHANNEL_KINDS, { message: '渠道类型应为电话、走访、意见箱或工作人员录入' })
    .nullable()
    .optional(),
  submitterName: optionalText,
  submitterPhone: optionalText,
  consent: z.boolean({ message: '应为是或否' }).nullable().optional(),
})
type CreateInput = z.infer<typeof createSchema>

/** Personal data: a valid mobile number, and the resident's consent whenever name or phone is kept. */
const personalData = (input: CreateInput, now: number) => {
  const name = input.submitterName || null
  const phone = input.submitterPhone ? normalizePhone(input.submitterPhone) : null
  const errors: FieldErrors = {}
  if (phone && !isContactPhone(phone))
    errors.submitterPhone = '请填写 11 位手机号，或带区号的座机号（如 021-56781234）'
  if ((name || phone) && input.consent !== true)
    errors.consent = '登记姓名或电话前，请确认居民已同意'
  if (Object.keys(errors).length) throw validationError(errors)
  return { submitterName: name, submitterPhone: phone, consentAt: name || phone ? now : null }
}

/** A staff entry may make its neighborhood's channel in the same batch: two random codes. */
const CODE_CLASHES = [...TRACKING_CODE_CLASH, 'channels.code']

/**
 * The channel of `kind` in the neighborhood as a subquery, and the statements making it (with
 * its audit row) in the same batch when the neighborhood has none yet.
 */
const channelOfKind = (
  v: AppEnv['Variables'],
  neighborhoodId: number,
  kind: StaffChannelKind,
  now: number,
) => {
  const { db, user } = v
  const code = newChannelCode()
  const label = KIND_LABEL[kind]
  const after = JSON.stringify({ neighborhoodId, kind, label, code })
  return {
    id: sql`(SELECT id FROM channels WHERE neighborhood_id = ${neighborhoodId} AND kind = ${kind}
             ORDER BY active DESC, id LIMIT 1)`,
    statements: [
      rawStatement(
        db,
        sql`
        INSERT INTO channels (neighborhood_id, kind, label, code, created_at)
        SELECT ${neighborhoodId}, ${kind}, ${label}, ${code}, ${now}
        WHERE NOT EXISTS (SELECT 1 FROM channels WHERE neighborhood_id = ${neighborhoodId} AND kind = ${kind})`,
      ),
      rawStatement(
        db,
        sql`
        INSERT INTO audit_log (at, user_id, action, resource, record_id, after)
        SELECT ${now}, ${user.id}, ${'create' satisfies AuditAction}, 'channels', CAST(id AS TEXT), ${after} FROM channels WHERE code = ${code}`,
      ),
    ],
  }
}

// One round trip besides the session: the references are checked by a guard in the write's own
// batch, and only a failed guard costs a second query, to say which field is wrong.
const create = async (v: AppEnv['Variables'], input: CreateInput) => {
  const { db, user } = v
  const now = Date.now()
  const personal = personalData(input, now)
  assertNeighborhoodInScope(user, input.neighborhoodId)
  const kind: StaffChannelKind | null = input.channelId ? null : (input.channelKind ?? 'staff')
  // Random codes rarely clash; a clash fails the whole batch, so simply try again.
  return retryOnClash(CODE_CLASHES, async () => {
    const channel = kind ? channelOfKind(v, input.neighborhoodId, kind, now) : null
    const values: NewTopic = {
      neighborhoodId: input.neighborhoodId,
      title: input.title,
      description: input.description ?? '',
      location: input.location ?? '',
      categoryId: input.categoryId ?? null,
      gridId: input.gridId ?? null,
      channelId: channel?.id ?? input.channelId,
      ...personal,
      createdBy: user.id,
    }
    const { insert, event, count, tokens, trackingCode } = createTopicStatements(values, now)
    const after = { ...values, channelId: input.channelId ?? kind, trackingCode }
    const row = rawAll<Record<string, unknown>>(db, insert)
    const statements: Statement[] = [
      guard(db, badTopicRefs(input.neighborhoodId, input)),
      ...(channel?.statements ?? []),
      row,
      // Right after the insert: the audit row takes the new id from last_insert_rowid().
      auditCreate(db, user, 'topics', after),
      rawStatement(db, event),
      rawStatement(db, count),
      rawStatement(db, tokens),
    ]
    const results = await guardedBatch(db, statements)
    if (!results) {
      // The guard failed: something the topic names is missing; say which.
      await assertTopicRefs(db, input.neighborhoodId, { ...input, neighborhood: true })
      throw new ApiError('conflict', '议题刚被其他人修改，请刷新后重试')
    }
    return toTopicRow((results[statements.indexOf(row)] as Record<string, unknown>[])[0])
  })
}

export const topicsCreateApi = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, createSchema)
  const key = c.req.header('Idempotency-Key')
  if (!key) return c.json(toTopicRecord(await create(c.var, input), c.var.user), 201)
  const result = await once(c.var.db, key, `staff-topic:${c.var.user.id}`, input, async () => ({
    status: 201,
    body: toTopicRecord(await create(c.var, input), c.var.user),
  }))
  return c.json(result.body, 201)
})
