import { z } from 'zod'
import { OFFER_KINDS } from '../../domain/vocabulary'

// The bodies of the claim, need and lead routes.

const id = z.number({ message: '应为编号' }).int().positive()
const note = z.string({ message: '应为文字' }).trim().max(500, '最多 500 个字')

export const claimCreateSchema = z.object({
  projectId: id,
  checklistItemId: id.nullable().optional(),
  /** Staff recording a hand: the partner, or the 达人 (exactly one). A partner login names neither. */
  partnerId: id.nullable().optional(),
  volunteerId: id.nullable().optional(),
  personName: z.string({ message: '应为文字' }).trim().max(30, '最多 30 个字').optional(),
  offerId: id.nullable().optional(),
  message: note.optional(),
})

export const claimMoveSchema = z.object({ note: note.nullable().optional() })

export const claimBulkSchema = z.object({
  ids: z.array(id, { message: '应为认领编号列表' }).min(1, '请选择认领').max(50, '一次最多 50 条'),
  to: z.enum(['accepted', 'declined'], { message: '只能批量接受或婉拒' }),
  note: note.nullable().optional(),
})

const kinds = z.array(z.enum(OFFER_KINDS, { message: '资源类型无效' })).max(OFFER_KINDS.length)

export const needCreateSchema = z.object({
  projectId: id,
  checklistItemId: id.nullable().optional(),
  kinds: kinds.optional(),
  note: note.optional(),
  open: z.boolean({ message: '应为是或否' }).optional(),
})

export const needUpdateSchema = z
  .object({
    projectId: id,
    checklistItemId: id.nullable(),
    kinds,
    note,
    open: z.boolean({ message: '应为是或否' }),
  })
  .partial()

export const leadCreateSchema = z.object({
  activityId: id,
  partnerId: id.nullable().optional(),
  volunteerId: id.nullable().optional(),
})
