import { Hono } from 'hono'
import { count, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { activitySessions, registrations } from '../../db/schema'
import { batch } from '../../db/batch'
import { audit } from '../../db/queries/audit'
import { setCapacity } from '../../db/queries/activities/waitlist'
import { CAPACITY_BELOW_SEATS_PROBLEM } from '../../domain/capacity'
import { ApiError, problemError, validationError } from '../../lib/errors'
import { idParam, readJson } from '../../lib/validate'
import { assertVersion, readVersion, staleVersion } from '../../lib/versions'
import { checkSessionTimes } from './record'
import { loadSession, reloadSession, sessionRecord, updateSchema } from './sessions-record'

// PUT /api/activity-sessions/:id at the version the editor read: a higher capacity promotes from
// the waitlist in the same batch, one below the seats held is refused (409). DELETE /:id while
// nobody has registered.

export const sessionUpdateApi = new Hono<AppEnv>()
  .put('/:id', async (c) => {
    const before = await loadSession(c.var, idParam(c))
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
    if (promoted === 'stale') throw staleVersion(sessionRecord(await loadSession(c.var, s.id)))
    if (!promoted) throw problemError(CAPACITY_BELOW_SEATS_PROBLEM)
    return c.json({ ...(await reloadSession(db, s.id)), promotedIds: promoted })
  })
  .delete('/:id', async (c) => {
    const before = await loadSession(c.var, idParam(c))
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
