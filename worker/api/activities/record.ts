import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../../env'
import { activities } from '../../db/schema'
import { ACTIVITY_SEATS_TAKEN } from '../../db/queries/activities/seats'
import { registrationWindow } from '../../domain/capacity'
import { savedTime } from '../../domain/dates'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../domain/vocabulary'
import { type Field, fieldsSchema } from '../../domain/forms/definition'
import { validationError } from '../../lib/errors'
import { assertInScope } from '../../lib/scope'

// What the activity and session routers share: the activity record with its figures, loading one
// in scope, public addresses, the fields staff send and the time rules.

/** Public addresses /a/<slug>: lowercase, starting with a letter (so never mistaken for an id). */
export const ACTIVITY_SLUG = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/

/** The 409 of a slug another activity has. */
export const ACTIVITY_SLUG_TAKEN = { unique: { slug: '这个地址已被别的活动使用' } }

const SLUG_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
/** A random slug for an activity that was not given one, e.g. `a-k7qm4x`. */
export const newActivitySlug = () =>
  `a-${[...crypto.getRandomValues(new Uint8Array(6))].map((b) => SLUG_ALPHABET[b % SLUG_ALPHABET.length]).join('')}`

// Times come as epoch ms; ISO strings (as a date picker gives them) are accepted too.
export const timeInput = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() ? Date.parse(v) : null) : v),
  savedTime('时间无效').nullish(),
)

/** A session (shift) as staff send it, alone or in a new activity's `sessions`. */
export const sessionInput = z.object({
  label: z.string().trim().max(60, '场次名称最多 60 字').nullish(),
  startsAt: timeInput.pipe(z.number({ error: '请填写开始时间' })),
  endsAt: timeInput.pipe(z.number({ error: '请填写结束时间' })),
  capacity: z.int('名额应为整数').min(0, '名额不能为负').max(100_000, '名额太大'),
  maxParty: z.int('人数上限应为整数').min(1, '至少 1 人').max(20, '每份报名最多 20 人').nullish(),
})

/** An activity as staff send it (without its sessions). */
export const activityInput = z.object({
  neighborhoodId: z.int().positive('请选择居民区'),
  kind: z.enum(ACTIVITY_KINDS, { error: '类型无效' }).nullish(),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(ACTIVITY_SLUG, '地址只能用小写字母、数字和短横线，以字母开头，最多 40 位')
    .nullish(),
  title: z.string().trim().min(1, '请填写标题').max(100, '标题最多 100 字'),
  description: z.string().trim().max(5000, '说明最多 5000 字').nullish(),
  place: z.string().trim().max(200, '地点最多 200 字').nullish(),
  audience: z.string().trim().max(200, '对象最多 200 字').nullish(),
  /** For children (#17): a guardian registers, with a guardian's consent (domain/privacy/children.ts). */
  forChildren: z.boolean({ message: '应为是或否' }).nullish(),
  opensAt: timeInput,
  closesAt: timeInput,
  status: z.enum(ACTIVITY_STATUSES, { error: '状态无效' }).nullish(),
  questions: fieldsSchema.nullish(),
})

export const checkWindow = (opensAt: number | null, closesAt: number | null) => {
  if (opensAt !== null && closesAt !== null && closesAt <= opensAt)
    throw validationError({ closesAt: '截止时间应晚于开始报名时间' })
}

export const checkSessionTimes = (s: { startsAt: number; endsAt: number }, path = '') => {
  if (s.endsAt <= s.startsAt) throw validationError({ [`${path}endsAt`]: '结束时间应晚于开始时间' })
}

export const ACTIVITY_STATS = {
  sessionCount: sql<number>`(SELECT COUNT(*) FROM activity_sessions s WHERE s.activity_id = activities.id)`,
  capacity: sql<number>`(SELECT COALESCE(SUM(s.capacity), 0) FROM activity_sessions s WHERE s.activity_id = activities.id)`,
  seatsTaken: ACTIVITY_SEATS_TAKEN,
  waitlistCount: sql<number>`(SELECT COUNT(*) FROM registrations r WHERE r.activity_id = activities.id AND r.status = 'waitlisted')`,
  registrationCount: sql<number>`(SELECT COUNT(*) FROM registrations r WHERE r.activity_id = activities.id)`,
  firstStartsAt: sql<
    number | null
  >`(SELECT MIN(s.starts_at) FROM activity_sessions s WHERE s.activity_id = activities.id)`,
  lastEndsAt: sql<
    number | null
  >`(SELECT MAX(s.ends_at) FROM activity_sessions s WHERE s.activity_id = activities.id)`,
}

export const selectActivities = (db: Db) =>
  db.select({ a: activities, ...ACTIVITY_STATS }).from(activities)
type Selected = Awaited<ReturnType<ReturnType<typeof selectActivities>['where']>>[number]

/** The public paths of an activity: its page, its QR image and its printable poster. */
export const activityUrls = (slug: string) => ({
  publicUrl: `/a/${slug}`,
  qrUrl: `/a/${slug}/qr.svg`,
  posterUrl: `/a/${slug}/poster`,
})

export const activityRecord = ({ a, ...s }: Selected, now = Date.now()) => ({
  id: a.id,
  neighborhoodId: a.neighborhoodId,
  kind: a.kind,
  slug: a.slug,
  title: a.title,
  description: a.description,
  place: a.place,
  audience: a.audience,
  forChildren: a.forChildren,
  opensAt: a.opensAt,
  closesAt: a.closesAt,
  status: a.status,
  questions: JSON.parse(a.questions) as Field[],
  /** draft | cancelled | not_open | open | closed: what a resident meets right now. */
  window: registrationWindow(a, now),
  sessionCount: Number(s.sessionCount),
  capacity: Number(s.capacity),
  seatsTaken: Number(s.seatsTaken),
  waitlistCount: Number(s.waitlistCount),
  registrationCount: Number(s.registrationCount),
  firstStartsAt: s.firstStartsAt,
  lastEndsAt: s.lastEndsAt,
  ...activityUrls(a.slug),
  createdBy: a.createdBy,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  version: a.version,
})

export const loadActivity = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await selectActivities(v.db).where(eq(activities.id, id))
  return assertInScope(v.user, row, (r) => r.a.neighborhoodId, '活动不存在')
}
