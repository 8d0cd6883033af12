import { Hono } from 'hono'
import { sql, type SQL } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { meetingReport } from '../../db/queries/meetings/report'
import { type NeighborhoodFigures, reportSentence, totalOf } from '../../domain/meetings/report'
import { MEETING_DECISION_LABEL, MEETING_DECISIONS } from '../../domain/vocabulary'
import { requireUser } from '../../lib/auth'
import type { Column } from '../../lib/csv'
import { ApiError } from '../../lib/errors'
import { sendExport, shanghaiTime } from '../../lib/export'
import { figuresQuery } from '../reports/figures-query'

// GET /api/reports/meetings?from=&to=&neighborhoodId=|townId=&format=json|csv|xlsx — the meeting
// 台账 of meetings held in [from, to) (epoch ms; open-ended when left out): per neighborhood and
// in total, for one neighborhood, one town, or everything in the caller's scope. A town's
// figures are for those who see the whole town (admin, its town coordinators); otherwise 404.

const COLUMNS: Column<NeighborhoodFigures>[] = [
  { key: 'name', label: '居民区' },
  { key: 'meetings', label: '召开会议（场）' },
  { key: 'attendance', label: '到会（人次）' },
  { key: 'decided', label: '议定议题（个）' },
  ...MEETING_DECISIONS.map((d) => ({
    key: d,
    label: MEETING_DECISION_LABEL[d].zh,
    value: (r: NeighborhoodFigures) => r.byDecision[d],
  })),
  { key: 'projects', label: '立项项目（个）' },
]

export const meetingReportApi = new Hono<AppEnv>().use(requireUser).get('/', async (c) => {
  const user = c.var.user
  const { from, to, neighborhoodId, townId, format } = figuresQuery(c)
  const conditions: SQL[] = []
  if (neighborhoodId !== undefined) conditions.push(sql`n.id = ${neighborhoodId}`)
  if (townId !== undefined) conditions.push(sql`n.town_id = ${townId}`)
  if (user.neighborhoodIds !== null)
    conditions.push(
      sql`n.id IN (SELECT value FROM json_each(${JSON.stringify(user.neighborhoodIds)}))`,
    )
  const rows = await meetingReport(c.var.db, {
    neighborhoods: conditions.length ? sql.join(conditions, sql` AND `) : sql`1`,
    from,
    to,
  })
  if (neighborhoodId !== undefined && !rows.length) throw new ApiError('not_found', '居民区不存在')
  if (townId !== undefined && !rows.length) throw new ApiError('not_found', '镇不存在')
  const total = totalOf(rows)
  if (format !== 'json') {
    const period =
      from === 0 && to === Number.MAX_SAFE_INTEGER
        ? '全部'
        : `${shanghaiTime(from).slice(0, 10)}至${shanghaiTime(to - 1).slice(0, 10)}`
    return sendExport(c, {
      format,
      filename: `议事会台账-${period}`,
      columns: COLUMNS,
      rows: [...rows, { neighborhoodId: 0, name: '合计', ...total }],
      resource: 'meetings',
    })
  }
  return c.json({
    from,
    to,
    neighborhoodId: neighborhoodId ?? null,
    townId: townId ?? null,
    total,
    neighborhoods: rows,
    sentence: reportSentence(total),
  })
})
