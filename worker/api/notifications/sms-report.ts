import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { applyReports } from '../../db/queries/notify/reports'
import { readReports, type SmsProviderName } from '../../domain/notify/reports'
import { ApiError } from '../../lib/errors'

// POST /api/notifications/sms-report/aliyun?key=<SMS_REPORT_KEY> and …/tencent?key=…: the SMS
// providers' delivery reports (阿里云 SmsReport HTTP 批量推送, 腾讯云 短信下发状态通知), read by
// domain/notify/reports.ts. Neither provider signs these pushes, so what can be checked is a
// shared secret in the URL configured at the provider; without SMS_REPORT_KEY set the endpoints
// do not exist (404). Each answers in the shape its provider expects (anything else makes it push
// again).

const ANSWER: Record<SmsProviderName, (settled: number) => Record<string, unknown>> = {
  aliyun: (settled) => ({ code: 0, msg: '接收成功', settled }),
  tencent: (settled) => ({ result: 0, errmsg: 'OK', settled }),
}

export const smsReportApi = new Hono<AppEnv>().post('/:provider', async (c) => {
  const provider = c.req.param('provider')
  const key = c.env.SMS_REPORT_KEY
  if (!key || c.req.query('key') !== key || (provider !== 'aliyun' && provider !== 'tencent'))
    throw new ApiError('not_found', '页面不存在')
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new ApiError('bad_request', '应为 JSON')
  }
  const settled = await applyReports(c.var.db, provider, readReports(provider, body), Date.now())
  return c.json(ANSWER[provider](settled))
})
