import { type Context, Hono } from 'hono'
import { and, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { neighborhoods, programmes } from '../../db/schema'
import { matrixItems, matrixNeighborhoods } from '../../db/queries/programmes/matrix'
import { selectSteps } from '../../db/queries/programmes/programmes'
import { toDay } from '../../domain/programmes/days'
import { buildMatrix, type MatrixCell } from '../../domain/programmes/matrix'
import { STEP_STATE_LABEL, STEP_STATES, type StepState } from '../../domain/vocabulary'
import { batchAsUser } from '../../lib/auth'
import type { Column } from '../../lib/csv'
import { ApiError } from '../../lib/errors'
import { contentDisposition } from '../../lib/export'
import { scopeWhere } from '../../lib/scope'
import { idParam } from '../../lib/validate'
import { type CellStyle, toXlsxWorkbook, xlsxSheet } from '../../lib/xlsx'
import { canEditTemplate, programmeScope, projectScope, toStepRecord } from './record'

// The neighborhood × step matrix of a programme, and its export to Excel laid out the same way.
// Its reads ride in ONE D1 batch with the session check (`batchAsUser`): the programme, its
// steps, its neighborhoods in scope and every step item with its figures.

const loadMatrix = async (c: Context<AppEnv>) => {
  const id = idParam(c)
  const db = c.var.db
  const [[programme], steps, places, items] = await batchAsUser(c, (user) => [
    db
      .select()
      .from(programmes)
      .where(and(eq(programmes.id, id), programmeScope(user))),
    selectSteps(db, id),
    matrixNeighborhoods(db, id, scopeWhere(user, neighborhoods.id)),
    matrixItems(db, id, projectScope(user)),
  ])
  if (!programme) throw new ApiError('not_found', '规定动作不存在')
  const now = Date.now()
  return {
    programme: { ...programme, canEdit: canEditTemplate(c.var.user, programme.townId) },
    steps: steps.map((s) => toStepRecord(s, programme.startsAt)),
    ...buildMatrix({ steps, neighborhoods: places, items, now }),
    now,
  }
}

const STATE_STYLE: Record<StepState, CellStyle | undefined> = {
  done: 'good',
  due: 'warn',
  overdue: 'bad',
  not_started: undefined,
}

const monthDay = (ms: number | null) => (ms === null ? '' : toDay(ms).slice(5))

/** A cell as the spreadsheet shows it: state, the day that matters, residents' answers. */
const cellText = (cell: MatrixCell | null) => {
  if (!cell) return '—'
  const label = STEP_STATE_LABEL[cell.state].zh
  if (cell.state === 'done') {
    const answers =
      cell.confirmed || cell.disputed ? ` · 确认 ${cell.confirmed} / 异议 ${cell.disputed}` : ''
    return `✓ ${label} ${monthDay(cell.doneAt)}${answers}`
  }
  return cell.dueAt === null ? label : `${label}（${monthDay(cell.dueAt)} 前）`
}

type Row = Awaited<ReturnType<typeof loadMatrix>>['rows'][number]

/**
 * GET /api/programmes/:id/matrix — `{ programme, steps, rows, columns, totals, now }`: rows are
 * neighborhoods in scope with `cells` aligned to `steps` (null where a neighborhood has no item
 * for a step) and their state counts; columns are the steps' counts.
 * GET /api/programmes/:id/matrix/export — the same as an .xlsx workbook: one row per neighborhood,
 * one column per step, cells coloured by state, then the row's counts.
 */
export const programmeMatrix = new Hono<AppEnv>()
  .get('/:id/matrix', async (c) => c.json(await loadMatrix(c)))
  .get('/:id/matrix/export', async (c) => {
    const m = await loadMatrix(c)
    const columns: Column<Row>[] = [
      { key: 'name', label: '居民区' },
      ...m.steps.map((s, j) => ({
        key: `step${j}`,
        label: `${j + 1}. ${s.title}`,
        value: (row: Row) => cellText(row.cells[j]),
      })),
      ...STEP_STATES.map((state) => ({
        key: state,
        label: STEP_STATE_LABEL[state].zh,
        value: (row: Row) => row.counts[state],
      })),
      { key: 'disputed', label: '有异议的步骤' },
    ]
    const styleOf = (row: Row, key: string): CellStyle | undefined => {
      if (!key.startsWith('step')) return undefined
      const cell = row.cells[Number(key.slice(4))]
      return cell ? STATE_STYLE[cell.state] : 'muted'
    }
    const steps = m.steps.map((s, j) => ({
      order: j + 1,
      title: s.title,
      due: toDay(s.due),
      ...Object.fromEntries(STEP_STATES.map((state) => [state, m.columns[j].counts[state]])),
      disputed: m.columns[j].disputed,
    }))
    const bytes = toXlsxWorkbook([
      xlsxSheet('矩阵', columns, m.rows, styleOf),
      xlsxSheet(
        '按步骤',
        [
          { key: 'order', label: '序号' },
          { key: 'title', label: '步骤' },
          { key: 'due', label: '截止日期' },
          ...STEP_STATES.map((state) => ({ key: state, label: STEP_STATE_LABEL[state].zh })),
          { key: 'disputed', label: '有异议的居民区' },
        ],
        steps,
      ),
    ])
    const name = `${m.programme.name}-矩阵-${toDay(m.now)}.xlsx`
    return new Response(bytes, {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(name),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
