// Staff verify a resident's phone in person (at the committee, ID seen), the way without an SMS
// provider: POST /api/verified-phones { phone }. Same effect as a one-time code (domain/
// verification/otp.ts, rule 4): the phone is verified and its supports become voices. Audited.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { maskPhone } from '../../domain/masking'
import { phoneOf } from '../../domain/verification/otp'
import { markVerified, verification } from '../../db/queries/verification/codes'
import { audit } from '../../lib/audit'
import { requireUser, requireWriter } from '../../lib/auth'
import { readJson } from '../../lib/validate'

const input = z.object({
  phone: z
    .string()
    .max(40)
    .transform((v, ctx) => {
      const phone = phoneOf(v)
      if (!phone) ctx.addIssue({ code: 'custom', message: '请填写 11 位手机号' })
      return phone ?? ''
    }),
})

export const verifiedPhonesApi = new Hono<AppEnv>()

verifiedPhonesApi.use('*', requireUser, requireWriter)

verifiedPhonesApi.post('/', async (c) => {
  const { phone } = await readJson(c, input)
  const user = c.var.user
  const { supports } = await markVerified(c.var.db, phone, 'staff', user.id)
  const row = await verification(c.var.db, phone)
  await audit(c.var.db, user, {
    action: 'verify',
    resource: 'verified-phones',
    recordId: maskPhone(phone),
    after: { phone: maskPhone(phone), via: 'staff', supports },
  })
  return c.json({ id: phone, phone, ...row, supports }, 201)
})
