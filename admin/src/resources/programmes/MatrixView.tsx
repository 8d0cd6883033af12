import { memo, useEffect, useMemo, useState } from 'react'
import { Box, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useTranslate } from 'react-admin'
import { STEP_STATE_LOOK, STEP_STATES, type StepState } from '@domain/vocabulary'
import { shanghaiDay } from '../../lib/format'
import { mainContentShown } from '../../lib/useSecondary'
import { matrixQuery } from './api'
import ItemDialog from './ItemDialog'
import type { Cell, Matrix, MatrixRow, StateCounts } from './types'

// Rows are neighborhoods, columns are steps; each cell is that neighborhood's item of the step,
// coloured by state (done / due soon / overdue / not started), with counts per row and column.
// One request (GET /api/programmes/:id/matrix, one D1 batch). Clicking a cell opens the item.

const FILTERS = ['all', 'overdue', 'due', 'disputed', 'notDone'] as const
type Filter = (typeof FILTERS)[number]

const keep = (row: MatrixRow, filter: Filter) => {
  if (filter === 'overdue') return row.counts.overdue > 0
  if (filter === 'due') return row.counts.due > 0
  if (filter === 'disputed') return row.disputed > 0
  if (filter === 'notDone')
    return row.projectId === null || row.counts.done < row.cells.filter(Boolean).length
  return true
}

const monthDay = (ms: number | null) => (ms === null ? '' : shanghaiDay(ms).slice(5))

// The table is plain HTML styled once from here: 1,200 cells as MUI components each (ButtonBase,
// Typography, TableCell) cost several times the render time of plain elements.
const stateRules = Object.fromEntries(
  STEP_STATES.map((s) => [
    `& .cell[data-state="${s}"]`,
    { background: `${STEP_STATE_LOOK[s].hex}22`, borderLeftColor: STEP_STATE_LOOK[s].hex },
  ]),
)
const countRules = Object.fromEntries(
  STEP_STATES.map((s) => [`& .n-${s}`, { color: STEP_STATE_LOOK[s].hex }]),
)
const tableSx = {
  maxHeight: '70vh',
  overflow: 'auto',
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  '& table': { borderCollapse: 'separate', borderSpacing: 0, fontSize: 12, minWidth: '100%' },
  '& th, & td': {
    borderBottom: '1px solid',
    borderColor: 'divider',
    padding: '4px',
    textAlign: 'left',
  },
  '& thead th': {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    bgcolor: 'background.paper',
    verticalAlign: 'bottom',
  },
  '& tbody th': {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    bgcolor: 'background.paper',
    whiteSpace: 'nowrap',
    fontWeight: 500,
  },
  '& thead th:first-of-type': { left: 0, zIndex: 3 },
  '& .cell': {
    display: 'block',
    width: '100%',
    minWidth: 76,
    font: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
    border: 0,
    borderLeft: '4px solid transparent',
    borderRadius: '2px',
    padding: '2px 6px',
  },
  '& .cell:hover, & .cell:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
  '& .cell b': { display: 'block' },
  '& .cell em': { color: 'error.main', fontStyle: 'normal', fontWeight: 700, marginLeft: '4px' },
  '& .none': { color: 'text.disabled' },
  '& .counts': { textAlign: 'center', whiteSpace: 'nowrap' },
  '& .counts span': { fontWeight: 600, margin: '0 2px' },
  ...stateRules,
  ...countRules,
}

const Counts = ({ counts }: { counts: StateCounts }) => (
  <>
    {STEP_STATES.map((s: StepState) => (
      <span key={s} className={`n-${s}`}>
        {counts[s]}
      </span>
    ))}
  </>
)

type TableProps = {
  data: Matrix
  rows: MatrixRow[]
  label: Record<StepState, string>
  translate: ReturnType<typeof useTranslate>
  onOpen: (itemId: number) => void
}

/**
 * The matrix itself, apart from its filters and dialog: its 1,200 cells render again only when
 * the rows, the words or the language change, not whenever the screen around them renders
 * (a page load renders the screen three times while the menu and the session settle).
 */
const MatrixTable = memo(function MatrixTable({
  data,
  rows,
  label,
  translate,
  onOpen,
}: TableProps) {
  const face = (cell: Cell) => (
    <>
      <b>
        {cell.state === 'done' ? '✓ ' : ''}
        {label[cell.state]}
      </b>
      {cell.state === 'done' ? monthDay(cell.doneAt) : monthDay(cell.dueAt)}
      {cell.disputed > 0 && (
        <em>{translate('programmes.matrix.disputed', { n: cell.disputed })}</em>
      )}
    </>
  )
  return (
    <Box sx={tableSx}>
      <table data-testid="programme-matrix">
        <thead>
          <tr>
            <th>{translate('programmes.matrix.neighborhood')}</th>
            {data.steps.map((s, j) => (
              <th key={s.id} title={s.doneWhen || s.title}>
                <b>
                  {j + 1}. {s.title}
                </b>
                <br />
                {shanghaiDay(s.due).slice(5)}
              </th>
            ))}
            <th className="counts">{translate('programmes.matrix.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.neighborhoodId} data-testid={`matrix-row-${row.neighborhoodId}`}>
              <th scope="row">
                {row.name}
                {row.projectId === null && (
                  <span className="none"> {translate('programmes.matrix.notApplied')}</span>
                )}
              </th>
              {row.cells.map((cell, j) => (
                <td key={data.steps[j].id}>
                  {cell ? (
                    <button
                      type="button"
                      className="cell"
                      data-state={cell.state}
                      data-testid={`cell-${row.neighborhoodId}-${data.steps[j].id}`}
                      onClick={() => onOpen(cell.itemId)}
                    >
                      {face(cell)}
                    </button>
                  ) : (
                    <span className="none">—</span>
                  )}
                </td>
              ))}
              <td className="counts">
                <Counts counts={row.counts} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{translate('programmes.matrix.total')}</th>
            {data.columns.map((col) => (
              <td key={col.stepId} className="counts" data-testid={`column-${col.stepId}`}>
                <Counts counts={col.counts} />
              </td>
            ))}
            <td className="counts">
              <Counts counts={data.totals} />
            </td>
          </tr>
        </tbody>
      </table>
    </Box>
  )
})

const MatrixView = ({ programmeId }: { programmeId: number }) => {
  const translate = useTranslate()
  const [filter, setFilter] = useState<Filter>('all')
  const [search, setSearch] = useState('')
  const [open, setOpen] = useState<number | null>(null)
  const { data, isPending, refetch } = useQuery(matrixQuery(programmeId))
  // A page load that opened this screen shows the matrix before the menu (main.tsx).
  useEffect(() => {
    if (data) mainContentShown()
  }, [data])
  const rows = useMemo(
    () =>
      (data?.rows ?? []).filter(
        (r) => keep(r, filter) && (!search.trim() || r.name.includes(search.trim())),
      ),
    [data, filter, search],
  )
  // Words looked up once, not once per cell.
  const label = useMemo(
    () => Object.fromEntries(STEP_STATES.map((s) => [s, translate(`programmes.state.${s}`)])),
    [translate],
  ) as Record<StepState, string>
  if (isPending || !data) return <LinearProgress />
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label={translate('programmes.matrix.filterState')}
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
          sx={{ minWidth: 200 }}
        >
          {FILTERS.map((f) => (
            <MenuItem key={f} value={f}>
              {translate(`programmes.matrix.filter${f[0].toUpperCase()}${f.slice(1)}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={translate('programmes.matrix.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          {STEP_STATES.map((s) => (
            <Typography
              key={s}
              variant="caption"
              sx={{ color: STEP_STATE_LOOK[s].hex, fontWeight: 600 }}
            >
              ■ {label[s]} {data.totals[s]}
            </Typography>
          ))}
        </Stack>
        <Typography variant="caption" color="text.secondary">
          {translate('programmes.matrix.legend')}
        </Typography>
      </Stack>
      <MatrixTable data={data} rows={rows} label={label} translate={translate} onOpen={setOpen} />
      {data.rows.every((r) => r.projectId === null) && (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          {translate('programmes.matrix.empty')}
        </Typography>
      )}
      {open !== null && (
        <ItemDialog
          itemId={open}
          onClose={() => setOpen(null)}
          onChanged={() => {
            void refetch()
          }}
        />
      )}
    </Box>
  )
}

export default MatrixView
