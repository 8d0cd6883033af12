// The one error page of the resident pages. A route that finds nothing throws `notFound()`; any
// other error escapes; `pageError` answers both as a page in the reader's language with the
// error's status. app.ts sends every error outside /api here (unmatched paths, the cross-site
// check), so only /api answers errors as JSON.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError, handleError, type ErrorCode } from '../lib/errors'
import { minutesOf } from './common'
import { langOf, t, type Lang, type MessageKey } from './i18n'
import { messagePage } from './layout'

export type NotFoundOptions = {
  /** Defaults to the generic "没有找到这个页面". */
  title?: MessageKey
  body?: MessageKey
  /** A way on from the 404 page (a form to type the code again, a link). */
  extra?: Child
}

/** The not-found problem a page raises; `pageError` renders it as the 404 page. */
export class PageNotFound extends Error {
  readonly options: NotFoundOptions
  constructor(options: NotFoundOptions = {}) {
    super('page not found')
    this.options = options
  }
}

/**
 * Stops the page with a 404: throws a `PageNotFound`.
 * @example if (!form) notFound({ title: 'form.not_found_title', body: 'form.not_found_body' })
 */
export const notFound = (options?: NotFoundOptions): never => {
  throw new PageNotFound(options)
}

/**
 * The 429 page of a page's rate limit: sets Retry-After and says how many minutes to wait.
 * @example const wait = await overLimit(c, 'track'); if (wait) return tooManyPage(c, lang, wait)
 */
export const tooManyPage = (
  c: Context,
  lang: Lang,
  seconds: number,
  body: 'common.rate_limited_short' | 'common.rate_limited_body' = 'common.rate_limited_short',
) => {
  c.header('Retry-After', String(seconds))
  return messagePage(c, {
    lang,
    status: 429,
    title: t(lang, 'common.rate_limited_title'),
    body: t(lang, body, { minutes: minutesOf(seconds) }),
  })
}

/** The words of an API error code a page can meet; others show the error's own message. */
const WORDS: Partial<Record<ErrorCode, [MessageKey, MessageKey]>> = {
  not_found: ['common.not_found_title', 'common.not_found_body'],
  forbidden: ['common.forbidden_title', 'common.forbidden_body'],
  payload_too_large: ['common.error_title', 'common.too_large_body'],
}

/** A request that posted JSON (the public registration endpoint's integrations) wants JSON back. */
const postedJson = (c: Context) => (c.req.header('content-type') ?? '').includes('application/json')

/**
 * The error handler of the resident pages: the message page with the error's status, in Chinese
 * unless `?lang=en` / Accept-Language ask for English. Only 5xx are logged.
 * @example residentPages.onError(pageError)
 */
export const pageError = (err: Error, c: Context) => {
  // A page's 404 is the API's not_found for a JSON caller (handleError knows only ApiErrors).
  if (postedJson(c))
    return handleError(
      err instanceof PageNotFound ? new ApiError('not_found', '页面不存在') : err,
      c,
    )
  const lang = langOf(c)
  const page = (status: ContentfulStatusCode, title: MessageKey, body: string, extra?: Child) =>
    messagePage(c, { lang, status, title: t(lang, title), body, extra })
  if (err instanceof PageNotFound) {
    const { title = 'common.not_found_title', body = 'common.not_found_body', extra } = err.options
    return page(404, title, t(lang, body), extra)
  }
  if (err instanceof ApiError) {
    if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
    const words = WORDS[err.code]
    return words
      ? page(err.status, words[0], t(lang, words[1]))
      : page(err.status, 'common.error_title', err.message)
  }
  const status = err instanceof HTTPException ? (err.status as ContentfulStatusCode) : 500
  if (status >= 500) console.error(err)
  return page(status, 'common.error_title', t(lang, 'common.error_body'))
}
