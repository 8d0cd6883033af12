import { Hono } from 'hono'
import { and, count, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { neighborhoods, users, weeklyCheckins } from '../../db/schema'
import { weeklyCheckins as makeThisWeek } from '../../db/queries/programmes/weekly'
import { NOTE_MAX } from '../../domain/programmes/weekly'
import { audit } from '../../lib/audit'
import { requireRole, requireUser, writesNeedWriter } from '../../lib/auth'
import { idsFilter, inIds, orderOf, timeFilter } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'

// 每周一对接: the weekly summaries the cron job makes per neighborhood (db/queries/programmes/
// weekly.ts), for staff to read and annotate and for the town to read side by side.

const fields = {
  id: weeklyCheckins.id,
  neighborhoodId: weeklyCheckins.neighborhoodId,
  neighborhoodName: neighborhoods.name,
  weekStart: weeklyCheckins.weekStart,
  doneCount: weeklyCheckins.doneCount,
  dueCount: weeklyCheckins.dueCount,
  overdueCount: weeklyCheckins.overdueCount,
  newTopics: weeklyCheckins.newTopics,
  disputedCount: weeklyCheckins.disputedCount,
  details: weeklyCheckins.details,
  note: weeklyCheckins.note,
  noteBy: weeklyCheckins.noteBy,
  noteByName: users.displayName,
  noteAt: weeklyCheckins.noteAt,
  createdAt: weeklyCheckins.createdAt,
}
const SORTABLE = ['id', 'weekStart', 'neighborhoodId', 'overdueCount', 'dueCount'] as const
const SORT_COLUMNS = Object.fromEntries(SORTABLE.map((f) => [f, weeklyCheckins[f]]))

const select = (db: AppEnv['Variables']['db']) =>
  db
    .select(fields)
    .from(weeklyCheckins)
    .innerJoin(neighborhoods, eq(neighborhoods.id, weeklyCheckins.neighborhoodId))
    .leftJoin(users, eq(users.id, weeklyCheckins.noteBy))

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]
const toRecord = (row: Row) => ({ ...row, details: JSON.parse(row.details) as unknown })

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await select(v.db).where(eq(weeklyCheckins.id, id))
  return toRecord(assertInScope(v.user, row, (r) => r.neighborhoodId, '周报不存在'))
}

const noteSchema = z.object({
  note: z.string({ message: '应为文字' }).trim().max(NOTE_MAX, `最多 ${NOTE_MAX} 个字`),
})

/**
 * GET /api/weekly-checkins (simple-rest; filters weekStart, neighborhoodId, id), GET /:id,
 * PUT /:id `{ note }` (audited), POST /api/weekly-checkins/run (admins and town staff: make this
 * week's missing summaries now instead of waiting for the cron job).
 */
export const weeklyCheckinsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, {
      sortable: SORTABLE,
      defaultSort: { field: 'weekStart', order: 'DESC' },
      maxLimit: 1000,
    })
    const f = q.filter
    const weekStart = timeFilter(f.weekStart, 'weekStart')
    const where = and(
      scopeWhere(c.var.user, weeklyCheckins.neighborhoodId),
      inIds(weeklyCheckins.id, idsFilter(f.id)),
      inIds(weeklyCheckins.neighborhoodId, idsFilter(f.neighborhoodId)),
      weekStart === undefined ? undefined : eq(weeklyCheckins.weekStart, weekStart),
    )
    const db = c.var.db
    const [rows, [{ n }]] = await db.batch([
      select(db)
        .where(where)
        .orderBy(...orderOf(q, SORT_COLUMNS, weeklyCheckins.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(weeklyCheckins).where(where),
    ])
    return sendList(c, 'weekly-checkins', q, rows.map(toRecord), n)
  })
  .post('/run', requireRole('admin', 'town'), async (c) =>
    c.json({ made: await makeThisWeek(c.var.db) }),
  )
  .get('/:id', async (c) => c.json(await load(c.var, idParam(c))))
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const { note } = await readJson(c, noteSchema)
    if (note === before.note) return c.json(before)
    const { db, user } = c.var
    const now = Date.now()
    await db.batch([
      db
        .update(weeklyCheckins)
        .set({ note, noteBy: user.id, noteAt: now })
        .where(sql`${weeklyCheckins.id} = ${before.id}`),
      audit(db, user, {
        action: 'update',
        resource: 'weekly-checkins',
        recordId: before.id,
        before: { note: before.note },
        after: { note },
      }),
    ])
    return c.json(await load(c.var, before.id))
  })
