// The SMTP client's socket in the Node home (worker/lib/providers/smtp.ts): node:net, node:tls
// for TLS from the start and for STARTTLS. Passed to the app as env.SMTP_CONNECT.
import net from 'node:net'
import tls from 'node:tls'
import type { SmtpConnect, SmtpSocket } from '../worker/lib/providers/smtp'

const wrap = (socket: net.Socket): SmtpSocket => {
  const chunks: string[] = []
  const waiting: ((chunk: string | null) => void)[] = []
  let ended = false
  const push = (chunk: string | null) => {
    const next = waiting.shift()
    if (next) next(chunk)
    else if (chunk !== null) chunks.push(chunk)
    else ended = true
  }
  const onData = (data: Buffer) => push(data.toString('utf8'))
  const onEnd = () => push(null)
  socket.on('data', onData)
  socket.on('end', onEnd)
  socket.on('close', onEnd)
  socket.on('error', onEnd)
  return {
    write: (text) =>
      new Promise((resolve, reject) =>
        socket.write(text, (err) => (err ? reject(err) : resolve())),
      ),
    read: () =>
      chunks.length
        ? Promise.resolve(chunks.shift()!)
        : ended
          ? Promise.resolve(null)
          : new Promise((resolve) => waiting.push(resolve)),
    startTls: (hostname) =>
      new Promise((resolve, reject) => {
        socket.off('data', onData)
        socket.off('end', onEnd)
        socket.off('close', onEnd)
        socket.off('error', onEnd)
        const secure = tls.connect({ socket, servername: hostname }, () => resolve(wrap(secure)))
        secure.once('error', reject)
      }),
    close: async () => {
      socket.destroy()
    },
  }
}

/** Opens a TCP connection to the relay, TLS from the start when `secure`. */
export const nodeConnect: SmtpConnect = (host, port, secure) =>
  new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ host, port, servername: host }, () => resolve(wrap(socket)))
      : net.connect({ host, port }, () => resolve(wrap(socket)))
    socket.once('error', reject)
  })
