import { Hono } from 'hono'
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import type { AppEnv, Db } from '../../env'
import { activities, activitySessions, registrations } from '../../db/schema'
import { batch } from '../../db/batch'
import { markNoShows } from '../../db/queries/activities/check-in'
import { SESSION_COUNTS } from '../../db/queries/activities/seats'
import { promoteStatement, setCapacity } from '../../db/queries/activities/waitlist'
import { CAPACITY_BELOW_SEATS_PROBLEM } from '../../domain/capacity'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { ApiError, problemError, validationError } from '../../lib/errors'
import { auditCreate, idsFilter, inIds } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import { assertVersion, readVersion, staleVersion, versionInput } from '../../lib/versions'
import { checkSessionTimes, timeInput } from './record'

// Staff API for sessions of events and shifts of volunteer activities. Capacity changes promote
// from the waitlist in the same batch; lowering below the seats held is refused (409).

const editable = {
  label: z.string().trim().max(60, '场次名称最多 60 字').nullish(),
  startsAt: timeInput.pipe(z.number({ error: '请填写开始时间' })),
  endsAt: timeInput.pipe(z.number({ error: '请填写结束时间' })),
  capacity: z.int('名额应为整数').min(0, '名额不能为负').max(100_000, '名额太大'),
  maxParty: z.int('人数上限应为整数').min(1, '至少 1 人').max(20, '每份报名最多 20 人').nullish(),
}
const createSchema = z.object({ activityId: z.int().positive('请选择活动'), ...editable })
const updateSchema = z
  .object({ ...editable, activityId: z.int().optional() })
  .partial()
  .extend(versionInput)

const select = (db: Db) =>
  db
    .select({
      s: activitySessions,
      neighborhoodId: activities.neighborhoodId,
      kind: activities.kind,
      activityTitle: activities.title,
      ...SESSION_COUNTS,
    })
    .from(activitySessions)
    .innerJoin(activities, eq(activities.id, activitySessions.activityId))
type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]

/** A session as the API shows it, with its seats and counts. */
export const sessionRecord = (
  { s, neighborhoodId, kind, activityTitle, ...n }: Selected,
  now = Date.now(),
) => {
  const seatsTaken = Number(n.seatsTaken)
  return {
    id: s.id,
    activityId: s.activityId,
    neighborhoodId,
    kind,
    activityTitle,
    label: s.label,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity,
    maxParty: s.maxParty,
    seatsTaken,
    seatsLeft: Math.max(0, s.capacity - seatsTaken),
    confirmedCount: Number(n.confirmedCount),
    waitlistCount: Number(n.waitlistCount),
    waitlistSeats: Number(n.waitlistSeats),
    checkedInCount: Number(n.checkedInCount),
    noShowCount: Number(n.noShowCount),
    cancelledCount: Number(n.cancelledCount),
    ended: s.endsAt <= now,
    /** The staff check-in page for phones. */
    checkinUrl: `/staff/checkin/${s.id}`,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    version: s.version,
  }
}

const SORTABLE: Record<string, SQLiteColumn | SQL> = {
  id: activitySessions.id,
  activityId: activitySessions.activityId,
  label: activitySessions.label,
  startsAt: activitySessions.startsAt,
  endsAt: activitySessions.endsAt,
  capacity: activitySessions.capacity,
  seatsTaken: SESSION_COUNTS.seatsTaken,
  waitlistCount: SESSION_COUNTS.waitlistCount,
}

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v.db).where(eq(activitySessions.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '场次不存在')
}

const reload = async (db: Db, id: number) =>
  sessionRecord((await select(db).where(eq(activitySessions.id, id)))[0])

export const activitySessionsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(SORTABLE),
      defaultSort: { field: 'startsAt', order: 'ASC' },
    })
    const f = q.filter
    const where = and(
      scopeWhere(c.var.user, activities.neighborhoodId),
      inIds(activitySessions.id, idsFilter(f.id)),
      inIds(activitySessions.activityId, idsFilter(f.activityId)),
      inIds(activities.neighborhoodId, idsFilter(f.neighborhoodId)),
    )
    const dir = q.sort.order === 'ASC' ? asc : desc
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(db)
        .where(where)
        .orderBy(dir(SORTABLE[q.sort.field] ?? activitySessions.id), dir(activitySessions.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(activitySessions)
        .innerJoin(activities, eq(activities.id, activitySessions.activityId))
        .where(where),
    ])
    const now = Date.now()
    return sendList(
      c,
      'activity-sessions',
      q,
      rows.map((r) => sessionRecord(r, now)),
      n,
    )
  })
  .get('/:id', async (c) => c.json(sessionRecord(await load(c.var, idParam(c)))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const db = c.var.db
    const user = c.var.user
    const [activity] = await db.select().from(activities).where(eq(activities.id, input.activityId))
    assertInScope(user, activity, (a) => a.neighborhoodId, '活动不存在')
    checkSessionTimes(input)
    const now = Date.now()
    const values = {
      activityId: input.activityId,
      label: input.label ?? '',
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      capacity: input.capacity,
      maxParty: activity.kind === 'volunteer' ? 1 : (input.maxParty ?? 1),
      createdAt: now,
      updatedAt: now,
    }
    const [[row]] = await batch(db, [
      db.insert(activitySessions).values(values).returning({ id: activitySessions.id }),
      auditCreate(db, user, 'activity-sessions', values),
    ])
    return c.json(await reload(db, row.id), 201)
  })
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const { activityId, version, ...input } = await readJson(c, updateSchema)
    assertVersion(before.s, readVersion(c, version), sessionRecord(before))
    if (activityId !== undefined && activityId !== before.s.activityId)
      throw validationError({ activityId: '场次不能移到别的活动' })
    const s = before.s
    const changes = {
      label: input.label === undefined ? s.label : (input.label ?? ''),
      startsAt: input.startsAt ?? s.startsAt,
      endsAt: input.endsAt ?? s.endsAt,
      maxParty: before.kind === 'volunteer' ? 1 : (input.maxParty ?? s.maxParty),
    }
    checkSessionTimes(changes)
    const capacity = input.capacity ?? s.capacity
    const db = c.var.db
    const promoted = await setCapacity(db, s.id, s.version, capacity, changes, [
      audit(db, c.var.user, {
        action: 'update',
        resource: 'activity-sessions',
        recordId: s.id,
        before: s,
        after: { ...changes, capacity },
      }),
    ])
    if (promoted === 'stale') throw staleVersion(sessionRecord(await load(c.var, s.id)))
    if (!promoted) throw problemError(CAPACITY_BELOW_SEATS_PROBLEM)
    return c.json({ ...(await reload(db, s.id)), promotedIds: promoted })
  })
  .delete('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const db = c.var.db
    const [{ n }] = await db
      .select({ n: count() })
      .from(registrations)
      .where(eq(registrations.sessionId, before.s.id))
    if (n > 0)
      throw new ApiError('conflict', '该场次已有报名，不能删除；可以先把名额调整或取消活动')
    await batch(db, [
      db.delete(activitySessions).where(eq(activitySessions.id, before.s.id)),
      audit(db, c.var.user, {
        action: 'delete',
        resource: 'activity-sessions',
        recordId: before.s.id,
        before: before.s,
      }),
    ])
    return c.json(sessionRecord(before))
  })
  // After a session ends, every confirmed registration not checked in becomes a no-show.
  .post('/:id/no-show', async (c) => {
    const before = await load(c.var, idParam(c))
    const now = Date.now()
    if (before.s.endsAt > now) throw new ApiError('conflict', '场次结束后才能标记未到场')
    const db = c.var.db
    const marked = await markNoShows(db, c.var.user, before.s.id, now)
    return c.json({ ...(await reload(db, before.s.id)), markedIds: marked })
  })
  // Runs the waitlist promotion (normally automatic): for repairs after a manual data fix.
  .post('/:id/promote', async (c) => {
    const before = await load(c.var, idParam(c))
    const db = c.var.db
    const [promoted] = await batch(db, [
      promoteStatement(db, before.s.id),
      audit(db, c.var.user, {
        action: 'promote',
        resource: 'activity-sessions',
        recordId: before.s.id,
      }),
    ])
    return c.json({ ...(await reload(db, before.s.id)), promotedIds: promoted.map((r) => r.id) })
  })
