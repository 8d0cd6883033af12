import { Hono } from 'hono'
import { and, asc, count, desc, eq, like, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import type { AppEnv, Db } from '../env'
import { activities, activitySessions, registrations } from '../db/schema'
import { type RegistrationStatus } from '../domain/vocabulary'
import {
  auditRegistration,
  cancelRegistration,
  markNoShows,
  checkInStatement,
  createRegistration,
  isCapacityAbort,
  promoteOneStatement,
  WAITLIST_POSITION,
} from '../db/queries/registrations'
import { cancellable, checkInRefusal, hoursOf } from '../domain/capacity'
import { formatAnswers, maskAnswers, type Answers, type Field } from '../domain/forms'
import { canSeePersonalData, maskName, maskPhone } from '../domain/masking'
import { audit } from '../lib/audit'
import { requireUser, writesNeedWriter, type CurrentUser } from '../lib/auth'
import { ApiError } from '../lib/errors'
import { exportFormat, sendExport, shanghaiTime } from '../lib/export'
import type { Column } from '../lib/csv'
import { once } from '../lib/idempotency'
import { contains, idsFilter, inIds, timeFilter } from '../lib/resource'
import { assertInScope, scopeWhere } from '../lib/scope'
import { filterList, parseListQuery, sendList, type ListQuery } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'

// Staff API for registrations: the grid per session, staff entry on a resident's behalf, and the
// workflow actions as explicit POSTs (check-in, cancel, promote, hours). Viewers read masked data.

const select = (db: Db) =>
  db
    .select({
      r: registrations,
      waitlistPosition: WAITLIST_POSITION,
      neighborhoodId: activities.neighborhoodId,
      kind: activities.kind,
      activityTitle: activities.title,
      questions: activities.questions,
      sessionLabel: activitySessions.label,
      sessionStartsAt: activitySessions.startsAt,
      sessionEndsAt: activitySessions.endsAt,
    })
    .from(registrations)
    .innerJoin(activitySessions, eq(activitySessions.id, registrations.sessionId))
    .innerJoin(activities, eq(activities.id, registrations.activityId))
type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]

/** A registration as the API shows it; viewers get masked names, phones and phone answers. */
export const registrationRecord = (row: Selected, user: CurrentUser) => {
  const { r } = row
  const mask = !canSeePersonalData(user.role)
  const questions = JSON.parse(row.questions) as Field[]
  const answers = JSON.parse(r.answers) as Answers
  return {
    id: r.id,
    sessionId: r.sessionId,
    activityId: r.activityId,
    neighborhoodId: row.neighborhoodId,
    kind: row.kind,
    activityTitle: row.activityTitle,
    sessionLabel: row.sessionLabel,
    sessionStartsAt: row.sessionStartsAt,
    sessionEndsAt: row.sessionEndsAt,
    name: mask ? maskName(r.name) : r.name,
    phone: mask ? maskPhone(r.phone) : r.phone,
    partySize: r.partySize,
    answers: mask ? maskAnswers(questions, answers) : answers,
    /** Each answer as one line of text, keyed by question key (as exports show them). */
    answerText: formatAnswers(questions, answers, { maskPhones: mask }),
    status: r.status,
    seq: r.seq,
    /** Rank among the session's waitlisted registrations by arrival (gap-free); null otherwise. */
    waitlistPosition: row.waitlistPosition === null ? null : Number(row.waitlistPosition),
    source: r.source,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    promotedAt: r.promotedAt,
    cancelledAt: r.cancelledAt,
    cancelledBy: r.cancelledBy,
    checkedInAt: r.checkedInAt,
    checkedInBy: r.checkedInBy,
    creditedMinutes: r.creditedMinutes,
    creditedHours: r.creditedMinutes === null ? null : hoursOf(r.creditedMinutes),
  }
}

const SORTABLE: Record<string, SQLiteColumn | SQL> = {
  id: registrations.id,
  seq: registrations.seq,
  sessionId: registrations.sessionId,
  activityId: registrations.activityId,
  name: registrations.name,
  partySize: registrations.partySize,
  status: registrations.status,
  createdAt: registrations.createdAt,
  checkedInAt: registrations.checkedInAt,
  creditedMinutes: registrations.creditedMinutes,
  sessionStartsAt: activitySessions.startsAt,
}

/**
 * `q`: digits search the end of the phone (the last four digits said at the door), anything
 * else the name.
 */
const searchWhere = (value: unknown): SQL | undefined => {
  if (typeof value !== 'string' || !value.trim()) return undefined
  const text = value.trim()
  if (/^\d{1,11}$/.test(text)) return like(registrations.phone, `%${text}`)
  return contains(text, registrations.name)
}

/** The WHERE of a registrations query (list and export), scope included. */
const listWhere = (user: CurrentUser, f: ListQuery['filter']) =>
  and(
    scopeWhere(user, activities.neighborhoodId),
    inIds(registrations.id, idsFilter(f.id)),
    inIds(registrations.sessionId, idsFilter(f.sessionId)),
    inIds(registrations.activityId, idsFilter(f.activityId)),
    inIds(activities.neighborhoodId, idsFilter(f.neighborhoodId)),
    inIds(registrations.status, filterList<string>(f.status)),
    typeof f.phone === 'string' && f.phone ? eq(registrations.phone, f.phone) : undefined,
    f.createdFrom === undefined
      ? undefined
      : sql`${registrations.createdAt} >= ${timeFilter(f.createdFrom)}`,
    f.createdTo === undefined
      ? undefined
      : sql`${registrations.createdAt} < ${timeFilter(f.createdTo)}`,
    searchWhere(f.q),
  )

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v.db).where(eq(registrations.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '报名不存在')
}

const reload = async (v: AppEnv['Variables'], id: number) =>
  registrationRecord((await select(v.db).where(eq(registrations.id, id)))[0], v.user)

/** The 409 for a registration in the wrong state, with its current status for the client. */
const stateError = (message: string, status: RegistrationStatus) =>
  new ApiError('illegal_transition', message, { errors: { status } })

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

/** Sets the credited minutes of a checked-in registration (audited). */
const setMinutes = async (
  v: AppEnv['Variables'],
  row: Selected,
  minutes: number,
  note?: string,
) => {
  if (row.r.status !== 'checked_in') throw stateError('签到后才能记录时长', row.r.status)
  const db = v.db
  await db.batch([
    db
      .update(registrations)
      .set({ creditedMinutes: minutes })
      .where(and(eq(registrations.id, row.r.id), eq(registrations.status, 'checked_in'))),
    audit(db, v.user, {
      action: 'hours',
      resource: 'registrations',
      recordId: row.r.id,
      before: { creditedMinutes: row.r.creditedMinutes },
      after: { creditedMinutes: minutes, note },
    }),
  ])
}

const EXPORT_STATUS: Record<RegistrationStatus, string> = {
  confirmed: '已确认',
  waitlisted: '候补',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '未到场',
}

type ExportRow = ReturnType<typeof registrationRecord>

const exportColumns = (questions: Field[] | null): Column<ExportRow>[] => [
  { key: 'id', label: '编号' },
  { key: 'activityTitle', label: '活动' },
  { key: 'sessionLabel', label: '场次' },
  { key: 'sessionStartsAt', label: '开始时间', value: (r) => shanghaiTime(r.sessionStartsAt) },
  { key: 'name', label: '姓名' },
  { key: 'phone', label: '手机号' },
  { key: 'partySize', label: '人数' },
  { key: 'status', label: '状态', value: (r) => EXPORT_STATUS[r.status] },
  { key: 'waitlistPosition', label: '候补位次' },
  { key: 'seq', label: '报名顺序' },
  { key: 'createdAt', label: '报名时间', value: (r) => shanghaiTime(r.createdAt) },
  { key: 'checkedInAt', label: '签到时间', value: (r) => shanghaiTime(r.checkedInAt) },
  { key: 'creditedHours', label: '志愿时长（小时）' },
  ...(questions
    ? questions.map((q) => ({
        key: `answers.${q.key}`,
        label: q.label,
        value: (r: ExportRow) => r.answerText[q.key] ?? '',
      }))
    : [
        {
          key: 'answers',
          label: '其他回答',
          value: (r: ExportRow) => Object.values(r.answerText).join('；'),
        },
      ]),
]

export const registrationsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(SORTABLE),
      defaultSort: { field: 'seq', order: 'ASC' },
    })
    const where = listWhere(c.var.user, q.filter)
    const dir = q.sort.order === 'ASC' ? asc : desc
    const db = c.var.db
    const [rows, [{ n }]] = await db.batch([
      select(db)
        .where(where)
        .orderBy(dir(SORTABLE[q.sort.field] ?? registrations.id), dir(registrations.id))
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
  .get('/export', async (c) => {
    const format = exportFormat(c)
    const q = parseListQuery(c, {
      sortable: Object.keys(SORTABLE),
      defaultSort: { field: 'seq', order: 'ASC' },
    })
    const dir = q.sort.order === 'ASC' ? asc : desc
    const rows = await select(c.var.db)
      .where(listWhere(c.var.user, q.filter))
      .orderBy(
        asc(registrations.sessionId),
        dir(SORTABLE[q.sort.field] ?? registrations.id),
        dir(registrations.id),
      )
    const records = rows.map((r) => registrationRecord(r, c.var.user))
    const activityIds = new Set(rows.map((r) => r.r.activityId))
    const questions = activityIds.size === 1 ? (JSON.parse(rows[0].questions) as Field[]) : null
    const title = activityIds.size === 1 ? rows[0].activityTitle : '活动'
    const day = shanghaiTime(Date.now()).slice(0, 10)
    return sendExport(c, {
      format,
      filename: `${title}-报名-${day}`,
      columns: exportColumns(questions),
      rows: records,
    })
  })
  .get('/:id', async (c) => c.json(registrationRecord(await load(c.var, idParam(c)), c.var.user)))
  // Bulk no-show for an ended session (same as POST /api/activity-sessions/:id/no-show).
  .post('/no-show', async (c) => {
    const { sessionId } = await readJson(c, z.object({ sessionId: z.int().positive('请选择场次') }))
    const [session] = await c.var.db
      .select({ neighborhoodId: activities.neighborhoodId, endsAt: activitySessions.endsAt })
      .from(activitySessions)
      .innerJoin(activities, eq(activities.id, activitySessions.activityId))
      .where(eq(activitySessions.id, sessionId))
    assertInScope(c.var.user, session, (s) => s.neighborhoodId, '场次不存在')
    const now = Date.now()
    if (session.endsAt > now) throw new ApiError('conflict', '场次结束后才能标记未到场')
    return c.json({ sessionId, markedIds: await markNoShows(c.var.db, c.var.user, sessionId, now) })
  })
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
      return { status: 201, body: await reload(c.var, reg.id) }
    }
    const result = key ? await once(db, key, `staff-registration:${user.id}`, work) : await work()
    return c.json(result.body, result.status as 201)
  })
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    const db = c.var.db
    if (input.creditedMinutes != null && input.creditedMinutes !== before.r.creditedMinutes)
      await setMinutes(c.var, before, input.creditedMinutes)
    if (input.name !== undefined && input.name !== before.r.name)
      await db.batch([
        db.update(registrations).set({ name: input.name }).where(eq(registrations.id, before.r.id)),
        audit(db, c.var.user, {
          action: 'update',
          resource: 'registrations',
          recordId: before.r.id,
          before: { name: before.r.name },
          after: { name: input.name },
        }),
      ])
    return c.json(await reload(c.var, before.r.id))
  })
  .post('/:id/check-in', async (c) => {
    const before = await load(c.var, idParam(c))
    const refusal = checkInRefusal(before.r.status)
    if (refusal) throw stateError(refusal, before.r.status)
    const db = c.var.db
    const now = Date.now()
    const [done] = (await db.batch([
      checkInStatement(db, before.r.id, c.var.user.id, now),
      audit(db, c.var.user, {
        action: 'check-in',
        resource: 'registrations',
        recordId: before.r.id,
        before: { status: before.r.status },
        after: { status: 'checked_in' },
      }),
    ])) as unknown as [{ id: number }[]]
    if (!done.length) {
      // Its state changed since it was read (a parallel check-in or cancellation).
      const now2 = await load(c.var, before.r.id)
      throw stateError(checkInRefusal(now2.r.status) ?? '签到未成功，请重试', now2.r.status)
    }
    return c.json(await reload(c.var, before.r.id))
  })
  .post('/:id/cancel', async (c) => {
    const before = await load(c.var, idParam(c))
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
    if (!cancelled) throw stateError('报名已不能取消', (await load(c.var, before.r.id)).r.status)
    return c.json({ ...(await reload(c.var, before.r.id)), promotedIds: promoted })
  })
  // Confirms a waitlisted registration out of turn, only if it fits in the seats free now.
  .post('/:id/promote', async (c) => {
    const before = await load(c.var, idParam(c))
    if (before.r.status !== 'waitlisted')
      throw stateError('只有候补中的报名可以转为确认', before.r.status)
    const db = c.var.db
    let done: { id: number }[]
    try {
      ;[done] = (await db.batch([
        promoteOneStatement(db, before.r),
        audit(db, c.var.user, {
          action: 'promote',
          resource: 'registrations',
          recordId: before.r.id,
          before: { status: 'waitlisted' },
          after: { status: 'confirmed' },
        }),
      ])) as unknown as [{ id: number }[]]
    } catch (err) {
      if (isCapacityAbort(err)) done = []
      else throw err
    }
    if (!done.length) {
      const now = await load(c.var, before.r.id)
      if (now.r.status !== 'waitlisted') throw stateError('报名状态已变化，请刷新', now.r.status)
      throw new ApiError('conflict', `剩余名额不够 ${before.r.partySize} 人；可以先调高名额`)
    }
    return c.json(await reload(c.var, before.r.id))
  })
  .post('/:id/hours', async (c) => {
    const before = await load(c.var, idParam(c))
    const input = await readJson(c, hoursSchema)
    const minutes = input.minutes ?? Math.round((input.hours ?? 0) * 60)
    await setMinutes(c.var, before, minutes, input.note)
    return c.json(await reload(c.var, before.r.id))
  })
