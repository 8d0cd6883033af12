import { z } from 'zod'
import { normalizePhone } from '../../domain/masking'
import { OFFER_KINDS, PARTNER_KINDS } from '../../domain/vocabulary'

// The bodies of the partner and offer routes.

/** A mainland mobile (13812345678) or a landline with its area code (021-66781234). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

const phone = z
  .string({ message: '应为电话号码' })
  .transform(normalizePhone)
  .pipe(z.string().regex(PHONE, '电话应为 11 位手机号，或带区号的座机号（如 021-66781234）'))

const id = z.number({ message: '应为编号' }).int().positive()

const editable = {
  kind: z.enum(PARTNER_KINDS, { message: '请选择类型' }),
  name: z.string({ message: '请填写名称' }).trim().min(1, '请填写名称').max(60, '最多 60 个字'),
  neighborhoodId: id.nullable(),
  contactName: z.string({ message: '应为文字' }).trim().max(30, '最多 30 个字'),
  contactPhone: z.union([z.literal(''), z.null(), phone]),
  note: z.string({ message: '应为文字' }).trim().max(1000, '最多 1000 个字'),
  active: z.boolean({ message: '应为是或否' }),
}

export const partnerCreateSchema = z.object({
  ...editable,
  /** Required unless a neighborhood names the town. */
  townId: id.optional(),
  neighborhoodId: editable.neighborhoodId.optional(),
  contactName: editable.contactName.optional(),
  contactPhone: editable.contactPhone.optional(),
  note: editable.note.optional(),
  active: editable.active.optional(),
})

export const partnerUpdateSchema = z.object({ ...editable, townId: id }).partial()

const categoryIds = z.array(id, { message: '应为类别编号列表' }).max(12, '最多 12 个类别')

const offerEditable = {
  kind: z.enum(OFFER_KINDS, { message: '请选择资源类型' }),
  title: z.string({ message: '请填写资源' }).trim().min(1, '请填写资源').max(60, '最多 60 个字'),
  quantity: z.string({ message: '应为文字' }).trim().max(60, '最多 60 个字'),
  availability: z.string({ message: '应为文字' }).trim().max(60, '最多 60 个字'),
  categoryIds,
  active: z.boolean({ message: '应为是或否' }),
}

export const offerCreateSchema = z.object({
  ...z.object(offerEditable).partial().shape,
  partnerId: id,
  kind: offerEditable.kind,
  title: offerEditable.title,
})

export const offerUpdateSchema = z.object({ ...offerEditable, partnerId: id }).partial()

export const loginCreateSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名为 3–64 个字母、数字或 _ . -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(60),
  password: z.string().min(10, '密码至少 10 个字符').max(200),
})
