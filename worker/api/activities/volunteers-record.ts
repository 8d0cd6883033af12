import { and, eq, or, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../../env'
import { volunteers } from '../../db/schema'
import { VOLUNTEER_FIGURES } from '../../db/queries/activities/volunteers'
import { hoursOf } from '../../domain/capacity'
import { canSeePersonalData, maskName, maskPhone } from '../../domain/masking'
import type { CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'

// Staff API for volunteers (志愿者/达人), keyed by phone. Hours are not stored: they are the sum
// of the minutes credited to the volunteer's checked-in shifts (adjustable per registration).
// Scope: a volunteer is visible to staff of their home neighborhood and of every neighborhood
// where they registered for an activity.
//
// What the volunteer routers share (volunteers-list.ts, volunteers-create.ts,
// volunteers-update.ts): the scope, the API record, the editable fields and loading one.

/** The volunteers `user` may see: none, all (town-wide), or those of their neighborhoods. */
export const scopeOf = (user: CurrentUser): SQL | undefined => {
  if (user.neighborhoodIds === null) return undefined
  if (!user.neighborhoodIds.length) return sql`0`
  const ids = sql.join(
    user.neighborhoodIds.map((id) => sql`${id}`),
    sql`, `,
  )
  return or(
    sql`${volunteers.neighborhoodId} IN (${ids})`,
    sql`EXISTS (SELECT 1 FROM registrations r JOIN activities a ON a.id = r.activity_id
      WHERE r.phone = volunteers.phone AND a.neighborhood_id IN (${ids}))`,
  )
}

/** A volunteer with their figures (hours, shifts, upcoming, neighborhoods seen in). */
export const select = (db: Db) =>
  db.select({ v: volunteers, ...VOLUNTEER_FIGURES }).from(volunteers)
export type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]

/** The API record: the phone masked (every role); viewers get the name masked too and no code. */
export const volunteerRecord = (
  { v, minutes, shifts, upcoming, seenIn }: Selected,
  user: CurrentUser,
) => {
  const mask = !canSeePersonalData(user.role)
  return {
    id: v.id,
    // Masked for every role (#17.6): the full number only through POST /api/privacy/reveal.
    phone: maskPhone(v.phone),
    name: mask ? maskName(v.name) : v.name,
    neighborhoodId: v.neighborhoodId,
    /** Neighborhoods whose activities the volunteer signed up for. */
    neighborhoodIds: (JSON.parse(seenIn) as (number | null)[]).filter(
      (n): n is number => n !== null,
    ),
    /** The code printed on their receipts, for the volunteer view (hidden from viewers). */
    code: mask ? null : v.code,
    skills: JSON.parse(v.skills) as string[],
    tags: JSON.parse(v.tags) as string[],
    note: v.note,
    totalMinutes: Number(minutes),
    totalHours: hoursOf(Number(minutes)),
    shiftCount: Number(shifts),
    upcomingCount: Number(upcoming),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }
}

const words = z.array(z.string().trim().min(1).max(20, '每个标签最多 20 字')).max(30, '最多 30 个')
/** The fields staff edit (create and update). */
export const editable = {
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字'),
  neighborhoodId: z.int().positive().nullish(),
  skills: words.nullish(),
  tags: words.nullish(),
  note: z.string().trim().max(1000, '备注最多 1000 字').nullish(),
}

/** One volunteer in the caller's scope, or 404. */
export const loadVolunteer = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v.db).where(and(eq(volunteers.id, id), scopeOf(v.user)))
  if (!row) throw new ApiError('not_found', '志愿者不存在')
  return row
}

/** Tags and skills without repeats, in the order given. */
export const uniqueWords = (list: string[] | null | undefined) =>
  list ? [...new Set(list)] : undefined
