// One interface for every channel that reaches a resident (SMS, email, WeChat 订阅消息). The
// notify queue consumer and the one-time codes of 查找我的记录 both send through it; which
// providers exist comes from the deployment's secrets (providersFromEnv, ./index.ts).

export type Medium = 'sms' | 'email' | 'wechat'

export interface OutgoingMessage {
  /** Outbox row id (also the idempotency key sent to providers that accept one). */
  id: number
  medium: Medium
  /** Phone (sms), address (email), openid (wechat). */
  to: string
  /** Our template key, e.g. 'topic_answered'. */
  templateKey: string
  /** Provider-side approved template id (SMS/WeChat), from settings. */
  templateId?: string
  /** Template parameters (SMS/WeChat fill these). */
  params: Record<string, string>
  /** The rendered full text (email body; also logged). */
  text: string
  /** Email subject. */
  subject?: string
  lang: 'zh' | 'en'
}

/** `reason` is the provider's own code and message, for staff to read. */
export type SendResult =
  | { ok: true; providerMessageId?: string }
  | { ok: false; retryable: boolean; reason: string }

export interface Provider {
  medium: Medium
  /** e.g. 'aliyun', 'tencent', 'cloudflare-email', 'smtp', 'wechat'. */
  name: string
  send(m: OutgoingMessage): Promise<SendResult>
}
