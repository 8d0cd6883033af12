import { Hono } from 'hono'
import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import type { AppEnv, Db } from '../../env'
import { volunteers } from '../../db/schema'
import { batch } from '../../db/batch'
import { VOLUNTEER_FIGURES } from '../../db/queries/activities/volunteers'
import { hoursOf, newVolunteerCode } from '../../domain/capacity'
import {
  canSeePersonalData,
  maskedFields,
  maskName,
  maskPhone,
  MOBILE_PHONE,
  normalizePhone,
} from '../../domain/masking'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter, type CurrentUser } from '../../lib/auth'
import { ApiError, validationError } from '../../lib/errors'
import {
  assertNeighborhoodExists,
  auditCreate,
  conflictsAs,
  contains,
  idsFilter,
  inIds,
  searchable,
} from '../../lib/resource'
import { inScope } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'

// Staff API for volunteers (志愿者/达人), keyed by phone. Hours are not stored: they are the sum
// of the minutes credited to the volunteer's checked-in shifts (adjustable per registration).
// Scope: a volunteer is visible to staff of their home neighborhood and of every neighborhood
// where they registered for an activity.

const scopeOf = (user: CurrentUser): SQL | undefined => {
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

const select = (db: Db) => db.select({ v: volunteers, ...VOLUNTEER_FIGURES }).from(volunteers)
type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]

const record = ({ v, minutes, shifts, upcoming, seenIn }: Selected, user: CurrentUser) => {
  const mask = !canSeePersonalData(user.role)
  return {
    id: v.id,
    phone: mask ? maskPhone(v.phone) : v.phone,
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

const SORTABLE: Record<string, SQLiteColumn | SQL> = {
  id: volunteers.id,
  name: volunteers.name,
  neighborhoodId: volunteers.neighborhoodId,
  createdAt: volunteers.createdAt,
  updatedAt: volunteers.updatedAt,
  totalHours: VOLUNTEER_FIGURES.minutes,
  totalMinutes: VOLUNTEER_FIGURES.minutes,
  shiftCount: VOLUNTEER_FIGURES.shifts,
}

const words = z.array(z.string().trim().min(1).max(20, '每个标签最多 20 字')).max(30, '最多 30 个')
const editable = {
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字'),
  neighborhoodId: z.int().positive().nullish(),
  skills: words.nullish(),
  tags: words.nullish(),
  note: z.string().trim().max(1000, '备注最多 1000 字').nullish(),
}
const phoneSchema = z
  .string({ error: '请填写手机号' })
  .transform(normalizePhone)
  .pipe(z.string().regex(MOBILE_PHONE, '手机号应为 11 位数字，以 1 开头'))
const createSchema = z.object({ ...editable, phone: phoneSchema })
const updateSchema = z.object(editable).partial().extend({ resetCode: z.boolean().optional() })

/** JSON array filter: `filter.tag = '手工达人'` matches volunteers carrying that tag. */
const hasWord = (column: SQLiteColumn, value: unknown) =>
  typeof value === 'string' && value.trim()
    ? sql`EXISTS (SELECT 1 FROM json_each(${column}) j WHERE j.value = ${value.trim()})`
    : undefined

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v.db).where(and(eq(volunteers.id, id), scopeOf(v.user)))
  if (!row) throw new ApiError('not_found', '志愿者不存在')
  return row
}

const uniqueWords = (list: string[] | null | undefined) => (list ? [...new Set(list)] : undefined)

export const volunteersApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: Object.keys(SORTABLE),
      masked: maskedFields(c.var.user.role, 'volunteers'),
    })
    const f = q.filter
    const where = and(
      scopeOf(c.var.user),
      inIds(volunteers.id, idsFilter(f.id)),
      inIds(volunteers.neighborhoodId, idsFilter(f.neighborhoodId)),
      hasWord(volunteers.tags, f.tag),
      hasWord(volunteers.skills, f.skill),
      typeof f.q === 'string' && /^\d{3,11}$/.test(f.q) && !q.masked.includes('phone')
        ? sql`substr(${volunteers.phone}, ${-f.q.length}) = ${f.q}`
        : contains(
            f.q,
            ...searchable(q, {
              name: volunteers.name,
              tags: volunteers.tags,
              skills: volunteers.skills,
              note: volunteers.note,
            }),
          ),
    )
    const dir = q.sort.order === 'ASC' ? asc : desc
    const db = c.var.db
    const [rows, [{ n }]] = await batch(db, [
      select(db)
        .where(where)
        .orderBy(dir(SORTABLE[q.sort.field] ?? volunteers.id), dir(volunteers.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(volunteers).where(where),
    ])
    return sendList(
      c,
      'volunteers',
      q,
      rows.map((r) => record(r, c.var.user)),
      n,
    )
  })
  .get('/:id', async (c) => c.json(record(await load(c.var, idParam(c)), c.var.user)))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const user = c.var.user
    const db = c.var.db
    const home =
      input.neighborhoodId ?? (user.neighborhoodIds?.length === 1 ? user.neighborhoodIds[0] : null)
    if (home === null && user.neighborhoodIds !== null)
      throw validationError({ neighborhoodId: '请选择居民区' })
    if (home !== null) {
      if (!inScope(user, home)) throw new ApiError('not_found', '居民区不存在')
      await assertNeighborhoodExists(db, home)
    }
    const now = Date.now()
    const values = {
      phone: input.phone,
      name: input.name,
      neighborhoodId: home,
      code: newVolunteerCode(),
      skills: JSON.stringify(uniqueWords(input.skills) ?? []),
      tags: JSON.stringify(uniqueWords(input.tags) ?? []),
      note: input.note ?? '',
      createdAt: now,
      updatedAt: now,
    }
    const [[row]] = await conflictsAs(
      () =>
        batch(db, [
          db.insert(volunteers).values(values).returning({ id: volunteers.id }),
          auditCreate(db, user, 'volunteers', { ...values, code: undefined }),
        ]),
      { unique: { phone: '这个手机号的志愿者已经存在' } },
    )
    return c.json(record((await select(db).where(eq(volunteers.id, row.id)))[0], user), 201)
  })
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    const user = c.var.user
    const db = c.var.db
    const v = before.v
    if (input.neighborhoodId != null && input.neighborhoodId !== v.neighborhoodId) {
      if (!inScope(user, input.neighborhoodId)) throw new ApiError('not_found', '居民区不存在')
      await assertNeighborhoodExists(db, input.neighborhoodId)
    }
    const changes = {
      name: input.name ?? v.name,
      neighborhoodId: input.neighborhoodId === undefined ? v.neighborhoodId : input.neighborhoodId,
      skills: input.skills ? JSON.stringify(uniqueWords(input.skills)) : v.skills,
      tags: input.tags ? JSON.stringify(uniqueWords(input.tags)) : v.tags,
      note: input.note === undefined ? v.note : (input.note ?? ''),
      code: input.resetCode ? newVolunteerCode() : v.code,
      updatedAt: Date.now(),
    }
    const { code: _b, ...auditBefore } = v
    const { code: _a, ...auditAfter } = changes
    await batch(db, [
      db.update(volunteers).set(changes).where(eq(volunteers.id, v.id)),
      audit(db, user, {
        action: 'update',
        resource: 'volunteers',
        recordId: v.id,
        before: auditBefore,
        after: { ...auditAfter, codeReset: input.resetCode === true },
      }),
    ])
    return c.json(record((await select(db).where(eq(volunteers.id, v.id)))[0], user))
  })
  .delete('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const db = c.var.db
    const { code: _, ...auditBefore } = before.v
    await batch(db, [
      db.delete(volunteers).where(eq(volunteers.id, before.v.id)),
      audit(db, c.var.user, {
        action: 'delete',
        resource: 'volunteers',
        recordId: before.v.id,
        before: auditBefore,
      }),
    ])
    return c.json(record(before, c.var.user))
  })
