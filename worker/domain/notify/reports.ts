// Delivery reports the SMS providers push to us (their status callbacks), read into one shape:
// which message (the provider's id for it, as SendSms answered), delivered or not, the
// provider's own code and words, and when.
//  - 阿里云短信 SmsReport (HTTP 批量推送): a JSON array of { phone_number, send_time,
//    report_time, success, err_code, err_msg, sms_size, biz_id, out_id }; biz_id is SendSms's
//    BizId, out_id our OutId (the outbox id). https://help.aliyun.com/zh/sms/developer-reference/smsreport-2
//  - 腾讯云短信 短信下发状态通知: a JSON array of { user_receive_time, nationcode, mobile,
//    report_status: 'SUCCESS' | 'FAIL', errmsg, description, sid }; sid is SendSms's SerialNo.
//    https://cloud.tencent.com/document/product/382/5807
// Times are Beijing time 'YYYY-MM-DD HH:MM:SS'.

export type SmsProviderName = 'aliyun' | 'tencent'

export type DeliveryReport = {
  providerMessageId: string
  delivered: boolean
  /** The provider's code and description, e.g. 'DELIVERED: 用户接收成功'. */
  reason: string
  /** When the phone received it (or the report was made); null when the time is unreadable. */
  at: number | null
}

/** At most this many reports are read from one push. */
export const REPORTS_MAX = 500

/**
 * Epoch ms of a Beijing time 'YYYY-MM-DD HH:MM:SS'; null when it is not one.
 * @example beijingTime('2017-01-01 00:00:00') // Date.parse('2016-12-31T16:00:00Z')
 */
export const beijingTime = (s: unknown) => {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) return null
  const ms = Date.parse(`${s.replace(' ', 'T')}+08:00`)
  return Number.isNaN(ms) ? null : ms
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
const items = (body: unknown) =>
  (Array.isArray(body) ? body : [body])
    .slice(0, REPORTS_MAX)
    .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')

const reasonOf = (code: string, words: string) =>
  [code, words].filter(Boolean).join(': ') || 'no reason given'

/**
 * The reports in a provider's push (entries without a message id are left out).
 * @example readReports('tencent', [{ report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: 'x', user_receive_time: '2015-10-17 08:03:04' }])
 * // [{ providerMessageId: 'x', delivered: true, reason: 'DELIVRD: 用户短信送达成功', at: … }]
 */
export const readReports = (provider: SmsProviderName, body: unknown): DeliveryReport[] =>
  items(body).flatMap((r): DeliveryReport[] => {
    if (provider === 'aliyun') {
      const id = text(r.biz_id)
      if (!id) return []
      return [
        {
          providerMessageId: id,
          delivered: r.success === true || r.success === 'true',
          reason: reasonOf(text(r.err_code), text(r.err_msg)),
          at: beijingTime(r.report_time) ?? beijingTime(r.send_time),
        },
      ]
    }
    const id = text(r.sid)
    if (!id) return []
    return [
      {
        providerMessageId: id,
        delivered: text(r.report_status).toUpperCase() === 'SUCCESS',
        reason: reasonOf(text(r.errmsg), text(r.description)),
        at: beijingTime(r.user_receive_time),
      },
    ]
  })
