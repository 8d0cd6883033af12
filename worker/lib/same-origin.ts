import type { MiddlewareHandler } from 'hono'
import { ApiError } from './errors'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses unsafe requests a browser sends from another site (CSRF), by `Origin` and
 * `Sec-Fetch-Site`. Requests without either (curl, server integrations) pass.
 */
export const sameOrigin: MiddlewareHandler = async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header('origin')
    const site = c.req.header('sec-fetch-site')
    const self = new URL(c.req.url).origin
    if (
      (origin && origin !== 'null' && origin !== self) ||
      origin === 'null' ||
      site === 'cross-site'
    )
      throw new ApiError('forbidden', '拒绝跨站请求')
  }
  await next()
}
