import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { stopMessages } from '../../db/queries/notify/unsubscribe'
import { MOBILE_PHONE, normalizePhone } from '../../domain/masking'
import { isStopReply } from '../../domain/notify/replies'
import { ApiError } from '../../lib/errors'

// POST /api/notifications/sms-reply?key=<SMS_REPLY_KEY>: replies to our SMS that a provider
// forwards (腾讯云 上行短信回调: { mobile, text, … } or a list of them; 阿里云 SmsUp pushed by
// the caller as { phone_number, content, … } or a list). A reply 'T' (退订, TD, N …) withdraws
// the phone's SMS notify consents ('sms_reply') and skips what is still waiting. Without the
// SMS_REPLY_KEY secret set, the endpoint does not exist (404).

type Reply = { phone: string; text: string }

const repliesOf = (body: unknown): Reply[] => {
  const items = Array.isArray(body) ? body : [body]
  return items.flatMap((item) => {
    if (!item || typeof item !== 'object') return []
    const r = item as Record<string, unknown>
    const phone = r.mobile ?? r.phone_number ?? r.phone
    const text = r.text ?? r.content
    return typeof phone === 'string' && typeof text === 'string' ? [{ phone, text }] : []
  })
}

export const smsReplyApi = new Hono<AppEnv>().post('/', async (c) => {
  const key = c.env.SMS_REPLY_KEY
  if (!key || c.req.query('key') !== key) throw new ApiError('not_found', '页面不存在')
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new ApiError('bad_request', '应为 JSON')
  }
  const now = Date.now()
  let withdrawn = 0
  for (const r of repliesOf(body)) {
    const phone = normalizePhone(r.phone)
    if (MOBILE_PHONE.test(phone) && isStopReply(r.text))
      withdrawn += await stopMessages(c.var.db, { phone, medium: 'sms', via: 'sms_reply', at: now })
  }
  // Tencent expects { result: 0, errmsg: 'OK' }; Aliyun's MNS pull needs no answer body.
  return c.json({ result: 0, errmsg: 'OK', withdrawn })
})
