// 阿里云短信 Dysmsapi SendSms (API version 2017-05-25), signed with ACS3-HMAC-SHA256. The
// parameters travel in the query string of a POST with an empty body, as in the signature
// page's example. https://help.aliyun.com/zh/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms
import { randomHex, sha256Hex } from '../../domain/digest'
import { callProvider } from './http'
import { acs3Query, signAcs3 } from './signing'
import type { OutgoingMessage, Provider, SendResult } from './types'

export type AliyunSmsConfig = {
  accessKeyId: string
  accessKeySecret: string
  /** 短信签名, e.g. 举手社区. */
  signName: string
  /** Default https://dysmsapi.aliyuncs.com. */
  endpoint?: string
}

const DEFAULT_ENDPOINT = 'https://dysmsapi.aliyuncs.com'

/**
 * Codes worth another try later: throttling (per number: 1 a minute, 5 an hour, 10 a day by
 * default), the provider's own failures. Everything else (a bad number, an unapproved template or
 * signature, no balance, bad credentials) will not succeed by itself.
 */
const retryableCode = (code: string) =>
  code === 'isv.BUSINESS_LIMIT_CONTROL' ||
  code === 'isv.DAY_LIMIT_CONTROL' ||
  code.startsWith('Throttling') ||
  code.startsWith('isp.') ||
  code === 'ServiceUnavailable' ||
  code === 'InternalError'

type AliyunAnswer = { Code?: string; Message?: string; BizId?: string; RequestId?: string }

/** The SendResult of Dysmsapi's answer. */
export const aliyunResult = (answer: AliyunAnswer, status: number): SendResult => {
  if (answer.Code === 'OK') return { ok: true, providerMessageId: answer.BizId }
  const code = answer.Code ?? `HTTP ${status}`
  return {
    ok: false,
    retryable: retryableCode(code) || status >= 500,
    reason: `${code}: ${answer.Message ?? ''}`.trim(),
  }
}

/**
 * The 阿里云短信 provider: `templateId` is the approved TemplateCode, `params` its TemplateParam.
 * @example await aliyunSms(config).send({ ..., to: '13800138000', templateId: 'SMS_1234', params: { code: '123456' } })
 */
export const aliyunSms = (config: AliyunSmsConfig): Provider => {
  const endpoint = new URL(config.endpoint || DEFAULT_ENDPOINT)
  return {
    medium: 'sms',
    name: 'aliyun',
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (!m.templateId)
        return { ok: false, retryable: false, reason: 'no TemplateCode configured' }
      const query: Record<string, string> = {
        PhoneNumbers: m.to,
        SignName: config.signName,
        TemplateCode: m.templateId,
        TemplateParam: JSON.stringify(m.params),
        OutId: String(m.id),
      }
      const headers: Record<string, string> = {
        host: endpoint.host,
        'x-acs-action': 'SendSms',
        'x-acs-version': '2017-05-25',
        'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'x-acs-signature-nonce': randomHex(),
        'x-acs-content-sha256': await sha256Hex(''),
      }
      const { authorization } = await signAcs3({
        method: 'POST',
        path: endpoint.pathname || '/',
        query,
        headers,
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
      })
      const { host: _host, ...sent } = headers
      const r = await callProvider(`${endpoint.origin}${endpoint.pathname}?${acs3Query(query)}`, {
        method: 'POST',
        headers: { ...sent, authorization, accept: 'application/json' },
      })
      if ('failed' in r) return r.failed
      return aliyunResult(r.json as AliyunAnswer, r.status)
    },
  }
}
