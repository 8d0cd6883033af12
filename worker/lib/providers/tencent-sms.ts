// 腾讯云短信 SendSms (API version 2021-01-11), signed with TC3-HMAC-SHA256.
// https://cloud.tencent.com/document/api/382/55981
import { callProvider } from './http'
import { signTc3 } from './signing'
import type { OutgoingMessage, Provider, SendResult } from './types'

export type TencentSmsConfig = {
  secretId: string
  secretKey: string
  /** SmsSdkAppId of the SMS application. */
  sdkAppId: string
  signName: string
  /** Default ap-guangzhou. */
  region?: string
  /** Default https://sms.tencentcloudapi.com. */
  endpoint?: string
}

const DEFAULT_ENDPOINT = 'https://sms.tencentcloudapi.com'
const CONTENT_TYPE = 'application/json; charset=utf-8'

/** Throttling and the provider's own failures are worth another try; the rest is not. */
const retryableCode = (code: string) =>
  code === 'RequestLimitExceeded' ||
  code.startsWith('LimitExceeded.') ||
  code.startsWith('InternalError')

/**
 * Template parameters in the order of the template's {1}, {2}, …: keys '1', '2', … in number
 * order when all keys are numbers, else in the order given.
 */
export const templateParamSet = (params: Record<string, string>) => {
  const keys = Object.keys(params)
  if (keys.every((k) => /^\d+$/.test(k))) keys.sort((a, b) => Number(a) - Number(b))
  return keys.map((k) => params[k])
}

type TencentAnswer = {
  Response?: {
    Error?: { Code: string; Message: string }
    SendStatusSet?: { Code: string; Message: string; SerialNo?: string }[]
    RequestId?: string
  }
}

/** The SendResult of SendSms's answer: a request-level Error, else the number's status. */
export const tencentResult = (answer: TencentAnswer): SendResult => {
  const error = answer.Response?.Error
  const status = answer.Response?.SendStatusSet?.[0]
  const failure = error ?? (status && status.Code !== 'Ok' ? status : null)
  if (failure)
    return {
      ok: false,
      retryable: retryableCode(failure.Code),
      reason: `${failure.Code}: ${failure.Message}`,
    }
  if (!status) return { ok: false, retryable: true, reason: 'no SendStatusSet in the answer' }
  return { ok: true, providerMessageId: status.SerialNo }
}

/**
 * The 腾讯云短信 provider: `templateId` is the approved TemplateId, `params` fill {1}, {2}, ….
 * Mainland numbers are sent as +86….
 */
export const tencentSms = (config: TencentSmsConfig): Provider => {
  const endpoint = new URL(config.endpoint || DEFAULT_ENDPOINT)
  return {
    medium: 'sms',
    name: 'tencent',
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (!m.templateId) return { ok: false, retryable: false, reason: 'no TemplateId configured' }
      const payload = JSON.stringify({
        PhoneNumberSet: [m.to.startsWith('+') ? m.to : `+86${m.to}`],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: m.templateId,
        TemplateParamSet: templateParamSet(m.params),
        SessionContext: String(m.id),
      })
      const timestamp = Math.floor(Date.now() / 1000)
      const { authorization } = await signTc3({
        secretId: config.secretId,
        secretKey: config.secretKey,
        service: 'sms',
        host: endpoint.host,
        timestamp,
        contentType: CONTENT_TYPE,
        payload,
      })
      const r = await callProvider(`${endpoint.origin}/`, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': config.region || 'ap-guangzhou',
        },
        body: payload,
      })
      if ('failed' in r) return r.failed
      return tencentResult(r.json as TencentAnswer)
    },
  }
}
