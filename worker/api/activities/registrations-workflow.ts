import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { activities, activitySessions } from '../../db/schema'
import { checkIn, markNoShows } from '../../db/queries/activities/check-in'
import { cancelRegistration, promoteOne } from '../../db/queries/activities/waitlist'
import { cancellable, checkInRefusal } from '../../domain/capacity'
import { audit } from '../../lib/audit'
import { ApiError } from '../../lib/errors'
import { assertInScope } from '../../lib/scope'
import { idParam, readJson } from '../../lib/validate'
import {
  loadRegistration,
  reloadRegistration,
  setMinutes,
  stateError,
} from './registrations-record'

// The workflow of a registration as explicit POSTs: check-in, cancel (promoting the next in
// line), promote out of turn, credited hours; and the bulk no-show of an ended session.

const hoursSchema = z
  .object({
    minutes: z
      .int('时长应为整数分钟')
      .min(0, '时长不能为负')
      .max(24 * 60, '一次最多 24 小时')
      .optional(),
    hours: z.number('时长应为数字').min(0, '时长不能为负').max(24, '一次最多 24 小时').optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.minutes !== undefined || v.hours !== undefined, {
    message: '请填写时长',
    path: ['hours'],
  })

export const registrationWorkflowApi = new Hono<AppEnv>()
  // Bulk no-show for an ended session (same as POST /api/activity-sessions/:id/no-show).
  .post('/no-show', async (c) => {
    const { sessionId } = await readJson(c, z.object({ sessionId: z.int().positive('请选择场次') }))
    const [session] = await c.var.db
      .select({
        neighborhoodId: activities.neighborhoodId,
        endsAt: activitySessions.endsAt,
      })
      .from(activitySessions)
      .innerJoin(activities, eq(activities.id, activitySessions.activityId))
      .where(eq(activitySessions.id, sessionId))
    assertInScope(c.var.user, session, (s) => s.neighborhoodId, '场次不存在')
    const now = Date.now()
    if (session.endsAt > now) throw new ApiError('conflict', '场次结束后才能标记未到场')
    return c.json({ sessionId, markedIds: await markNoShows(c.var.db, c.var.user, sessionId, now) })
  })
  .post('/:id/check-in', async (c) => {
    const before = await loadRegistration(c.var, idParam(c))
    const refusal = checkInRefusal(before.r.status)
    if (refusal) throw stateError(refusal, before.r.status)
    if (!(await checkIn(c.var.db, c.var.user, before.r))) {
      // Its state changed since it was read (a parallel check-in or cancellation).
      const now2 = await loadRegistration(c.var, before.r.id)
      throw stateError(checkInRefusal(now2.r.status) ?? '签到未成功，请重试', now2.r.status)
    }
    return c.json(await reloadRegistration(c.var, before.r.id))
  })
  .post('/:id/cancel', async (c) => {
    const before = await loadRegistration(c.var, idParam(c))
    if (!cancellable(before.r.status))
      throw stateError('只有已确认或候补中的报名可以取消', before.r.status)
    const db = c.var.db
    const { cancelled, promoted } = await cancelRegistration(db, before.r, 'staff', [
      audit(db, c.var.user, {
        action: 'cancel',
        resource: 'registrations',
        recordId: before.r.id,
        before: { status: before.r.status },
        after: { status: 'cancelled' },
      }),
    ])
    if (!cancelled)
      throw stateError('报名已不能取消', (await loadRegistration(c.var, before.r.id)).r.status)
    return c.json({ ...(await reloadRegistration(c.var, before.r.id)), promotedIds: promoted })
  })
  // Confirms a waitlisted registration out of turn, only if it fits in the seats free now.
  .post('/:id/promote', async (c) => {
    const before = await loadRegistration(c.var, idParam(c))
    if (before.r.status !== 'waitlisted')
      throw stateError('只有候补中的报名可以转为确认', before.r.status)
    const db = c.var.db
    const promoted = await promoteOne(db, before.r, [
      audit(db, c.var.user, {
        action: 'promote',
        resource: 'registrations',
        recordId: before.r.id,
        before: { status: 'waitlisted' },
        after: { status: 'confirmed' },
      }),
    ])
    if (!promoted) {
      const now = await loadRegistration(c.var, before.r.id)
      if (now.r.status !== 'waitlisted') throw stateError('报名状态已变化，请刷新', now.r.status)
      throw new ApiError('conflict', `剩余名额不够 ${before.r.partySize} 人；可以先调高名额`)
    }
    return c.json(await reloadRegistration(c.var, before.r.id))
  })
  .post('/:id/hours', async (c) => {
    const before = await loadRegistration(c.var, idParam(c))
    const input = await readJson(c, hoursSchema)
    const minutes = input.minutes ?? Math.round((input.hours ?? 0) * 60)
    await setMinutes(c.var, before, minutes, input.note)
    return c.json(await reloadRegistration(c.var, before.r.id))
  })
