import { Hono } from 'hono'
import { and, asc, count, desc, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppEnv } from '../../env'
import { volunteers } from '../../db/schema'
import { batch } from '../../db/batch'
import { VOLUNTEER_FIGURES } from '../../db/queries/activities/volunteers'
import { maskedFields } from '../../domain/masking'
import { contains, idsFilter, inIds, searchable } from '../../lib/resource'
import { parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'
import { loadVolunteer, scopeOf, select, volunteerRecord } from './volunteers-record'

// GET /api/volunteers (list: filters by neighborhood, tag, skill, name or the phone's last digits)
// and GET /:id.

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

/** JSON array filter: `filter.tag = '手工达人'` matches volunteers carrying that tag. */
const hasWord = (column: SQLiteColumn, value: unknown) =>
  typeof value === 'string' && value.trim()
    ? sql`EXISTS (SELECT 1 FROM json_each(${column}) j WHERE j.value = ${value.trim()})`
    : undefined

export const volunteersListApi = new Hono<AppEnv>()
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
      rows.map((r) => volunteerRecord(r, c.var.user)),
      n,
    )
  })
  .get('/:id', async (c) =>
    c.json(volunteerRecord(await loadVolunteer(c.var, idParam(c)), c.var.user)),
  )
