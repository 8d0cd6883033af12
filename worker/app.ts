import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { sql } from 'drizzle-orm'
import type { AppEnv } from './env'
import { createDb } from './db/client'
import { ApiError, handleError } from './lib/errors'
import { sameOrigin } from './lib/same-origin'
import { auth } from './api/auth'

/** JSON bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 256 * 1024

export const app = new Hono<AppEnv>()

app.use('*', async (c, next) => {
  c.set('db', createDb(c.env.DB))
  await next()
})
app.use('*', sameOrigin)
app.use(
  '/api/*',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', '提交的内容太大')
    },
  }),
)

app.get('/healthz', async (c) => {
  const started = Date.now()
  const row = await c.var.db.get<{ ok: number }>(sql`SELECT 1 AS ok`)
  return c.json({ ok: row.ok === 1, db: 'd1', ms: Date.now() - started })
})

app.get('/', (c) => c.redirect('/admin/'))
app.get('/admin', (c) => c.redirect('/admin/'))

app.route('/api/auth', auth)
// ROUTES — one line per domain router (keep this marker; helpers add below it)

app.notFound((c) => {
  throw new ApiError('not_found', '页面不存在')
})
app.onError(handleError)
