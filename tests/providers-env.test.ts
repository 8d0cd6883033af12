import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { providersFromEnv } from '../worker/lib/providers'
import type { Medium, OutgoingMessage, Provider, SendResult } from '../worker/lib/providers'

describe('providersFromEnv', () => {
  it('finds no provider when the deployment configured none', () => {
    const providers: Partial<Record<Medium, Provider>> = providersFromEnv(env)
    expect(providers).toEqual({})
    const message: OutgoingMessage = {
      id: 1,
      medium: 'sms',
      to: '13800138000',
      templateKey: 'otp',
      params: { code: '123456' },
      text: '验证码 123456',
      lang: 'zh',
    }
    const result: SendResult | undefined = undefined
    expect(providers[message.medium]).toBeUndefined()
    expect(result).toBeUndefined()
  })
})
