import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { activities, activitySessions, registrations } from '../../db/schema'
import { batch } from '../../db/batch'
import { audit } from '../../db/queries/audit'
import { ApiError, validationError } from '../../lib/errors'
import { conflictsAs } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import {
  assertVersion,
  readVersion,
  runVersioned,
  versioned,
  versionInput,
} from '../../lib/versions'
import {
  ACTIVITY_SLUG_TAKEN,
  activityInput,
  activityRecord,
  checkWindow,
  loadActivity,
  selectActivities,
} from './record'

// PUT /api/activities/:id at the version the editor read (the neighborhood is fixed, the kind
// too once anyone registered); DELETE /:id while nobody has registered, with its sessions.

// The admin sends the whole record back on save: every key optional, unknown keys dropped.
const updateSchema = activityInput.partial().extend(versionInput)

export const activityUpdateApi = new Hono<AppEnv>()
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
      forChildren: input.forChildren == null ? a.forChildren : input.forChildren,
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
      ACTIVITY_SLUG_TAKEN,
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
