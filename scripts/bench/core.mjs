import { importTs } from '../lib/worker-import.mjs'
import { inlineParams } from '../lib/sql.mjs'

// The foundation issue's cases: the floor, the staff topic list (plain and with a text search),
// and staff entry of topics; plus EXPLAIN QUERY PLAN of the list queries.

const SEARCH = '楼道'
const listPath = (q, { sort = ['createdAt', 'DESC'], filter: extra = {} } = {}) => {
  const filter = { status: 'submitted', ...(q ? { q } : {}), ...extra }
  return `/api/topics?${new URLSearchParams({
    filter: JSON.stringify(filter),
    sort: JSON.stringify(sort),
    range: JSON.stringify([0, 24]),
  })}`
}

// The staff grid sorted by each sortable column but createdAt (topics-list), and each filter of
// its filter bar but the text search, on the status=submitted view: each at 0.7 of the floor
// (issue 18). Channel 101 is a QR point of the staff user's neighborhood (scripts/seed/core.mjs).
const GRID_SORTS = [
  ['id', 'DESC'],
  ['updatedAt', 'DESC'],
  ['status', 'ASC'],
  ['title', 'ASC'],
  ['supportCount', 'DESC'],
  ['neighborhoodId', 'ASC'],
  ['categoryId', 'ASC'],
  ['channelId', 'ASC'],
]
const DAY = 86_400_000
const GRID_FILTERS = {
  category: { categoryId: 2 },
  channel: { channelId: 101 },
  neighborhood: { neighborhoodId: 1 },
  created: { createdFrom: Date.UTC(2026, 0, 1), createdTo: Date.UTC(2026, 0, 1) + 400 * DAY },
}
const gridCases = [
  ...GRID_SORTS.map(([field, order], k) => ({
    name: `grid-sort-${field}`,
    title: `GET /api/topics as staff: status=submitted, ${field} ${order}, 25 rows`,
    order: 11 + k / 100,
    goal: 0.7,
    request: (ctx) => ({
      path: listPath(null, { sort: [field, order] }),
      cookie: ctx.cookies.staff,
    }),
    expect: 200,
    explain: { sort: { field, order }, filter: { status: 'submitted' } },
  })),
  ...Object.entries(GRID_FILTERS).map(([name, filter], k) => ({
    name: `grid-filter-${name}`,
    title: `GET /api/topics as staff: status=submitted, ${Object.keys(filter).join('+')}, createdAt DESC`,
    order: 12 + k / 100,
    goal: 0.7,
    request: (ctx) => ({ path: listPath(null, { filter }), cookie: ctx.cookies.staff }),
    expect: 200,
    explain: {
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { status: 'submitted', ...filter },
    },
  })),
]

export const cases = [
  {
    name: 'floor',
    title: 'GET /api/auth/me (db, sameOrigin, session lookup)',
    floor: true,
    request: (ctx) => ({ path: '/api/auth/me', cookie: ctx.cookies.staff }),
    expect: 200,
  },
  {
    name: 'healthz',
    title: 'GET /healthz (no session: one SELECT 1), for reference',
    order: 1,
    request: () => ({ path: '/healthz' }),
    expect: 200,
  },
  {
    name: 'topics-list',
    title: 'GET /api/topics as staff: status=submitted, createdAt DESC, 25 rows',
    order: 10,
    goal: 0.7,
    request: (ctx) => ({ path: listPath(), cookie: ctx.cookies.staff }),
    expect: 200,
  },
  {
    name: 'topics-search',
    title: `GET /api/topics as staff, same + q=${SEARCH}`,
    order: 20,
    request: (ctx) => ({ path: listPath(SEARCH), cookie: ctx.cookies.staff }),
    expect: 200,
  },
  {
    name: 'topics-create',
    title: "POST /api/topics as staff (entry on a resident's behalf, by phone)",
    order: 30,
    goal: 0.5,
    request: (ctx, i) => ({
      method: 'POST',
      path: '/api/topics',
      cookie: ctx.cookies.staff,
      body: {
        neighborhoodId: 1,
        title: `基准测试：${(i % 32) + 1}号楼楼道灯不亮`,
        description: '居民来电反映楼道声控灯不亮，晚上上下楼看不清。',
        location: `${(i % 32) + 1}号楼`,
        categoryId: 2,
        channelKind: 'phone',
      },
    }),
    expect: 201,
  },
  ...gridCases,
]

// EXPLAIN the SQL the topics API really runs: the list route's own functions (topicWhere, orderOf,
// listTopicsStatements) are bundled and asked for their SQL (drizzle toSQL) for the staff user of 慧华苑.
// If those names move, the report falls back to the equivalent hand-written SQL and says so.
const API_SQL = `
import { drizzle } from 'drizzle-orm/d1'
import * as schema from './worker/db/schema'
import { topicWhere, TOPIC_SORT_COLUMNS } from './worker/api/topics/record'
import { orderOf } from './worker/lib/resource'
import { listTopicsStatements } from './worker/db/queries/topics/read'
export const listSql = (
  user: any,
  filter: Record<string, unknown>,
  sort: { field: string; order: 'ASC' | 'DESC' } = { field: 'createdAt', order: 'DESC' },
) => {
  const db = drizzle({} as any, { schema })
  const where = topicWhere(user, filter)
  const q = { sort, offset: 0, limit: 25, filter }
  const order = orderOf(q, TOPIC_SORT_COLUMNS, schema.topics.id)
  const [page, total] = listTopicsStatements(db, where, order, 25, 0)
  return { page: page.toSQL(), total: total.toSQL() }
}
`
const STAFF = {
  id: 3,
  username: 'staff',
  displayName: '',
  role: 'staff',
  sessionId: '',
  townIds: [],
  neighborhoodIds: [1],
}

const handWritten = (q) => {
  const where =
    `neighborhood_id IN (1) AND status IN ('submitted')` +
    (q ? ` AND (title LIKE '%${q}%' ESCAPE '\\' OR description LIKE '%${q}%' ESCAPE '\\')` : '')
  return {
    page: `SELECT * FROM topics WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 25 OFFSET 0`,
    total: `SELECT count(*) FROM topics WHERE ${where}`,
  }
}

const listQueries = async () => {
  try {
    const { listSql } = await importTs(API_SQL)
    const inline = ({ sql, params }) => inlineParams(sql, params)
    const plain = listSql(STAFF, { status: 'submitted' })
    const search = listSql(STAFF, { status: 'submitted', q: SEARCH })
    const grid = gridCases.flatMap((c) => {
      const { page, total } = listSql(STAFF, c.explain.filter, c.explain.sort)
      return [
        [`${c.name} page`, inline(page)],
        [`${c.name} total`, inline(total)],
      ]
    })
    return {
      source:
        'the API’s own query builders (worker/api/topics/record.ts, worker/db/queries/topics/read.ts)',
      queries: [
        ['list page', inline(plain.page)],
        ['list total', inline(plain.total)],
        ['search page', inline(search.page)],
        ['search total', inline(search.total)],
        ...grid,
      ],
    }
  } catch (e) {
    const plain = handWritten()
    const search = handWritten(SEARCH)
    return {
      source: `hand-written equivalent (could not build the API's SQL: ${e.message.split('\n')[0]})`,
      queries: [
        ['list page', plain.page],
        ['list total', plain.total],
        ['search page', search.page],
        ['search total', search.total],
      ],
    }
  }
}

export const reports = [
  {
    name: 'explain',
    title:
      'EXPLAIN QUERY PLAN of the staff topic list and grid queries (a temporary sort of the whole scope would show as USE TEMP B-TREE FOR ORDER BY)',
    run: async (ctx) => {
      const { source, queries } = await listQueries()
      const lines = [`SQL from ${source}`]
      const data = { source }
      for (const [label, sql] of queries) {
        const [{ results }] = await ctx.query(`EXPLAIN QUERY PLAN ${sql}`)
        data[label] = { sql, plan: results.map((r) => r.detail) }
        lines.push(
          `${label}: ${sql.length > 220 ? `${sql.slice(0, 100)} … ${sql.slice(-110)}` : sql}`,
          ...results.map((r) => `    ${r.detail}`),
        )
      }
      return { lines, data }
    },
  },
]
