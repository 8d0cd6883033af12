// The bench's HTTP client: node:http over kept-alive connections, answering with a web Response
// as fetch() does. The load generator shares the machine's cores with the server it measures, and
// Node's fetch() (undici: web streams, Headers and a Response per request) cost the generator
// 1.1–1.6 ms of CPU per form POST here, against 0.4 ms for this. It sends what Node's fetch()
// sends by default (so the server does the same work, gzip included) and decodes the body as
// fetch() does; it follows no redirects (the bench asks fetch() for `redirect: 'manual'`).
import http from 'node:http'
import zlib from 'node:zlib'

const DEFAULT_HEADERS = {
  accept: '*/*',
  'accept-language': '*',
  'sec-fetch-mode': 'cors',
  'user-agent': 'node',
  'accept-encoding': 'gzip, deflate',
}
const NULL_BODY = new Set([101, 204, 205, 304])

const decode = (body, encoding) =>
  encoding === 'gzip'
    ? zlib.gunzipSync(body)
    : encoding === 'deflate'
      ? zlib.inflateSync(body)
      : encoding === 'br'
        ? zlib.brotliDecompressSync(body)
        : body

/**
 * A fetch(url, { method, headers, body }) for one server: string bodies, no redirects.
 * @example const send = createHttpClient(); const res = await send('http://127.0.0.1:8787/api/auth/me')
 */
export const createHttpClient = () => {
  const agent = new http.Agent({ keepAlive: true })
  return (url, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const { hostname, port, pathname, search } = new URL(url)
      const sent = { ...DEFAULT_HEADERS, ...headers }
      if (body !== undefined) sent['content-length'] = Buffer.byteLength(body)
      const request = http.request(
        { host: hostname, port, path: pathname + search, method, headers: sent, agent },
        (res) => {
          const chunks = []
          res.on('data', (chunk) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            const headers = new Headers()
            for (const [name, value] of Object.entries(res.headers))
              for (const v of [value].flat()) headers.append(name, v)
            const raw = Buffer.concat(chunks)
            const status = res.statusCode
            try {
              resolve(
                new Response(
                  NULL_BODY.has(status) ? null : decode(raw, res.headers['content-encoding']),
                  { status, headers },
                ),
              )
            } catch (err) {
              reject(err)
            }
          })
        },
      )
      request.on('error', reject)
      request.end(body)
    })
}
