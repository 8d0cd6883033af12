// WeChat 订阅消息 (mini-program subscribe messages): subscribeMessage.send with an access token
// fetched from /cgi-bin/token and cached in D1 (provider_tokens) until 5 minutes before it
// expires. A token the API reports invalid is dropped and fetched once more.
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
import type { Db } from '../../env'
import { cachedToken, dropToken, storeToken } from '../../db/queries/verification/tokens'
import { callProvider } from './http'
import type { OutgoingMessage, Provider, SendResult } from './types'

export type WechatConfig = {
  appId: string
  appSecret: string
  /** Default https://api.weixin.qq.com. */
  apiBase?: string
  /** 'formal' (default), 'trial' or 'developer'. */
  miniprogramState?: string
}

const DEFAULT_BASE = 'https://api.weixin.qq.com'
const EARLY_MS = 5 * 60_000

/** errcodes of an access token that is invalid or expired: fetch a new one and try again. */
const TOKEN_INVALID = new Set([40001, 40014, 42001])
/** errcodes worth another try later: system busy, API frequency and daily quotas. */
const RETRYABLE = new Set([-1, 45009, 45011, 45047])

type WechatAnswer = { errcode?: number; errmsg?: string; msgid?: number | string }

/** The SendResult of subscribeMessage.send's answer. */
export const wechatResult = (answer: WechatAnswer): SendResult => {
  const code = answer.errcode ?? 0
  if (code === 0) return { ok: true, providerMessageId: String(answer.msgid ?? '') || undefined }
  return {
    ok: false,
    retryable: RETRYABLE.has(code) || TOKEN_INVALID.has(code),
    reason: `${code}: ${answer.errmsg ?? ''}`.trim(),
  }
}

/**
 * The WeChat provider: `to` is the openid, `templateId` the subscribe template, `params` its
 * keys (e.g. thing1, time2) with their values.
 */
export const wechat = (config: WechatConfig, db: Db): Provider => {
  const base = (config.apiBase || DEFAULT_BASE).replace(/\/$/, '')
  const tokenName = `wechat:${config.appId}`

  const token = async (): Promise<string | SendResult> => {
    const cached = await cachedToken(db, tokenName)
    if (cached) return cached
    const url = `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(config.appId)}&secret=${encodeURIComponent(config.appSecret)}`
    const r = await callProvider(url, { method: 'GET' })
    if ('failed' in r) return r.failed
    const answer = r.json as WechatAnswer & { access_token?: string; expires_in?: number }
    if (!answer.access_token) {
      const failed = wechatResult(answer)
      return failed.ok
        ? { ok: false, retryable: true, reason: 'no access_token in the answer' }
        : failed
    }
    const lifetime = (answer.expires_in ?? 7200) * 1000
    await storeToken(db, tokenName, answer.access_token, Date.now() + lifetime - EARLY_MS)
    return answer.access_token
  }

  const sendOnce = async (m: OutgoingMessage, accessToken: string) => {
    const data = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, { value: v }]))
    const r = await callProvider(
      `${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: m.to,
          template_id: m.templateId,
          miniprogram_state: config.miniprogramState || 'formal',
          lang: m.lang === 'en' ? 'en_US' : 'zh_CN',
          data,
        }),
      },
    )
    if ('failed' in r) return { result: r.failed, tokenInvalid: false }
    const answer = r.json as WechatAnswer
    return { result: wechatResult(answer), tokenInvalid: TOKEN_INVALID.has(answer.errcode ?? 0) }
  }

  return {
    medium: 'wechat',
    name: 'wechat',
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (!m.templateId) return { ok: false, retryable: false, reason: 'no template_id configured' }
      let accessToken = await token()
      if (typeof accessToken !== 'string') return accessToken
      const first = await sendOnce(m, accessToken)
      if (!first.tokenInvalid) return first.result
      await dropToken(db, tokenName)
      accessToken = await token()
      if (typeof accessToken !== 'string') return accessToken
      return (await sendOnce(m, accessToken)).result
    },
  }
}
