// Email through an SMTP relay (RFC 5321): EHLO, STARTTLS when asked, AUTH PLAIN, one message.
// The socket comes from the home: on Workers `cloudflare:sockets` (./smtp-socket.ts), in the
// Node home node:net / node:tls (server/smtp-socket.ts, passed in as env.SMTP_CONNECT).
import { outboxMail } from './mime'
import type { OutgoingMessage, Provider, SendResult } from './types'

/** The few things the client needs of a socket; text in and out (SMTP replies are ASCII). */
export interface SmtpSocket {
  write(text: string): Promise<void>
  /** The next chunk received, or null once the server closed. */
  read(): Promise<string | null>
  /** Upgrades this connection to TLS (after STARTTLS); the old object is no longer used. */
  startTls(hostname: string): Promise<SmtpSocket>
  close(): Promise<void>
}

/** 'implicit': TLS from the start (465); 'starttls' (587); 'none': a relay on a trusted network. */
export type SmtpSecurity = 'implicit' | 'starttls' | 'none'

export type SmtpConnect = (host: string, port: number, tls: boolean) => Promise<SmtpSocket>

export type SmtpConfig = {
  host: string
  port: number
  security: SmtpSecurity
  user?: string
  password?: string
  from: string
  fromName?: string
  connect: SmtpConnect
}

class SmtpReplyError extends Error {
  constructor(
    readonly code: number,
    text: string,
  ) {
    super(`SMTP ${code} ${text}`)
  }
}

const TIMEOUT_MS = 15_000

/** Reads replies: lines until one whose code is followed by a space (the last of a reply). */
const replies = (socket: SmtpSocket) => {
  let buffer = ''
  return async (expect: number[]) => {
    for (;;) {
      const lines = buffer.split('\r\n')
      const last = lines.findIndex((l) => /^\d{3}(?: |$)/.test(l))
      if (last >= 0 && last < lines.length - 1) {
        const reply = lines.slice(0, last + 1)
        buffer = lines.slice(last + 1).join('\r\n')
        const code = Number(reply[last].slice(0, 3))
        const text = reply.map((l) => l.slice(4)).join(' ')
        if (!expect.includes(code)) throw new SmtpReplyError(code, text)
        return { code, text, lines: reply }
      }
      const chunk = await Promise.race([
        socket.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('SMTP server did not answer in time')), TIMEOUT_MS),
        ),
      ])
      if (chunk === null) throw new Error('SMTP server closed the connection')
      buffer += chunk
    }
  }
}

/** `.` at the start of a line is doubled, and the message ends with CRLF.CRLF (RFC 5321 4.5.2). */
const dotStuffed = (mime: string) => `${mime.replace(/\r\n\./g, '\r\n..')}\r\n.\r\n`

/** AUTH PLAIN's one argument: base64 of NUL user NUL password, UTF-8. */
const plainAuth = (user: string, password: string) => {
  let binary = ''
  for (const b of new TextEncoder().encode(`\0${user}\0${password}`))
    binary += String.fromCharCode(b)
  return btoa(binary)
}

/** Sends one message; throws SmtpReplyError on an unexpected reply. */
const deliver = async (config: SmtpConfig, to: string, mime: string) => {
  let socket = await config.connect(config.host, config.port, config.security === 'implicit')
  try {
    let reply = replies(socket)
    const say = async (line: string, expect: number[]) => {
      await socket.write(`${line}\r\n`)
      return reply(expect)
    }
    await reply([220])
    let ehlo = await say('EHLO jushou', [250])
    if (config.security === 'starttls') {
      if (!ehlo.lines.some((l) => /^250[ -]STARTTLS/i.test(l)))
        throw new SmtpReplyError(530, 'the server does not offer STARTTLS')
      await say('STARTTLS', [220])
      socket = await socket.startTls(config.host)
      reply = replies(socket)
      ehlo = await say('EHLO jushou', [250])
    }
    if (config.user) await say(`AUTH PLAIN ${plainAuth(config.user, config.password ?? '')}`, [235])
    await say(`MAIL FROM:<${config.from}>`, [250])
    await say(`RCPT TO:<${to}>`, [250, 251])
    await say('DATA', [354])
    await socket.write(dotStuffed(mime))
    const accepted = await reply([250])
    await say('QUIT', [221]).catch(() => undefined)
    return accepted.text
  } finally {
    await socket.close().catch(() => undefined)
  }
}

/** The SMTP provider. */
export const smtpEmail = (config: SmtpConfig): Provider => ({
  medium: 'email',
  name: 'smtp',
  async send(m: OutgoingMessage): Promise<SendResult> {
    const { messageId, raw: mime } = outboxMail(config, m)
    try {
      await deliver(config, m.to, mime)
      return { ok: true, providerMessageId: messageId }
    } catch (err) {
      // 4xx: try again later (greylisting, a full queue); 5xx: refused for good.
      if (err instanceof SmtpReplyError)
        return { ok: false, retryable: err.code < 500, reason: err.message }
      return { ok: false, retryable: true, reason: `SMTP: ${(err as Error).message}` }
    }
  },
})
