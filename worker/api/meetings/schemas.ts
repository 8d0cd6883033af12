import { z } from 'zod'
import { savedTime } from '../../domain/dates'
import { TALLY_MAX } from '../../domain/meetings/tally'
import { MEETING_KINDS, MEETING_STATUSES } from '../../domain/vocabulary'

// The bodies the meeting routes take. An agenda is a list of topic ids in their order.

const text = (max: number) => z.string({ message: '应为文字' }).trim().max(max, `最多 ${max} 个字`)
const time = savedTime()

/** At most this many items on one agenda (a long evening has a dozen). */
export const MAX_AGENDA = 50

const editable = {
  kind: z.enum(MEETING_KINDS, { message: '请选择会议类型' }),
  title: text(100).optional(),
  gridId: z.number({ message: '应为编号' }).int().positive().nullable().optional(),
  startsAt: time,
  endsAt: time.nullable().optional(),
  place: text(100).optional(),
  host: text(50).optional(),
  topicIds: z
    .array(z.number().int().positive(), { message: '应为议题编号列表' })
    .max(MAX_AGENDA, `一次会议最多 ${MAX_AGENDA} 个议题`)
    .optional(),
  minutes: text(2000).optional(),
  headcount: z
    .number({ message: '应为人数' })
    .int('应为整数')
    .min(0, '不能为负')
    .max(TALLY_MAX, `不应超过 ${TALLY_MAX}`)
    .nullable()
    .optional(),
}

const endsAfterStart = (m: { startsAt?: number; endsAt?: number | null }, ctx: z.RefinementCtx) => {
  if (m.startsAt !== undefined && m.endsAt != null && m.endsAt < m.startsAt)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间应晚于开始时间' })
}

export const createSchema = z
  .object({
    neighborhoodId: z.number({ message: '请选择居民区' }).int().positive('请选择居民区'),
    ...editable,
  })
  .superRefine(endsAfterStart)

/** The admin sends the record back on save; the neighborhood may not change. */
export const updateSchema = z
  .object({
    ...editable,
    status: z.enum(MEETING_STATUSES, { message: '状态无效' }),
    neighborhoodId: z.number().int(),
  })
  .partial()
  .superRefine(endsAfterStart)
