// Per-town notification settings and templates, for the admin.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { notifySettings, notifyTemplates } from '../../schema'
import { DEFAULT_SETTINGS, type Medium, type NotifySettings } from '../../../domain/notify/rules'
import type { MessageTemplate } from '../../../domain/vocabulary'
import { toSettings } from './delivery'

const d = DEFAULT_SETTINGS

/**
 * The settings of every town matching `where` (over `towns t`), defaults where a town has none,
 * with `id` = the town's id.
 */
export const townSettings = async (db: Db, where: SQL | undefined) => {
  const rows = await db.all<
    { id: number; townName: string } & Record<string, string | number>
  >(sql`SELECT t.id, t.name AS townName,
      coalesce(s.sender_name, '') AS senderName, coalesce(s.sms_on, 1) AS smsOn,
      coalesce(s.email_on, 1) AS emailOn, coalesce(s.wechat_on, 1) AS wechatOn,
      coalesce(s.quiet_from, ${d.quietFrom}) AS quietFrom, coalesce(s.quiet_to, ${d.quietTo}) AS quietTo,
      coalesce(s.daily_cap, ${d.dailyCap}) AS dailyCap, coalesce(s.staff_digest, 1) AS staffDigest,
      s.updated_at AS updatedAt
    FROM towns t LEFT JOIN notify_settings s ON s.town_id = t.id
    WHERE ${where ?? sql`1`} ORDER BY t.id`)
  return rows.map(({ id, townName, updatedAt, ...rest }) => ({
    id,
    townName,
    updatedAt: updatedAt as number | null,
    ...toSettings(rest as never),
  }))
}

/** Writes a town's settings (insert or replace). */
export const saveTownSettings = (db: Db, townId: number, s: NotifySettings, now: number) =>
  db
    .insert(notifySettings)
    .values({ townId, ...s, updatedAt: now })
    .onConflictDoUpdate({
      target: notifySettings.townId,
      set: { ...s, updatedAt: now, version: sql`${notifySettings.version} + 1` },
    })

/**
 * Which media have a provider, and whether any does (none: notifications are off).
 * @example providerStatus({ sms: 'aliyun' }) // { providers: { sms: 'aliyun', email: null, wechat: null }, on: true }
 */
export const providerStatus = (names: Partial<Record<string, string | null>>) => {
  const providers = {
    sms: names.sms ?? null,
    email: names.email ?? null,
    wechat: names.wechat ?? null,
  }
  return { providers, on: Object.values(providers).some(Boolean) }
}

export type TemplateRow = {
  townId: number
  templateKey: MessageTemplate
  medium: Medium
  providerTemplateId: string | null
  textZh: string | null
  textEn: string | null
}

/** The towns' own template rows matching `where` (over `notify_templates`). */
export const townTemplates = (db: Db, townIds: number[]) =>
  db.all<TemplateRow>(sql`SELECT town_id AS townId, template_key AS templateKey, medium,
      provider_template_id AS providerTemplateId, text_zh AS textZh, text_en AS textEn
    FROM notify_templates WHERE town_id IN (SELECT value FROM json_each(${JSON.stringify(townIds)}))`)

/** Writes one town's template for a medium (insert or replace). */
export const saveTemplate = (db: Db, t: TemplateRow, now: number) =>
  db
    .insert(notifyTemplates)
    .values({ ...t, updatedAt: now })
    .onConflictDoUpdate({
      target: [notifyTemplates.townId, notifyTemplates.templateKey, notifyTemplates.medium],
      set: {
        providerTemplateId: t.providerTemplateId,
        textZh: t.textZh,
        textEn: t.textEn,
        updatedAt: now,
        version: sql`${notifyTemplates.version} + 1`,
      },
    })
