import { Hono } from 'hono'
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { activities, activitySessions, registrations } from '../../db/schema'
import { batch } from '../../db/batch'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../domain/vocabulary'
import { fieldsSchema } from '../../domain/forms/definition'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { ApiError, validationError } from '../../lib/errors'
import {
  assertNeighborhoodExists,
  auditCreate,
  conflictsAs,
  contains,
  idsFilter,
  inIds,
} from '../../lib/resource'
import { assertNeighborhoodInScope, scopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import {
  assertVersion,
  readVersion,
  runVersioned,
  versioned,
  versionInput,
} from '../../lib/versions'
import {
  ACTIVITY_SLUG,
  ACTIVITY_STATS,
  activityRecord,
  checkSessionTimes,
  checkWindow,
  loadActivity,
  newActivitySlug,
  selectActivities,
  timeInput,
} from './record'

// Staff API for activities (活动): events and volunteer activities with their extra questions.
// Sessions / shifts: sessions.ts; registrations: registrations*.ts; volunteers: volunteers-*.ts.

const sessionInput = z.object({
  label: z.string().trim().max(60, '场次名称最多 60 字').nullish(),
  startsAt: timeInput.pipe(z.number({ error: '请填写开始时间' })),
  endsAt: timeInput.pipe(z.number({ error: '请填写结束时间' })),
  capacity: z.int('名额应为整数').min(0, '名额不能为负').max(100_000),
  maxParty: z.int('人数上限应为整数').min(1, '至少 1 人').max(20, '每份报名最多 20 人').nullish(),
})

const baseSchema = z.object({
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
  opensAt: timeInput,
  closesAt: timeInput,
  status: z.enum(ACTIVITY_STATUSES, { error: '状态无效' }).nullish(),
  questions: fieldsSchema.nullish(),
})
const createSchema = baseSchema.extend({ sessions: z.array(sessionInput).max(100).nullish() })
// The admin sends the whole record back on save: every key optional, unknown keys dropped.
const updateSchema = baseSchema.partial().extend(versionInput)

const SORTABLE: Record<string, SQLiteColumn | SQL> = {
  id: activities.id,
  title: activities.title,
  kind: activities.kind,
  status: activities.status,
  neighborhoodId: activities.neighborhoodId,
  opensAt: activities.opensAt,
  closesAt: activities.closesAt,
  createdAt: activities.createdAt,
  updatedAt: activities.updatedAt,
  firstStartsAt: ACTIVITY_STATS.firstStartsAt,
  seatsTaken: ACTIVITY_STATS.seatsTaken,
  waitlistCount: ACTIVITY_STATS.waitlistCount,
}

const messages = { unique: { slug: '这个地址已被别的活动使用' } }

export const activitiesApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: Object.keys(SORTABLE) })
    const f = q.filter
    const where = and(
      scopeWhere(c.var.user, activities.neighborhoodId),
      inIds(activities.id, idsFilter(f.id)),
      inIds(activities.neighborhoodId, idsFilter(f.neighborhoodId)),
      inIds(activities.status, filterList<string>(f.status)),
      inIds(activities.kind, filterList<string>(f.kind)),
      contains(f.q, activities.title, activities.place, activities.slug),
    )
    const dir = q.sort.order === 'ASC' ? asc : desc
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      selectActivities(db)
        .where(where)
        .orderBy(dir(SORTABLE[q.sort.field] ?? activities.id), dir(activities.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(activities).where(where),
    ])
    const now = Date.now()
    return sendList(
      c,
      'activities',
      q,
      rows.map((r) => activityRecord(r, now)),
      n,
    )
  })
  .get('/:id', async (c) => c.json(activityRecord(await loadActivity(c.var, idParam(c)))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const user = c.var.user
    const db = c.var.db
    assertNeighborhoodInScope(user, input.neighborhoodId)
    await assertNeighborhoodExists(db, input.neighborhoodId)
    checkWindow(input.opensAt ?? null, input.closesAt ?? null)
    const sessions = input.sessions ?? []
    for (const [i, s] of sessions.entries()) checkSessionTimes(s, `sessions.${i}.`)
    const now = Date.now()
    const kind = input.kind ?? 'event'
    const values = {
      neighborhoodId: input.neighborhoodId,
      kind,
      slug: input.slug ?? newActivitySlug(),
      title: input.title,
      description: input.description ?? '',
      place: input.place ?? '',
      audience: input.audience ?? '',
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      status: input.status ?? 'draft',
      questions: JSON.stringify(input.questions ?? []),
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    }
    const idOfSlug = sql`(SELECT id FROM activities WHERE slug = ${values.slug})`
    const sessionRows = sessions.map((s) => ({
      activityId: idOfSlug,
      label: s.label ?? '',
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      capacity: s.capacity,
      maxParty: kind === 'volunteer' ? 1 : (s.maxParty ?? 1),
      createdAt: now,
      updatedAt: now,
    }))
    const [[created]] = await conflictsAs(
      () =>
        batch(db, [
          db.insert(activities).values(values).returning({ id: activities.id }),
          auditCreate(db, user, 'activities', {
            ...values,
            questions: input.questions ?? [],
            sessions,
          }),
          ...sessionRows.map((s) => db.insert(activitySessions).values(s as never)),
        ]),
      messages,
    )
    return c.json(
      activityRecord((await selectActivities(db).where(eq(activities.id, created.id)))[0]),
      201,
    )
  })
  .put('/:id', async (c) => {
    const before = await loadActivity(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    assertVersion(before.a, readVersion(c, input.version), activityRecord(before))
    const user = c.var.user
    const db = c.var.db
    const a = before.a
    if (input.neighborhoodId !== undefined && input.neighborhoodId !== a.neighborhoodId)
      throw validationError({ neighborhoodId: '活动不能改到别的居民区' })
    if (input.kind && input.kind !== a.kind && Number(before.registrationCount) > 0)
      throw validationError({ kind: '已有报名的活动不能改类型' })
    const opensAt = input.opensAt === undefined ? a.opensAt : input.opensAt
    const closesAt = input.closesAt === undefined ? a.closesAt : input.closesAt
    checkWindow(opensAt, closesAt)
    const changes = {
      kind: input.kind ?? a.kind,
      slug: input.slug ?? a.slug,
      title: input.title ?? a.title,
      description: input.description === undefined ? a.description : (input.description ?? ''),
      place: input.place === undefined ? a.place : (input.place ?? ''),
      audience: input.audience === undefined ? a.audience : (input.audience ?? ''),
      opensAt,
      closesAt,
      status: input.status ?? a.status,
      questions: input.questions ? JSON.stringify(input.questions) : a.questions,
      updatedAt: Date.now(),
    }
    const v = versioned(db, activities, a.id, a.version)
    const current = async () => activityRecord(await loadActivity(c.var, a.id))
    await conflictsAs(
      () =>
        runVersioned(
          db,
          [
            v.guard,
            db
              .update(activities)
              .set({ ...changes, ...v.set })
              .where(v.where),
            audit(db, user, {
              action: 'update',
              resource: 'activities',
              recordId: a.id,
              before: a,
              after: changes,
            }),
          ],
          current,
        ),
      messages,
    )
    return c.json(activityRecord((await selectActivities(db).where(eq(activities.id, a.id)))[0]))
  })
  .delete('/:id', async (c) => {
    const before = await loadActivity(c.var, idParam(c))
    if (Number(before.registrationCount) > 0)
      throw new ApiError('conflict', '活动已有报名，不能删除；可以把它改为“已取消”')
    const db = c.var.db
    await batch(db, [
      db.delete(activitySessions).where(eq(activitySessions.activityId, before.a.id)),
      db.delete(registrations).where(eq(registrations.activityId, before.a.id)),
      db.delete(activities).where(eq(activities.id, before.a.id)),
      audit(db, c.var.user, {
        action: 'delete',
        resource: 'activities',
        recordId: before.a.id,
        before: before.a,
      }),
    ])
    return c.json(activityRecord(before))
  })
