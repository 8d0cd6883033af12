import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../env'
import { ledgerRaw } from '../../db/queries/reports/ledger'
import { toDay } from '../../domain/programmes/days'
import {
  type Compared,
  compareSections,
  lastYearOf,
  ledgerSections,
} from '../../domain/programmes/ledger'
import type { Column } from '../../lib/csv'
import { contentDisposition } from '../../lib/export'
import { toXlsxWorkbook, xlsxSheet } from '../../lib/xlsx'
import { periodOf, scopeOf } from './scope'

// 台账: GET /api/reports/ledger — the period's figures for a scope beside the same period last
// year (domain/programmes/ledger.ts defines each); GET /api/reports/ledger/export — the same as an
// .xlsx workbook, a sheet per section. Read-only: viewers may use it too.

const loadLedger = async (c: Context<AppEnv>) => {
  const query = (name: string) => c.req.query(name)
  const scope = await scopeOf(c.var, query)
  const period = periodOf(query)
  const lastYear = lastYearOf(period)
  const [current, last] = await ledgerRaw(c.var.db, scope.ids, [period, lastYear])
  return {
    scope: {
      kind: scope.kind,
      name: scope.name,
      neighborhoodId: scope.neighborhoodId ?? null,
      townId: scope.townId ?? null,
    },
    period,
    lastYear,
    sections: compareSections(ledgerSections(current), ledgerSections(last)),
  }
}

/** `YYYY-MM-DD 至 YYYY-MM-DD` for a period with an exclusive end. */
const days = (p: { from: number; to: number }) => `${toDay(p.from)} 至 ${toDay(p.to - 1)}`

const FIGURE_COLUMNS: Column<Compared>[] = [
  { key: 'label', label: '指标' },
  { key: 'value', label: '本期' },
  { key: 'lastYear', label: '去年同期' },
  { key: 'change', label: '变化' },
  { key: 'changePct', label: '变化率（%）' },
]

export const ledgerApi = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await loadLedger(c)))
  .get('/export', async (c) => {
    const l = await loadLedger(c)
    const cover = [
      { what: '范围', value: l.scope.name },
      { what: '本期', value: days(l.period) },
      { what: '去年同期', value: days(l.lastYear) },
      {
        what: '生成时间',
        value: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
      },
      ...l.sections.flatMap((s) =>
        s.figures.slice(0, 1).map((f) => ({ what: f.label, value: f.value ?? '—' })),
      ),
    ]
    const bytes = toXlsxWorkbook([
      xlsxSheet(
        '概况',
        [
          { key: 'what', label: '项目' },
          { key: 'value', label: '内容' },
        ],
        cover,
      ),
      ...l.sections.map((s) => xlsxSheet(s.title, FIGURE_COLUMNS, s.figures)),
    ])
    const name = `台账-${l.scope.name}-${toDay(l.period.from)}至${toDay(l.period.to - 1)}.xlsx`
    return new Response(bytes, {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(name),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
