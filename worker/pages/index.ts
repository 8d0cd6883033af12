// The resident pages, one router: QR channels and the needs form, tracking, evaluation, the
// public board and the staff posters. Errors here answer as pages, not JSON.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { langOf, t } from './i18n'
import { messagePage } from './layout'
import { needs } from './needs'
import { track } from './track'
import { evaluate } from './evaluate'
import { board } from './board'
import { poster } from './poster'

/** A resident form post is a few KB; anything far larger is not one. */
export const MAX_FORM_BYTES = 64 * 1024

export const residentPages = new Hono<AppEnv>()

// Scoped to our own paths: a '*' middleware here would also run for /api once mounted at '/'.
for (const path of ['/q/*', '/n/*', '/t/*', '/b/*'])
  residentPages.use(
    path,
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: () => {
        throw new ApiError('payload_too_large', '提交的内容太大')
      },
    }),
  )

residentPages.route('/', poster)
residentPages.route('/', needs)
residentPages.route('/', evaluate)
residentPages.route('/', track)
residentPages.route('/', board)

residentPages.onError((err, c) => {
  const lang = langOf(c)
  if (err instanceof ApiError) {
    if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
    const [title, body] =
      err.code === 'not_found'
        ? [t(lang, 'common.not_found_title'), t(lang, 'common.not_found_body')]
        : err.code === 'forbidden'
          ? [t(lang, 'common.forbidden_title'), t(lang, 'common.forbidden_body')]
          : [t(lang, 'common.error_title'), err.message]
    return messagePage(c, { lang, status: err.status, title, body })
  }
  console.error(err)
  return messagePage(c, {
    lang,
    status: 500,
    title: t(lang, 'common.error_title'),
    body: t(lang, 'common.error_body'),
  })
})
