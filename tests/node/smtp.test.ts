// The Node home's email path: the SMTP client over node:net (server/smtp-socket.ts) against the
// providers' stand-in relay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeConnect } from '../../server/smtp-socket'
import { smtpEmail } from '../../worker/lib/providers/smtp'
import { STANDIN, startStandin } from '../../scripts/lib/provider-standin.mjs'

let standin: Awaited<ReturnType<typeof startStandin>>
beforeAll(async () => {
  standin = await startStandin()
})
afterAll(() => standin.stop())

describe('SMTP in the Node home', () => {
  it('delivers one message, and maps 550 to permanent', async () => {
    const provider = smtpEmail({
      host: '127.0.0.1',
      port: standin.smtpPort,
      security: 'none',
      ...STANDIN.smtp,
      from: 'noreply@jushou.example',
      connect: nodeConnect,
    })
    const base = {
      id: 7,
      medium: 'email' as const,
      templateKey: 'topic_answered',
      params: {},
      subject: '您的议题有了答复',
      text: '东门路灯：已修好。',
      lang: 'zh' as const,
    }
    expect(await provider.send({ ...base, to: 'resident@example.org' })).toMatchObject({ ok: true })
    expect(standin.sent.filter((m) => m.to === 'resident@example.org')).toHaveLength(1)
    expect(await provider.send({ ...base, to: 'bounce@example.org' })).toMatchObject({
      ok: false,
      retryable: false,
    })
  })
})
