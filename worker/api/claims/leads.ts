import { Hono } from 'hono'
import { and, asc, count, desc, eq, sql } from 'drizzle-orm'
import type { AppEnv, Db } from '../../env'
import { activities, activityLeads, partners, volunteers } from '../../db/schema'
import { canSeePersonalData, maskedFields, maskName } from '../../domain/masking'
import type { CurrentUser } from '../../lib/auth'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { ApiError, validationError } from '../../lib/errors'
import { auditCreate, conflictsAs, deleteAudited, idsFilter, inIds } from '../../lib/resource'
import { inScope, scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import { assertTalent, partnerTown } from './record'
import { leadCreateSchema } from './schemas'

// /api/activity-leads — who leads (主理) or co-hosts an activity: a partner of the activity's
// town, or a 达人 (a volunteer with skills). The partner report counts activities per partner and
// per 达人 from here. Staff of the activity's neighborhood; a 达人's name is masked for viewers.

const fields = {
  id: activityLeads.id,
  activityId: activityLeads.activityId,
  activityTitle: sql<string>`${activities.title}`.as('activity_title'),
  neighborhoodId: sql<number>`${activities.neighborhoodId}`.as('activity_neighborhood_id'),
  partnerId: activityLeads.partnerId,
  // Aliased: rows of a D1 batch are keyed by column name, and both tables have `name`.
  partnerName: sql<string | null>`${partners.name}`.as('partner_name'),
  volunteerId: activityLeads.volunteerId,
  volunteerName: sql<string | null>`${volunteers.name}`.as('volunteer_name'),
  createdAt: activityLeads.createdAt,
}

const select = (db: Db) =>
  db
    .select(fields)
    .from(activityLeads)
    .innerJoin(activities, eq(activities.id, activityLeads.activityId))
    .leftJoin(partners, eq(partners.id, activityLeads.partnerId))
    .leftJoin(volunteers, eq(volunteers.id, activityLeads.volunteerId))

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]

const toRecord = (row: Row, user: CurrentUser) => ({
  ...row,
  volunteerName: canSeePersonalData(user.role) ? row.volunteerName : maskName(row.volunteerName),
})

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v.db).where(
    and(eq(activityLeads.id, id), scopeWhere(v.user, activities.neighborhoodId)),
  )
  if (!row) throw new ApiError('not_found', '记录不存在')
  return row
}

export const activityLeadsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: ['id', 'createdAt'],
      masked: maskedFields(c.var.user.role, 'activity-leads'),
    })
    const { db, user } = c.var
    const f = q.filter
    const where = and(
      scopeWhere(user, activities.neighborhoodId),
      inIds(activityLeads.id, idsFilter(f.id)),
      inIds(activityLeads.activityId, idsFilter(f.activityId)),
      inIds(activityLeads.partnerId, idsFilter(f.partnerId)),
      inIds(activityLeads.volunteerId, idsFilter(f.volunteerId)),
    )
    const dir = q.sort.order === 'ASC' ? asc : desc
    const [rows, [{ n }]] = await db.batch([
      select(db)
        .where(where)
        .orderBy(dir(q.sort.field === 'createdAt' ? activityLeads.createdAt : activityLeads.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(activityLeads)
        .innerJoin(activities, eq(activities.id, activityLeads.activityId))
        .where(where),
    ])
    return sendList(
      c,
      'activity-leads',
      q,
      rows.map((r) => toRecord(r, user)),
      n,
    )
  })
  .get('/:id{[0-9]+}', async (c) => c.json(toRecord(await load(c.var, idParam(c)), c.var.user)))
  .post('/', async (c) => {
    const input = await readJson(c, leadCreateSchema)
    const { db, user } = c.var
    const partnerId = input.partnerId ?? null
    const volunteerId = input.volunteerId ?? null
    if ((partnerId === null) === (volunteerId === null))
      throw validationError({ partnerId: '请选择带领的共建单位或达人（二选一）' })
    const activity = await db.get<{ neighborhoodId: number; townId: number } | undefined>(
      sql`SELECT a.neighborhood_id AS neighborhoodId, n.town_id AS townId FROM activities a
        JOIN neighborhoods n ON n.id = a.neighborhood_id WHERE a.id = ${input.activityId}`,
    )
    if (!activity || !inScope(user, activity.neighborhoodId))
      throw new ApiError('not_found', '活动不存在')
    if (partnerId !== null) {
      const partner = await partnerTown(db, partnerId)
      if (!partner || partner.townId !== activity.townId)
        throw validationError({ partnerId: '共建单位不存在或不在本镇' })
    }
    if (volunteerId !== null) await assertTalent(db, user, volunteerId)
    const values = {
      activityId: input.activityId,
      partnerId,
      volunteerId,
      createdBy: user.id,
      createdAt: Date.now(),
    }
    const [[{ id }]] = await conflictsAs(
      () =>
        db.batch([
          db.insert(activityLeads).values(values).returning({ id: activityLeads.id }),
          auditCreate(db, user, 'activity-leads', values),
        ]),
      { unique: { partnerId: '已经是这个活动的带领方了' } },
    )
    return c.json(toRecord(await load(c.var, id), user), 201)
  })
  .delete('/:id{[0-9]+}', async (c) => {
    const before = await load(c.var, idParam(c))
    const { db, user } = c.var
    const {
      activityTitle: _a,
      partnerName: _p,
      volunteerName: _v,
      neighborhoodId: _n,
      ...lead
    } = before
    await deleteAudited(db, user, activityLeads, 'activity-leads', lead, {})
    return c.json(toRecord(before, user))
  })
