// Email through Cloudflare Email Routing's `send_email` binding (wrangler.toml
// [[send_email]] name = "EMAIL"): the MIME message built here, sent as an EmailMessage. Only on
// Workers: the Node home has no such binding and uses the SMTP relay (./smtp.ts).
// https://developers.cloudflare.com/email-routing/email-workers/send-email-workers/
import { outboxMail } from './mime'
import type { OutgoingMessage, Provider, SendResult } from './types'

export type CloudflareEmailConfig = { binding: SendEmail; from: string; fromName?: string }

/** The Cloudflare Email provider. */
export const cloudflareEmail = (config: CloudflareEmailConfig): Provider => ({
  medium: 'email',
  name: 'cloudflare-email',
  async send(m: OutgoingMessage): Promise<SendResult> {
    const { messageId, raw } = outboxMail(config, m)
    try {
      // Imported here, not at the top: the Node home bundles this file but has no cloudflare:email.
      const { EmailMessage } = await import('cloudflare:email')
      await config.binding.send(new EmailMessage(config.from, m.to, raw))
      return { ok: true, providerMessageId: messageId }
    } catch (err) {
      const reason = (err as Error).message
      // The binding refuses what can never be sent (an address not allowed, a malformed message).
      const permanent = /not allowed|invalid|could not parse|does not match/i.test(reason)
      return { ok: false, retryable: !permanent, reason }
    }
  },
})
