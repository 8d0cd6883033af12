import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { meetingAttendees, meetingItems, meetings } from '../../db/schema'
import { agendaStatements } from '../../db/queries/meetings/agenda'
import { loadMeeting } from '../../db/queries/meetings/records'
import { guard, type Statement } from '../../db/batch'
import { illegalMeetingMove } from '../../domain/meetings/meeting'
import { audit } from '../../lib/audit'
import { ApiError, validationError } from '../../lib/errors'
import { idParam, readJson } from '../../lib/validate'
import { checkAgendaTopics, checkGrid, loadMeetingInScope } from './record'
import { runGuarded } from '../../lib/guarded'
import { updateSchema } from './schemas'

// PUT /api/meetings/:id (details, status, head count, minutes, agenda) and DELETE /api/meetings/:id.
// Once a meeting decided anything, its day and kind are part of public sentences ("经 12 月 3 日
// 议事会…") and stay as they are; decided items stay on its agenda.

const SCALARS = [
  'kind',
  'title',
  'gridId',
  'startsAt',
  'endsAt',
  'place',
  'host',
  'status',
  'headcount',
  'minutes',
] as const

const decidedGuard = (db: AppEnv['Variables']['db'], id: number) =>
  guard(
    db,
    sql`EXISTS (SELECT 1 FROM ${meetingItems} WHERE ${meetingItems.meetingId} = ${id}
      AND ${meetingItems.decision} IS NOT NULL)`,
  )

export const updateMeeting = new Hono<AppEnv>()
  .put('/:id', async (c) => {
    const before = await loadMeetingInScope(c.var, idParam(c))
    const { neighborhoodId, topicIds, ...input } = await readJson(c, updateSchema)
    if (neighborhoodId !== undefined && neighborhoodId !== before.neighborhoodId)
      throw validationError({ neighborhoodId: '会议不能改到别的居民区' })
    const changes: Record<string, unknown> = {}
    for (const key of SCALARS)
      if (input[key] !== undefined && input[key] !== before[key]) changes[key] = input[key]
    const decided = before.items.filter((i) => i.decision !== null)
    if (decided.length && (changes.kind !== undefined || changes.startsAt !== undefined))
      throw new ApiError('conflict', '会议已对议题作出决定并已公示，不能再改日期或类型')
    const status = input.status ?? before.status
    const illegal = illegalMeetingMove(before.status, status, decided.length)
    if (illegal) throw new ApiError('illegal_transition', illegal)
    const startsAt = input.startsAt ?? before.startsAt
    const endsAt = input.endsAt === undefined ? before.endsAt : input.endsAt
    if (endsAt !== null && endsAt < startsAt)
      throw validationError({ endsAt: '结束时间应晚于开始时间' })
    const { db, user } = c.var
    if (changes.kind !== undefined || changes.gridId !== undefined)
      await checkGrid(db, {
        kind: input.kind ?? before.kind,
        gridId: input.gridId === undefined ? before.gridId : input.gridId,
        neighborhoodId: before.neighborhoodId,
      })
    const wanted = topicIds === undefined ? undefined : [...new Set(topicIds)]
    const current = new Map(before.items.map((i) => [i.topicId, i]))
    let agenda: Statement[] = []
    if (wanted) {
      const kept = decided.filter((i) => !wanted.includes(i.topicId))
      if (kept.length)
        throw new ApiError('conflict', '已作出决定的议题不能从议程中删除', {
          errors: Object.fromEntries(kept.map((i) => [String(i.topicId), '已作出决定'])),
        })
      await checkAgendaTopics(
        c.var,
        wanted.filter((id) => !current.has(id)),
        before.neighborhoodId,
      )
      agenda = agendaStatements(db, before.id, wanted, current, Date.now())
      if (agenda.length) changes.topicIds = wanted
    }
    if (!Object.keys(changes).length) return c.json(before)
    const now = Date.now()
    const { topicIds: _agenda, ...columns } = changes
    await runGuarded(
      db,
      [
        ...(changes.status !== undefined && before.status === 'held'
          ? [decidedGuard(db, before.id)]
          : []),
        ...agenda,
        db
          .update(meetings)
          .set({ ...columns, updatedAt: now })
          .where(eq(meetings.id, before.id)),
        audit(db, user, {
          action: 'update',
          resource: 'meetings',
          recordId: before.id,
          before: Object.fromEntries(
            Object.keys(changes).map((k) => [
              k,
              k === 'topicIds' ? before.topicIds : before[k as keyof typeof before],
            ]),
          ),
          after: changes,
        }),
      ],
      '会议刚被其他人修改，请刷新后重试',
    )
    return c.json(await loadMeeting(db, before.id))
  })
  .delete('/:id', async (c) => {
    const before = await loadMeetingInScope(c.var, idParam(c))
    if (before.decidedCount)
      throw new ApiError('conflict', '会议已对议题作出决定，不能删除；可以修改或补充纪要')
    const { db, user } = c.var
    const { items, ...record } = before
    await runGuarded(
      db,
      [
        decidedGuard(db, before.id),
        db.delete(meetingItems).where(eq(meetingItems.meetingId, before.id)),
        db.delete(meetingAttendees).where(eq(meetingAttendees.meetingId, before.id)),
        db.delete(meetings).where(eq(meetings.id, before.id)),
        audit(db, user, {
          action: 'delete',
          resource: 'meetings',
          recordId: before.id,
          before: { ...record, items: items.map((i) => i.topicId) },
        }),
      ],
      '会议刚被其他人修改，请刷新后重试',
    )
    return c.json(before)
  })
