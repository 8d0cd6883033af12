import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../../env'
import { forms, neighborhoods, towns } from '../../db/schema'
import { findForm, type FormWithFields } from '../../db/queries/forms/read'
import { savedTime } from '../../domain/dates'
import { FORM_STATUSES } from '../../domain/vocabulary'
import {
  consentMissing,
  FORM_SLUG,
  fieldsSchema,
  phoneKeyOf,
  type Field,
} from '../../domain/forms/definition'
import { availability } from '../../domain/forms/state'
import type { CurrentUser } from '../../lib/auth'
import { type FieldErrors, validationError } from '../../lib/errors'
import { assertFormInScope, assertNeighborhoodInScope } from '../../lib/scope'

// What the form routers share: the form as staff send it, the rules across its settings, where it
// may live, its API record, and loading one in scope.

// Times come as epoch ms; ISO strings (as a date picker gives them) are accepted too.
const time = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() ? Date.parse(v) : null) : v),
  savedTime('时间无效').nullish(),
)

/** A form as staff send it; create takes it whole, update any part of it. */
export const formSchema = z.object({
  title: z.string().trim().min(1, '请填写标题').max(100, '标题最多 100 字'),
  description: z.string().trim().max(5000, '说明最多 5000 字').nullish(),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(FORM_SLUG, '地址只能用小写字母、数字和短横线，2–40 位')
    .min(2, '地址至少 2 位')
    .nullish(),
  neighborhoodId: z.int().positive().nullish(),
  townId: z.int().positive().nullish(),
  status: z.enum(FORM_STATUSES, { error: '状态无效' }).nullish(),
  opensAt: time,
  closesAt: time,
  maxResponses: z.int('请填写整数').positive('上限应大于 0').max(1_000_000).nullish(),
  onePerPhone: z.boolean().nullish(),
  /** For children (#17): a guardian fills it in; the child's data is handled apart. */
  forChildren: z.boolean({ message: '应为是或否' }).nullish(),
  fields: fieldsSchema,
})

type Settings = {
  status: string
  opensAt: number | null
  closesAt: number | null
  onePerPhone: boolean
  fields: Field[]
}

/**
 * The rules that span settings: close after open, one-per-phone needs a required phone question,
 * a form asking for a phone is not opened without a consent question.
 */
export const checkSettings = (s: Settings) => {
  const errors: FieldErrors = {}
  if (s.opensAt !== null && s.closesAt !== null && s.closesAt <= s.opensAt)
    errors.closesAt = '截止时间应晚于开始时间'
  if (s.onePerPhone && !phoneKeyOf(s.fields))
    errors.onePerPhone = '“每个手机号限填一次”需要一道必填、不带条件的手机号题'
  const consent = consentMissing(s.status, s.fields)
  if (consent) errors.status = consent
  if (Object.keys(errors).length) throw validationError(errors)
}

/** Where a form lives: a neighborhood in scope, or town-wide for admins and town staff. */
export const placement = async (
  db: Db,
  user: CurrentUser,
  neighborhoodId: number | null,
  townId: number | null,
) => {
  if (neighborhoodId !== null) {
    assertNeighborhoodInScope(user, neighborhoodId)
    const [n] = await db
      .select({ townId: neighborhoods.townId })
      .from(neighborhoods)
      .where(eq(neighborhoods.id, neighborhoodId))
    if (!n) throw validationError({ neighborhoodId: '居民区不存在' })
    return { neighborhoodId, townId: n.townId }
  }
  if (user.neighborhoodIds !== null && !user.townIds.length)
    throw validationError({ neighborhoodId: '请选择居民区' })
  let town = townId ?? (user.townIds.length === 1 ? user.townIds[0] : null)
  if (town === null && user.neighborhoodIds === null) {
    const all = await db.select({ id: towns.id }).from(towns).limit(2)
    if (all.length === 1) town = all[0].id
  }
  if (town === null) throw validationError({ townId: '全镇表单请选择所属的镇' })
  if (user.neighborhoodIds !== null && !user.townIds.includes(town))
    throw validationError({ townId: '镇不存在' })
  const [t] = await db.select({ id: towns.id }).from(towns).where(eq(towns.id, town))
  if (!t) throw validationError({ townId: '镇不存在' })
  return { neighborhoodId: null, townId: town }
}

/** The API record of a form. */

export const formRecord = (f: FormWithFields, now = Date.now()) => ({
  id: f.id,
  townId: f.townId,
  neighborhoodId: f.neighborhoodId,
  slug: f.slug,
  title: f.title,
  description: f.description,
  status: f.status,
  opensAt: f.opensAt,
  closesAt: f.closesAt,
  maxResponses: f.maxResponses,
  onePerPhone: f.onePerPhone,
  forChildren: f.forChildren,
  version: f.currentVersion,
  /** Moves on with every edit of the form; an update names the one it read (lib/versions.ts). */
  revision: f.version,
  fields: f.fields,
  responseCount: f.responseCount,
  /** draft | not_open | open | closed | full: what a resident meets right now. */
  availability: availability(f, f.responseCount, now),
  publicUrl: `/s/${f.slug}`,
  qrUrl: `/s/${f.slug}/qr.svg`,
  posterUrl: `/s/${f.slug}/poster`,
  createdBy: f.createdBy,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
})

/** Unique slugs, in words. */
export const FORM_CONFLICTS = { unique: { slug: '这个地址已被别的表单使用' } }

/** A form in the caller's scope with its current fields; 404 otherwise. */
export const loadForm = async (v: AppEnv['Variables'], id: number) =>
  assertFormInScope(v.user, await findForm(v.db, eq(forms.id, id)))
