import type { MiddlewareHandler } from 'hono'
import { ApiError } from './errors'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

/** Whether a request carries a body at all (a bodiless POST, e.g. logout, needs no type). */
const hasBody = (request: Request) =>
  request.body !== null && request.headers.get('content-length') !== '0'

/**
 * The JSON API reads JSON only: a write whose body is of another type (a form post, text/plain)
 * is refused with 415 before any handler reads it, so the client hears why, and a body no
 * handler was written for never reaches one.
 * @example app.use('/api/*', requireJsonBody)
 */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  if (
    !SAFE.has(c.req.method) &&
    hasBody(c.req.raw) &&
    !JSON_TYPE.test(c.req.header('content-type') ?? '')
  )
    throw new ApiError(
      'unsupported_media_type',
      '请求体应为 JSON，请带 Content-Type: application/json',
    )
  await next()
}
