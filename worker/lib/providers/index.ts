// Which providers this deployment can send through, from its secrets and vars (README,
// Notifications): one per medium, built only when every credential it needs is set.
import { createDb } from '../../db/client'
import { aliyunSms } from './aliyun-sms'
import { cloudflareEmail } from './cloudflare-email'
import { smtpEmail, type SmtpSecurity } from './smtp'
import { workersConnect } from './smtp-socket'
import { tencentSms } from './tencent-sms'
import type { Medium, Provider } from './types'
import { wechat } from './wechat'

export type { Medium, OutgoingMessage, Provider, SendResult } from './types'

/** The settings the providers and their webhooks read; the Node home takes them from its environment. */
export const PROVIDER_SETTINGS = [
  'SMS_PROVIDER',
  'SMS_REPLY_KEY',
  'SMS_REPORT_KEY',
  'SMS_OTP_TEMPLATE_ID',
  'ALIYUN_SMS_ACCESS_KEY_ID',
  'ALIYUN_SMS_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_ENDPOINT',
  'TENCENT_SMS_SECRET_ID',
  'TENCENT_SMS_SECRET_KEY',
  'TENCENT_SMS_SDK_APP_ID',
  'TENCENT_SMS_SIGN_NAME',
  'TENCENT_SMS_REGION',
  'TENCENT_SMS_ENDPOINT',
  'EMAIL_FROM',
  'EMAIL_FROM_NAME',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'SMTP_SECURITY',
  'WECHAT_APP_ID',
  'WECHAT_APP_SECRET',
  'WECHAT_API_BASE',
  'WECHAT_MINIPROGRAM_STATE',
] as const

const aliyunOf = (env: Env) =>
  env.ALIYUN_SMS_ACCESS_KEY_ID && env.ALIYUN_SMS_ACCESS_KEY_SECRET && env.ALIYUN_SMS_SIGN_NAME
    ? aliyunSms({
        accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID,
        accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET,
        signName: env.ALIYUN_SMS_SIGN_NAME,
        endpoint: env.ALIYUN_SMS_ENDPOINT,
      })
    : undefined

const tencentOf = (env: Env) =>
  env.TENCENT_SMS_SECRET_ID &&
  env.TENCENT_SMS_SECRET_KEY &&
  env.TENCENT_SMS_SDK_APP_ID &&
  env.TENCENT_SMS_SIGN_NAME
    ? tencentSms({
        secretId: env.TENCENT_SMS_SECRET_ID,
        secretKey: env.TENCENT_SMS_SECRET_KEY,
        sdkAppId: env.TENCENT_SMS_SDK_APP_ID,
        signName: env.TENCENT_SMS_SIGN_NAME,
        region: env.TENCENT_SMS_REGION,
        endpoint: env.TENCENT_SMS_ENDPOINT,
      })
    : undefined

const SECURITIES: SmtpSecurity[] = ['implicit', 'starttls', 'none']

const emailOf = (env: Env) => {
  if (!env.EMAIL_FROM) return undefined
  // An SMTP relay when one is named (the Node home's only way), else the Workers binding.
  if (env.SMTP_HOST) {
    const security = SECURITIES.find((s) => s === env.SMTP_SECURITY) ?? 'starttls'
    const port = Number(env.SMTP_PORT) || (security === 'implicit' ? 465 : 587)
    return smtpEmail({
      host: env.SMTP_HOST,
      port,
      security,
      user: env.SMTP_USER,
      password: env.SMTP_PASSWORD,
      from: env.EMAIL_FROM,
      fromName: env.EMAIL_FROM_NAME,
      connect: env.SMTP_CONNECT ?? workersConnect,
    })
  }
  return env.EMAIL
    ? cloudflareEmail({ binding: env.EMAIL, from: env.EMAIL_FROM, fromName: env.EMAIL_FROM_NAME })
    : undefined
}

const wechatOf = (env: Env) =>
  env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
    ? wechat(
        {
          appId: env.WECHAT_APP_ID,
          appSecret: env.WECHAT_APP_SECRET,
          apiBase: env.WECHAT_API_BASE,
          miniprogramState: env.WECHAT_MINIPROGRAM_STATE,
        },
        createDb(env.DB),
      )
    : undefined

/**
 * The providers this deployment has credentials for, one per medium (README, Notifications).
 * SMS: 阿里云 or 腾讯云 (SMS_PROVIDER chooses when both are set). None configured → {}: nothing is
 * sent, and the pages say notifications are off.
 * @example await providersFromEnv(env).sms?.send(message)
 */
export function providersFromEnv(env: Env): Partial<Record<Medium, Provider>> {
  const aliyun = aliyunOf(env)
  const tencent = tencentOf(env)
  const sms = env.SMS_PROVIDER === 'tencent' ? (tencent ?? aliyun) : (aliyun ?? tencent)
  const providers: Partial<Record<Medium, Provider>> = {}
  if (sms) providers.sms = sms
  const email = emailOf(env)
  if (email) providers.email = email
  const wx = wechatOf(env)
  if (wx) providers.wechat = wx
  return providers
}
