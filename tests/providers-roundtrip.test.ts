// Each provider against the local stand-in (scripts/lib/provider-standin.mjs), which checks the request
// as the provider does (signature, token, AUTH) and answers with the provider's documented bodies:
// success, throttled (retryable), a bad number or address (permanent), bad credentials.
import { env } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'
import { createDb } from '../worker/db/client'
import { providersFromEnv, type OutgoingMessage, type SendResult } from '../worker/lib/providers'
import { aliyunSms } from '../worker/lib/providers/aliyun-sms'
import { cloudflareEmail } from '../worker/lib/providers/cloudflare-email'
import { buildMime } from '../worker/lib/providers/mime'
import { smtpEmail } from '../worker/lib/providers/smtp'
import { workersConnect } from '../worker/lib/providers/smtp-socket'
import { templateParamSet, tencentSms } from '../worker/lib/providers/tencent-sms'
import { wechat } from '../worker/lib/providers/wechat'
import { STANDIN } from '../scripts/lib/provider-standin.mjs'

const standin = inject('standin')

let seq = 0
const message = (fields: Partial<OutgoingMessage>): OutgoingMessage => ({
  id: ++seq,
  medium: 'sms',
  to: '13800138000',
  templateKey: 'otp',
  templateId: STANDIN.templateId,
  params: { code: '246810' },
  text: '【举手社区】您的验证码是 246810，10 分钟内有效。',
  lang: 'zh',
  ...fields,
})

const sentTo = async (to: string) => {
  const res = await fetch(`${standin.url}/_sent`)
  return (
    (await res.json()) as { provider: string; to: string; params?: unknown; data?: string }[]
  ).filter((m) => m.to === to)
}

describe('阿里云短信 SendSms', () => {
  const provider = aliyunSms({ ...STANDIN.aliyun, endpoint: standin.url })

  it('sends, signed as the provider checks it, with the template parameters', async () => {
    const r = await provider.send(message({ to: '13800138001' }))
    expect(r).toMatchObject({ ok: true })
    expect(r.ok && r.providerMessageId).toBeTruthy()
    expect(await sentTo('13800138001')).toMatchObject([
      { provider: 'aliyun', params: { code: '246810' } },
    ])
  })

  it('maps throttling to retryable, a bad number and an unapproved template to permanent', async () => {
    expect(await provider.send(message({ to: STANDIN.throttledPhone }))).toEqual({
      ok: false,
      retryable: true,
      reason: 'isv.BUSINESS_LIMIT_CONTROL: 触发号码天级流控Permits:10',
    })
    expect(await provider.send(message({ to: '12345' }))).toEqual({
      ok: false,
      retryable: false,
      reason: 'isv.MOBILE_NUMBER_ILLEGAL: 非法手机号',
    })
    expect(await provider.send(message({ templateId: 'SMS_9999' }))).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('isv.SMS_TEMPLATE_ILLEGAL'),
    })
  })

  it('is refused with a wrong secret (the stand-in recomputes the signature)', async () => {
    const wrong = aliyunSms({ ...STANDIN.aliyun, accessKeySecret: 'not-it', endpoint: standin.url })
    expect(await wrong.send(message({ to: '13800138002' }))).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('SignatureDoesNotMatch'),
    })
    expect(await sentTo('13800138002')).toEqual([])
  })

  it('counts an unreachable provider as retryable', async () => {
    const down = aliyunSms({ ...STANDIN.aliyun, endpoint: 'http://127.0.0.1:9' })
    const r: SendResult = await down.send(message({}))
    expect(r).toMatchObject({
      ok: false,
      retryable: true,
      reason: expect.stringMatching(/^network/),
    })
  })
})

describe('腾讯云短信 SendSms', () => {
  const provider = tencentSms({ ...STANDIN.tencent, endpoint: standin.url })

  it('sends as +86, signed with TC3, parameters in the template order', async () => {
    const r = await provider.send(
      message({ to: '13800138003', params: { '2': '10', '1': '246810' } }),
    )
    expect(r).toMatchObject({ ok: true })
    expect(await sentTo('13800138003')).toMatchObject([
      { provider: 'tencent', params: ['246810', '10'] },
    ])
    expect(templateParamSet({ b: 'x', a: 'y' })).toEqual(['x', 'y'])
  })

  it('maps throttling to retryable, a bad number to permanent, a bad signature to permanent', async () => {
    expect(await provider.send(message({ to: STANDIN.throttledPhone }))).toEqual({
      ok: false,
      retryable: true,
      reason: 'LimitExceeded.PhoneNumberDailyLimit: 单个手机号日下发短信条数超过设定的上限',
    })
    expect(await provider.send(message({ to: '1234' }))).toEqual({
      ok: false,
      retryable: false,
      reason: 'InvalidParameterValue.IncorrectPhoneNumber: 手机号格式错误',
    })
    const wrong = tencentSms({ ...STANDIN.tencent, secretKey: 'not-it', endpoint: standin.url })
    expect(await wrong.send(message({ to: '13800138004' }))).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('AuthFailure.SignatureFailure'),
    })
  })
})

describe('WeChat subscribeMessage.send', () => {
  const db = createDb(env.DB)
  const provider = wechat({ ...STANDIN.wechat, apiBase: standin.url }, db)
  const wx = (to: string) =>
    message({ medium: 'wechat', to, templateId: 'tmpl-1', params: { thing1: '议题已答复' } })
  const tokenRow = () =>
    env.DB.prepare('SELECT token, expires_at AS expiresAt FROM provider_tokens WHERE name = ?')
      .bind(`wechat:${STANDIN.wechat.appId}`)
      .first<{ token: string; expiresAt: number }>()

  it('fetches the access token once, caches it in D1 until shortly before it expires', async () => {
    expect(await provider.send(wx('openid-a'))).toMatchObject({ ok: true })
    const first = await tokenRow()
    expect(first!.expiresAt).toBeGreaterThan(Date.now() + 3600_000)
    expect(first!.expiresAt).toBeLessThanOrEqual(Date.now() + 7200_000)
    expect(await provider.send(wx('openid-b'))).toMatchObject({ ok: true })
    expect((await tokenRow())!.token).toBe(first!.token)
    expect(await sentTo('openid-b')).toMatchObject([{ params: { thing1: '议题已答复' } }])
  })

  it('fetches a new token when the API says the cached one is invalid', async () => {
    await env.DB.prepare('UPDATE provider_tokens SET token = ? WHERE name = ?')
      .bind('revoked', `wechat:${STANDIN.wechat.appId}`)
      .run()
    expect(await provider.send(wx('openid-c'))).toMatchObject({ ok: true })
    expect((await tokenRow())!.token).not.toBe('revoked')
  })

  it('maps a refusing user to permanent and a busy system to retryable', async () => {
    expect(await provider.send(wx('refused-1'))).toEqual({
      ok: false,
      retryable: false,
      reason: '43101: user refuse to accept the msg',
    })
    expect(await provider.send(wx('busy-1'))).toMatchObject({ ok: false, retryable: true })
  })
})

describe('email', () => {
  const mail = (to: string) =>
    message({
      medium: 'email',
      to,
      subject: '您的议题有了答复：东门路灯',
      text: '您好，\n.点开链接查看。',
    })

  it('sends through an SMTP relay over a Workers TCP socket (AUTH PLAIN, dot-stuffed)', async () => {
    const provider = smtpEmail({
      host: '127.0.0.1',
      port: standin.smtpPort,
      security: 'none',
      ...STANDIN.smtp,
      from: 'noreply@jushou.example',
      fromName: '举手社区',
      connect: workersConnect,
    })
    const r = await provider.send(mail('resident@example.org'))
    expect(r).toMatchObject({ ok: true })
    const [got] = await sentTo('resident@example.org')
    expect(got.data).toContain('Subject: =?UTF-8?B?')
    expect(got.data).toContain(`Message-ID: ${r.ok && r.providerMessageId}`)
    const body = got.data!.split('\r\n\r\n')[1].replace(/\r\n/g, '')
    const text = new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)))
    expect(text).toBe('您好，\r\n.点开链接查看。')
    expect(await provider.send(mail('bounce@example.org'))).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('SMTP 550'),
    })
    expect(await provider.send(mail('later@example.org'))).toMatchObject({
      ok: false,
      retryable: true,
      reason: expect.stringContaining('SMTP 451'),
    })
    const badAuth = smtpEmail({
      host: '127.0.0.1',
      port: standin.smtpPort,
      security: 'none',
      user: 'relay',
      password: 'wrong',
      from: 'noreply@jushou.example',
      connect: workersConnect,
    })
    expect(await badAuth.send(mail('x@example.org'))).toMatchObject({ ok: false, retryable: false })
  })

  it('sends through the Cloudflare send_email binding (the MIME parses as miniflare checks it)', async () => {
    const provider = cloudflareEmail({ binding: env.EMAIL!, from: 'noreply@jushou.example' })
    expect(await provider.send(mail('resident@example.org'))).toMatchObject({ ok: true })
  })

  it('folds a long Chinese subject into encoded words', () => {
    const mime = buildMime({
      from: 'a@example.org',
      to: 'b@example.org',
      subject: '您关注的议题「东门路灯不亮，晚上回家很不方便」已经有了新的进展，请点开链接查看详情',
      text: 'x',
      messageId: '<1@example.org>',
    })
    const subject = mime
      .split('\r\n')
      .filter((l, i, all) => l.startsWith('Subject') || (i > 0 && all[i - 1] && l.startsWith(' ')))
    expect(subject.length).toBeGreaterThan(1)
    for (const line of subject) expect(line.length).toBeLessThanOrEqual(78)
  })
})

describe('providersFromEnv', () => {
  it('builds the SMS provider the settings name, and none without credentials', () => {
    expect(providersFromEnv(env)).toEqual({})
    const both = {
      ...env,
      ALIYUN_SMS_ACCESS_KEY_ID: 'a',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'b',
      ALIYUN_SMS_SIGN_NAME: 'c',
      TENCENT_SMS_SECRET_ID: 'a',
      TENCENT_SMS_SECRET_KEY: 'b',
      TENCENT_SMS_SDK_APP_ID: 'c',
      TENCENT_SMS_SIGN_NAME: 'd',
    }
    expect(providersFromEnv(both).sms?.name).toBe('aliyun')
    expect(providersFromEnv({ ...both, SMS_PROVIDER: 'tencent' }).sms?.name).toBe('tencent')
    expect(providersFromEnv({ ...env, EMAIL_FROM: 'n@example.org' }).email?.name).toBe(
      'cloudflare-email',
    )
    expect(
      providersFromEnv({ ...env, EMAIL_FROM: 'n@example.org', SMTP_HOST: 'smtp.example.org' }).email
        ?.name,
    ).toBe('smtp')
    expect(
      providersFromEnv({ ...env, WECHAT_APP_ID: 'wx', WECHAT_APP_SECRET: 's' }).wechat?.name,
    ).toBe('wechat')
  })
})
