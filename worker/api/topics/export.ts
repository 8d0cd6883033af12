import { Hono } from 'hono'
import { count, eq, getTableColumns, sql } from 'drizzle-orm'
import type { AppEnv, Db } from '../../env'
import { batch } from '../../db/batch'
import { categories, channels, grids, neighborhoods, topics } from '../../db/schema'
import { maskedFields } from '../../domain/masking'
import { TOPIC_STATUS_LABEL } from '../../domain/vocabulary'
import type { Column } from '../../lib/csv'
import { ApiError } from '../../lib/errors'
import { exportFormat, sendExport, shanghaiTime } from '../../lib/export'
import { orderOf } from '../../lib/resource'
import { parseListQuery } from '../../lib/simple-rest'
import {
  TOPIC_DEFAULT_SORT,
  TOPIC_SORT_COLUMNS,
  TOPIC_SORTABLE,
  toTopicRecord,
  topicWhere,
} from './record'

// GET /api/topics/export?format=csv|xlsx&filter=...&sort=...: every topic of the filter (not a
// page) as a spreadsheet with Chinese headers, personal data masked as for the list.

/** Refuse bigger exports rather than cut them short silently. */
export const MAX_EXPORT_ROWS = 50_000
const PAGE = 5_000

// Each joined name gets its own SQL alias: the first page runs inside a D1 batch, whose rows are
// objects keyed by column name, and drizzle reads them back by position. Three columns all called
// `name` collapsed into one key and shifted every later value one header to the left (分类 held
// the 网格, 居民区 the 渠道).
const exportFields = {
  ...getTableColumns(topics),
  categoryName: sql<string | null>`${categories.name}`.as('category_name'),
  neighborhoodName: sql<string | null>`${neighborhoods.name}`.as('neighborhood_name'),
  gridName: sql<string | null>`${grids.name}`.as('grid_name'),
  channelLabel: sql<string | null>`${channels.label}`.as('channel_label'),
}

type Row = ReturnType<typeof toTopicRecord> & {
  categoryName: string | null
  neighborhoodName: string | null
  gridName: string | null
  channelLabel: string | null
}

const columns: Column<Row>[] = [
  { key: 'id', label: '编号' },
  { key: 'trackingCode', label: '查询码' },
  { key: 'title', label: '标题' },
  { key: 'description', label: '描述' },
  { key: 'location', label: '位置' },
  { key: 'categoryName', label: '类别' },
  { key: 'neighborhoodName', label: '居民区' },
  { key: 'gridName', label: '网格' },
  { key: 'channelLabel', label: '渠道' },
  { key: 'status', label: '状态', value: (r) => TOPIC_STATUS_LABEL[r.status].zh },
  { key: 'supportCount', label: '附议数' },
  { key: 'submitterName', label: '提交人' },
  { key: 'submitterPhone', label: '联系电话', personal: true },
  { key: 'createdAt', label: '提交时间', value: (r) => shanghaiTime(r.createdAt) },
  { key: 'publicReply', label: '受理回复' },
  { key: 'referredTo', label: '转办部门' },
  { key: 'mergedIntoId', label: '合并到' },
  { key: 'projectId', label: '项目编号' },
  { key: 'acceptedAt', label: '受理时间', value: (r) => shanghaiTime(r.acceptedAt) },
  { key: 'adoptedAt', label: '立项时间', value: (r) => shanghaiTime(r.adoptedAt) },
  { key: 'doneAt', label: '完成时间', value: (r) => shanghaiTime(r.doneAt) },
]

const selectRows = (db: Db) =>
  db
    .select(exportFields)
    .from(topics)
    .leftJoin(categories, eq(categories.id, topics.categoryId))
    .leftJoin(neighborhoods, eq(neighborhoods.id, topics.neighborhoodId))
    .leftJoin(grids, eq(grids.id, topics.gridId))
    .leftJoin(channels, eq(channels.id, topics.channelId))

export const topicsExportApi = new Hono<AppEnv>().get('/export', async (c) => {
  const format = exportFormat(c)
  const { db, user } = c.var
  const q = parseListQuery(c, {
    sortable: TOPIC_SORTABLE,
    defaultSort: TOPIC_DEFAULT_SORT,
    masked: maskedFields(user.role, 'topics'),
  })
  const where = topicWhere(user, q.filter)
  const order = orderOf(q, TOPIC_SORT_COLUMNS, topics.id)
  const [[{ n }], first] = await batch(db, [
    db.select({ n: count() }).from(topics).where(where),
    selectRows(db)
      .where(where)
      .orderBy(...order)
      .limit(PAGE),
  ])
  if (n > MAX_EXPORT_ROWS)
    throw new ApiError(
      'bad_request',
      `共 ${n} 条，超过一次导出的上限 ${MAX_EXPORT_ROWS} 条，请缩小筛选范围`,
    )
  const all = [...first]
  while (all.length < n && first.length === PAGE) {
    const page = await selectRows(db)
      .where(where)
      .orderBy(...order)
      .limit(PAGE)
      .offset(all.length)
    if (!page.length) break
    all.push(...page)
  }
  const rows = all.map((r) => ({ ...r, ...toTopicRecord(r, user, { fullPhone: true }) }) as Row)
  const day = shanghaiTime(Date.now()).slice(0, 10)
  return sendExport(c, { format, filename: `议题-${day}`, columns, rows, resource: 'topics' })
})
