import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { activities, activitySessions } from '../../db/schema'
import { batch } from '../../db/batch'
import { auditCreate } from '../../db/queries/audit'
import { assertNeighborhoodExists, conflictsAs } from '../../lib/resource'
import { assertNeighborhoodInScope } from '../../lib/scope'
import { readJson } from '../../lib/validate'
import {
  ACTIVITY_SLUG_TAKEN,
  activityInput,
  activityRecord,
  checkSessionTimes,
  checkWindow,
  newActivitySlug,
  selectActivities,
  sessionInput,
} from './record'

// POST /api/activities: an activity with its first sessions, in one batch.

const createSchema = activityInput.extend({ sessions: z.array(sessionInput).max(100).nullish() })

export const activityCreateApi = new Hono<AppEnv>().post('/', async (c) => {
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
    forChildren: input.forChildren ?? false,
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
    ACTIVITY_SLUG_TAKEN,
  )
  return c.json(
    activityRecord((await selectActivities(db).where(eq(activities.id, created.id)))[0]),
    201,
  )
})
