// Hono's bodyLimit, asked only about requests that can carry a body. Hono's first step reads
// `request.body`, which on the Node home (@hono/node-server) builds a whole web Request with a
// stream for every GET; a GET or HEAD has no body on either runtime, and a declared length is
// checked as bodyLimit checks it, so the answers are the same on both.
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

type Options = { maxSize: number; onError: (c: Context) => Response | Promise<Response> }

/**
 * bodyLimit(options) that lets GET/HEAD through untouched.
 * @example app.use('/api/*', limitBody({ maxSize: 1024, onError: () => { throw tooLarge } }))
 */
export const limitBody = (options: Options): MiddlewareHandler => {
  const limit = bodyLimit(options)
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(length, 10) > options.maxSize ? options.onError(c) : next()
    return limit(c, next)
  }
}
