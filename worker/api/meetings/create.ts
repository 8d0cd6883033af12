import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { meetings } from '../../db/schema'
import { agendaStatements } from '../../db/queries/meetings/agenda'
import { loadMeeting, NEW_MEETING_ID } from '../../db/queries/meetings/records'
import { newChannelCode } from '../../domain/channel-code'
import { meetingDay } from '../../domain/meetings/decision'
import { MEETING_KIND_LABEL } from '../../domain/vocabulary'
import { assertNeighborhoodExists, auditCreate } from '../../lib/resource'
import { assertNeighborhoodInScope } from '../../lib/scope'
import { readJson } from '../../lib/validate'
import { checkAgendaTopics, checkGrid } from './record'
import { runGuarded } from '../../lib/guarded'
import { createSchema } from './schemas'

/**
 * POST /api/meetings — a meeting of a neighborhood (or one of its 楼组) with its agenda, in one
 * batch with its audit row. Without a title it is named by day and kind ("12 月 3 日议事会").
 * The door QR's code is drawn here, from the channel-code alphabet.
 */
export const createMeeting = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, createSchema)
  const { db, user } = c.var
  assertNeighborhoodInScope(user, input.neighborhoodId)
  await assertNeighborhoodExists(db, input.neighborhoodId)
  const gridId = input.gridId ?? null
  await checkGrid(db, { kind: input.kind, gridId, neighborhoodId: input.neighborhoodId })
  const topicIds = [...new Set(input.topicIds ?? [])]
  await checkAgendaTopics(c.var, topicIds, input.neighborhoodId)
  const now = Date.now()
  const values = {
    neighborhoodId: input.neighborhoodId,
    gridId,
    kind: input.kind,
    title: input.title || `${meetingDay(input.startsAt)}${MEETING_KIND_LABEL[input.kind].zh}`,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    place: input.place ?? '',
    host: input.host ?? '',
    status: 'planned' as const,
    code: newChannelCode(),
    headcount: input.headcount ?? null,
    minutes: input.minutes ?? '',
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  }
  const [[{ id }]] = await runGuarded(
    db,
    [
      db.insert(meetings).values(values).returning({ id: meetings.id }),
      // Right after the insert: the audit row takes the new id from last_insert_rowid().
      auditCreate(db, user, 'meetings', { ...values, topicIds }),
      ...agendaStatements(db, NEW_MEETING_ID, topicIds, new Map(), now),
    ],
    '议题刚被其他人修改，请刷新后重试',
  )
  return c.json(await loadMeeting(db, id), 201)
})
