import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { audit } from '../../db/queries/audit'
import { saveTemplate, townTemplates, type TemplateRow } from '../../db/queries/notify/settings'
import { SAMPLE_PARAMS, TEMPLATE_TEXT, renderMessage } from '../../domain/notify/templates'
import type { Medium } from '../../domain/notify/rules'
import {
  CONSENT_MEDIA,
  MESSAGE_TEMPLATE_LABEL,
  MESSAGE_TEMPLATES,
  type MessageTemplate,
} from '../../domain/vocabulary'
import { requireRole, requireUser, type CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { filterList } from '../../lib/simple-rest'
import { readJson } from '../../lib/validate'

// Message templates per town and medium (/api/notification-templates, id
// `<townId>:<template>:<medium>`): the built-in text, the town's own wording (zh, en) and, for
// SMS and WeChat, the id of the template the provider approved (its parameters are filled by
// name). POST /preview renders one as a resident would receive it.

const townsOf = (user: CurrentUser, wanted: number[] | undefined) => {
  if (user.neighborhoodIds === null) return wanted ?? []
  return (wanted ?? user.townIds).filter((t) => user.townIds.includes(t))
}

const record = (townId: number, key: MessageTemplate, medium: Medium, own?: TemplateRow) => ({
  id: `${townId}:${key}:${medium}`,
  townId,
  templateKey: key,
  medium,
  label: MESSAGE_TEMPLATE_LABEL[key],
  params: TEMPLATE_TEXT[key].params,
  defaultZh: TEMPLATE_TEXT[key].zh,
  defaultEn: TEMPLATE_TEXT[key].en,
  providerTemplateId: own?.providerTemplateId ?? null,
  textZh: own?.textZh ?? null,
  textEn: own?.textEn ?? null,
})

const ID = /^(\d+):([a-z_]+):(sms|email|wechat)$/

const parseId = (id: string) => {
  const m = ID.exec(id)
  if (!m || !MESSAGE_TEMPLATES.includes(m[2] as MessageTemplate))
    throw new ApiError('not_found', '模板不存在')
  return { townId: Number(m[1]), templateKey: m[2] as MessageTemplate, medium: m[3] as Medium }
}

const optionalText = z
  .string({ message: '应为文字' })
  .trim()
  .max(300, '最多 300 个字')
  .nullable()
  .optional()
const updateSchema = z.object({
  providerTemplateId: z
    .string({ message: '应为文字' })
    .trim()
    .max(64, '最多 64 个字')
    .nullable()
    .optional(),
  textZh: optionalText,
  textEn: optionalText,
})
const previewSchema = z.object({
  templateKey: z.enum(MESSAGE_TEMPLATES, { message: '模板无效' }),
  medium: z.enum(CONSENT_MEDIA, { message: '渠道无效' }),
  lang: z.enum(['zh', 'en'], { message: '语言无效' }),
  senderName: z.string({ message: '应为文字' }).max(20, '最多 20 个字').optional(),
  text: optionalText,
})

const list = async (c: { var: AppEnv['Variables'] }, towns: number[]) => {
  const own = await townTemplates(c.var.db, towns)
  const key = (t: number, k: string, m: string) => `${t}:${k}:${m}`
  const byKey = new Map(own.map((r) => [key(r.townId, r.templateKey, r.medium), r]))
  return towns.flatMap((t) =>
    MESSAGE_TEMPLATES.flatMap((k) =>
      CONSENT_MEDIA.map((m) => record(t, k, m, byKey.get(key(t, k, m)))),
    ),
  )
}

export const notificationTemplatesApi = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const raw = c.req.query('filter')
    let filter: Record<string, unknown> = {}
    try {
      filter = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
    } catch {
      throw new ApiError('bad_request', 'filter 应为对象', { errors: { filter: '应为 JSON 对象' } })
    }
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
      throw new ApiError('bad_request', 'filter 应为对象', { errors: { filter: '应为 JSON 对象' } })
    const towns = townsOf(
      c.var.user,
      filterList<unknown>(filter.townId)?.map(Number).filter(Number.isSafeInteger),
    )
    let rows = await list(c, towns)
    const ids = filterList<string>(filter.id)
    if (ids) rows = rows.filter((r) => ids.includes(r.id))
    const media = filterList<string>(filter.medium)
    if (media) rows = rows.filter((r) => media.includes(r.medium))
    c.header(
      'Content-Range',
      `notification-templates 0-${Math.max(0, rows.length - 1)}/${rows.length}`,
    )
    c.header('Access-Control-Expose-Headers', 'Content-Range')
    return c.json(rows)
  })
  .post('/preview', async (c) => {
    const p = await readJson(c, previewSchema)
    const out = renderMessage({
      templateKey: p.templateKey,
      lang: p.lang,
      medium: p.medium,
      params: SAMPLE_PARAMS,
      senderName: p.senderName ?? '',
      baseUrl: c.env.PUBLIC_URL,
      custom: p.text,
    })
    return c.json(out)
  })
  .get('/:id', async (c) => {
    const { townId, templateKey, medium } = parseId(c.req.param('id'))
    if (!townsOf(c.var.user, [townId]).length) throw new ApiError('not_found', '模板不存在')
    const [row] = (await list(c, [townId])).filter(
      (r) => r.templateKey === templateKey && r.medium === medium,
    )
    return c.json(row)
  })
  .put('/:id', requireRole('admin', 'town'), async (c) => {
    const { townId, templateKey, medium } = parseId(c.req.param('id'))
    if (!townsOf(c.var.user, [townId]).length) throw new ApiError('not_found', '模板不存在')
    const input = await readJson(c, updateSchema)
    const row: TemplateRow = {
      townId,
      templateKey,
      medium,
      providerTemplateId: input.providerTemplateId || null,
      textZh: input.textZh || null,
      textEn: input.textEn || null,
    }
    await batch(c.var.db, [
      saveTemplate(c.var.db, row, Date.now()),
      audit(c.var.db, c.var.user, {
        action: 'update',
        resource: 'notification-templates',
        recordId: `${townId}:${templateKey}:${medium}`,
        after: row,
      }),
    ])
    const [after] = (await list(c, [townId])).filter(
      (r) => r.templateKey === templateKey && r.medium === medium,
    )
    return c.json(after)
  })
