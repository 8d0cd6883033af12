import { Hono } from 'hono'
import { z } from 'zod'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { providerStatus, townSettings, saveTownSettings } from '../../db/queries/notify/settings'
import { isClockTime } from '../../domain/notify/rules'
import { audit } from '../../db/queries/audit'
import { requireRole, requireUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { townScopeWhere } from '../../lib/scope'
import { idParam, readJson } from '../../lib/validate'
import { providersFromEnv } from '../../lib/providers'
import { batch } from '../../db/batch'

// Per-town notification settings (/api/notification-settings, id = the town's id): channels on
// or off, the sender's name every message starts with, quiet hours, the daily cap per phone, the
// staff digest. GET /api/notification-settings/status says which providers are configured (none:
// the admin says notifications are off).

const clock = z.string({ message: '应为时间' }).refine(isClockTime, '应为 HH:MM，例如 21:00')
const settingsSchema = z.object({
  senderName: z.string({ message: '应为文字' }).trim().max(20, '最多 20 个字'),
  smsOn: z.boolean({ message: '应为是或否' }),
  emailOn: z.boolean({ message: '应为是或否' }),
  wechatOn: z.boolean({ message: '应为是或否' }),
  quietFrom: clock,
  quietTo: clock,
  dailyCap: z
    .number({ message: '应为数字' })
    .int('应为整数')
    .min(1, '至少 1 条')
    .max(50, '最多 50 条'),
  staffDigest: z.boolean({ message: '应为是或否' }),
})

const status = (env: Env) => {
  const providers = providersFromEnv(env)
  return providerStatus(
    Object.fromEntries(Object.entries(providers).map(([medium, p]) => [medium, p?.name ?? null])),
  )
}

export const notificationSettingsApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/status', (c) => c.json(status(c.env)))
  .get('/', async (c) => {
    const rows = await townSettings(c.var.db, townScopeWhere(c.var.user, sql`t.id`))
    const s = status(c.env)
    const data = rows.map((r) => ({ ...r, providers: s.providers, on: s.on }))
    c.header(
      'Content-Range',
      `notification-settings 0-${Math.max(0, data.length - 1)}/${data.length}`,
    )
    c.header('Access-Control-Expose-Headers', 'Content-Range')
    return c.json(data)
  })
  .get('/:id', async (c) => {
    const id = idParam(c)
    const [row] = await townSettings(
      c.var.db,
      sql`t.id = ${id} AND ${townScopeWhere(c.var.user, sql`t.id`) ?? sql`1`}`,
    )
    if (!row) throw new ApiError('not_found', '镇不存在')
    const s = status(c.env)
    return c.json({ ...row, providers: s.providers, on: s.on })
  })
  .put('/:id', requireRole('admin', 'town'), async (c) => {
    const id = idParam(c)
    const [before] = await townSettings(
      c.var.db,
      sql`t.id = ${id} AND ${townScopeWhere(c.var.user, sql`t.id`) ?? sql`1`}`,
    )
    if (!before) throw new ApiError('not_found', '镇不存在')
    const input = await readJson(c, settingsSchema)
    const now = Date.now()
    await batch(c.var.db, [
      saveTownSettings(c.var.db, id, input, now),
      audit(c.var.db, c.var.user, {
        action: 'update',
        resource: 'notification-settings',
        recordId: id,
        before,
        after: input,
      }),
    ])
    const [after] = await townSettings(c.var.db, sql`t.id = ${id}`)
    const s = status(c.env)
    return c.json({ ...after, providers: s.providers, on: s.on })
  })
