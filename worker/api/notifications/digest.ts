import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { saveStaffContact, staffDigestOf } from '../../db/queries/notify/staff'
import { MOBILE_PHONE, normalizePhone } from '../../domain/masking'
import { renderMessage } from '../../domain/notify/templates'
import { requireUser } from '../../lib/auth'
import { readJson } from '../../lib/validate'

// /api/notification-staff/me: the signed-in staff user's own daily digest (new topics in their
// scope, their tasks due or overdue, claims waiting; written once a day by the scheduled job,
// worker/notify/scheduled.ts): where it goes (a phone or an email address), whether they want it,
// and the last one written for them with its status and text.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const contactSchema = z
  .object({
    medium: z.enum(['sms', 'email'], { message: '应为短信或电子邮件' }),
    address: z.string({ message: '应为文字' }).trim().max(100, '最多 100 个字'),
    active: z.boolean({ message: '应为是或否' }),
  })
  .transform((c) => (c.medium === 'sms' ? { ...c, address: normalizePhone(c.address) } : c))
  .superRefine((c, ctx) => {
    const ok = c.medium === 'sms' ? MOBILE_PHONE.test(c.address) : EMAIL.test(c.address)
    if (!ok)
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: c.medium === 'sms' ? '请填写 11 位手机号' : '请填写有效的电子邮件地址',
      })
  })

const answer = async (c: { env: Env; var: AppEnv['Variables'] }) => {
  const { contact, last } = await staffDigestOf(c.var.db, c.var.user.id)
  return {
    id: 'me',
    medium: contact?.medium ?? 'sms',
    address: contact?.address ?? '',
    active: contact?.active ?? false,
    updatedAt: contact?.updatedAt ?? null,
    last: last && {
      status: last.status,
      reason: last.reason,
      medium: last.medium,
      createdAt: last.createdAt,
      sentAt: last.sentAt,
      text: renderMessage({
        templateKey: 'staff_digest',
        lang: last.lang,
        medium: last.medium,
        params: JSON.parse(last.params) as Record<string, string>,
        senderName: last.senderName || last.townName || '',
        baseUrl: c.env.PUBLIC_URL,
      }).text,
    },
  }
}

export const staffDigestApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/me', async (c) => c.json(await answer(c)))
  .put('/me', async (c) => {
    const input = await readJson(c, contactSchema)
    await saveStaffContact(c.var.db, c.var.user.id, input, Date.now())
    return c.json(await answer(c))
  })
