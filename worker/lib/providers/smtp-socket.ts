// The SMTP client's socket on Workers: a TCP connection from `cloudflare:sockets`.
// https://developers.cloudflare.com/workers/runtime-apis/tcp-sockets/
import type { SmtpConnect, SmtpSocket } from './smtp'

const wrap = (socket: Socket): SmtpSocket => {
  const reader = socket.readable.getReader()
  const writer = socket.writable.getWriter()
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  return {
    write: (text) => writer.write(encoder.encode(text)),
    async read() {
      const { value, done } = await reader.read()
      return done ? null : decoder.decode(value, { stream: true })
    },
    async startTls(hostname) {
      reader.releaseLock()
      writer.releaseLock()
      return wrap(socket.startTls({ expectedServerHostname: hostname }))
    },
    close: () => socket.close(),
  }
}

/** Opens a TCP connection (TLS from the start when `tls`), able to upgrade by STARTTLS later. */
export const workersConnect: SmtpConnect = async (host, port, tls) => {
  // Imported here, not at the top: the Node home bundles this file but has no cloudflare:sockets.
  const { connect } = await import('cloudflare:sockets')
  const socket = connect(
    { hostname: host, port },
    { secureTransport: tls ? 'on' : 'starttls', allowHalfOpen: false },
  )
  await socket.opened
  return wrap(socket)
}
