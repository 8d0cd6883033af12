// A plain-text email as MIME (RFC 5322 + 2045/2047): UTF-8 subject as encoded words, body in
// base64 lines, CRLF line ends. Shared by the Cloudflare Email binding and the SMTP relay.

const encoder = new TextEncoder()

const base64 = (bytes: Uint8Array) => {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** A header value in RFC 2047 encoded words when it is not plain ASCII (≤ 75 characters each). */
export const encodeWords = (text: string) => {
  if (/^[\x20-\x7e]*$/.test(text)) return text
  const words: string[] = []
  let chunk = ''
  for (const ch of text) {
    // 36 bytes of UTF-8 make 48 base64 characters: an encoded word of 60, inside the limit.
    if (encoder.encode(chunk + ch).length > 36) {
      words.push(chunk)
      chunk = ''
    }
    chunk += ch
  }
  if (chunk) words.push(chunk)
  return words.map((w) => `=?UTF-8?B?${base64(encoder.encode(w))}?=`).join('\r\n ')
}

/** An address with a display name: `"举手" <noreply@example.org>`. */
const mailbox = (address: string, name?: string) =>
  name ? `${encodeWords(name)} <${address}>` : `<${address}>`

export type MailInput = {
  from: string
  fromName?: string
  to: string
  subject: string
  text: string
  /** Unique per message, e.g. `<outbox-12@jushou>`: also what the provider reports back. */
  messageId: string
  date?: Date
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>
}

/**
 * The message as MIME text.
 * @example buildMime({ from: 'noreply@example.org', to: 'a@example.org', subject: '进展', text: '…', messageId: '<1@jushou>' })
 */
export const buildMime = (m: MailInput) => {
  const body = base64(encoder.encode(m.text.replace(/\r?\n/g, '\r\n')))
  const lines = [
    `From: ${mailbox(m.from, m.fromName)}`,
    `To: <${m.to}>`,
    `Subject: ${encodeWords(m.subject)}`,
    `Date: ${(m.date ?? new Date()).toUTCString()}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...(body.match(/.{1,76}/g) ?? []),
    '',
  ]
  return lines.join('\r\n')
}

/** An outbox message as a whole mail from `from`, with the Message-ID it carries. */
export const outboxMail = (
  from: { from: string; fromName?: string },
  m: { id: number; to: string; subject?: string; templateKey: string; text: string },
) => {
  const messageId = `<outbox-${m.id}-${Date.now()}@${from.from.split('@')[1] ?? 'jushou'}>`
  const raw = buildMime({
    from: from.from,
    fromName: from.fromName,
    to: m.to,
    subject: m.subject ?? m.templateKey,
    text: m.text,
    messageId,
  })
  return { messageId, raw }
}
