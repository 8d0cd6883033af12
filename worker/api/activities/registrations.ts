import { Hono } from 'hono'
import { asc, count, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { activities, activitySessions, registrations } from '../../db/schema'
import { batch } from '../../db/batch'
import { auditRegistration } from '../../db/queries/activities/register'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { once } from '../../lib/idempotency'
import { assertInScope } from '../../lib/scope'
import { maskedFields } from '../../domain/masking'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import { createRegistration } from './register'
import { registrationsExportApi } from './registrations-export'
import {
  loadRegistration,
  REGISTRATION_SORTABLE,
  registrationRecord,
  registrationWhere,
  reloadRegistration,
  selectRegistrations,
  setMinutes,
} from './registrations-record'
import { registrationWorkflowApi } from './registrations-workflow'

// Staff API for registrations: the grid per session, one registration, staff entry on a
// resident's behalf and edits. The export is registrations-export.ts; the workflow actions
// (check-in, cancel, promote, hours, no-show) are registrations-workflow.ts.

const createSchema = z.object({
  sessionId: z.int().positive('请选择场次'),
  name: z.unknown(),
  phone: z.unknown(),
  partySize: z.unknown(),
  answers: z.record(z.string(), z.unknown()).nullish(),
})
const updateSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字').optional(),
  creditedMinutes: z
    .int('时长应为整数分钟')
    .min(0, '时长不能为负')
    .max(24 * 60, '一次最多 24 小时')
    .nullish(),
})

export const registrationsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(REGISTRATION_SORTABLE),
      defaultSort: { field: 'seq', order: 'ASC' },
      masked: maskedFields(c.var.user.role, 'registrations'),
    })
    const where = registrationWhere(c.var.user, q.filter)
    const dir = q.sort.order === 'ASC' ? asc : desc
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      selectRegistrations(db)
        .where(where)
        .orderBy(
          dir(REGISTRATION_SORTABLE[q.sort.field] ?? registrations.id),
          dir(registrations.id),
        )
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(registrations)
        .innerJoin(activities, eq(activities.id, registrations.activityId))
        .where(where),
    ])
    return sendList(
      c,
      'registrations',
      q,
      rows.map((r) => registrationRecord(r, c.var.user)),
      n,
    )
  })
  // Fixed paths before `/:id`.
  .route('/', registrationsExportApi)
  .get('/:id', async (c) =>
    c.json(registrationRecord(await loadRegistration(c.var, idParam(c)), c.var.user)),
  )
  .route('/', registrationWorkflowApi)
  // Staff entry on a resident's behalf (phone, walk-in): the same atomic rules as the public form,
  // except that staff may register until the session ends (not only until it starts).
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const user = c.var.user
    const db = c.var.db
    const [session] = await db
      .select({ neighborhoodId: activities.neighborhoodId })
      .from(activitySessions)
      .innerJoin(activities, eq(activities.id, activitySessions.activityId))
      .where(eq(activitySessions.id, input.sessionId))
    assertInScope(user, session, (s) => s.neighborhoodId, '场次不存在')
    const key = c.req.header('idempotency-key')
    const work = async () => {
      const after = { sessionId: input.sessionId, source: 'staff' }
      const { reg } = await createRegistration(
        db,
        input.sessionId,
        { ...input, clientKey: key ?? null, answers: input.answers ?? {} },
        'staff',
        (token) => [auditRegistration(db, user.id, token, after)],
      )
      return { status: 201, body: await reloadRegistration(c.var, reg.id) }
    }
    const result = key
      ? await once(db, key, `staff-registration:${user.id}`, input, work)
      : await work()
    return c.json(result.body, result.status as 201)
  })
  .put('/:id', async (c) => {
    const before = await loadRegistration(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    const db = c.var.db
    if (input.creditedMinutes != null && input.creditedMinutes !== before.r.creditedMinutes)
      await setMinutes(c.var, before, input.creditedMinutes)
    if (input.name !== undefined && input.name !== before.r.name)
      await batch(db, [
        db.update(registrations).set({ name: input.name }).where(eq(registrations.id, before.r.id)),
        audit(db, c.var.user, {
          action: 'update',
          resource: 'registrations',
          recordId: before.r.id,
          before: { name: before.r.name },
          after: { name: input.name },
        }),
      ])
    return c.json(await reloadRegistration(c.var, before.r.id))
  })
