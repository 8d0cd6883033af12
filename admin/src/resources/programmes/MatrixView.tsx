import { useMemo, useState } from 'react'
import {
  Box,
  ButtonBase,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useTranslate } from 'react-admin'
import { STEP_STATE_LOOK, STEP_STATES, type StepState } from '@domain/vocabulary'
import { shanghaiDay } from '../../lib/format'
import { programmeApi } from './api'
import ItemDialog from './ItemDialog'
import type { Cell, MatrixRow, StateCounts } from './types'

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

/** A cell's face: the day that matters for its state, and the residents' objections. */
const CellFace = ({ cell }: { cell: Cell | null }) => {
  const translate = useTranslate()
  if (!cell) return <Typography color="text.disabled">—</Typography>
  const look = STEP_STATE_LOOK[cell.state]
  const label = translate(`programmes.state.${cell.state}`)
  const day = cell.state === 'done' ? monthDay(cell.doneAt) : monthDay(cell.dueAt)
  return (
    <Box
      sx={{
        bgcolor: `${look.hex}22`,
        borderLeft: `4px solid ${look.hex}`,
        borderRadius: 0.5,
        px: 0.75,
        py: 0.25,
        minWidth: 64,
        textAlign: 'left',
      }}
    >
      <Typography variant="caption" sx={{ display: 'block', fontWeight: 600, color: look.hex }}>
        {cell.state === 'done' ? '✓ ' : ''}
        {label}
      </Typography>
      <Typography variant="caption" sx={{ display: 'block' }}>
        {day}
        {cell.disputed > 0 && (
          <Box component="span" sx={{ color: 'error.main', fontWeight: 700, ml: 0.5 }}>
            {translate('programmes.matrix.disputed', { n: cell.disputed })}
          </Box>
        )}
      </Typography>
    </Box>
  )
}

const Counts = ({ counts }: { counts: StateCounts }) => (
  <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'center' }}>
    {STEP_STATES.map((s: StepState) => (
      <Box
        key={s}
        component="span"
        title={s}
        sx={{ color: STEP_STATE_LOOK[s].hex, fontWeight: 600, fontSize: 12, minWidth: 14 }}
      >
        {counts[s]}
      </Box>
    ))}
  </Stack>
)

const MatrixView = ({ programmeId }: { programmeId: number }) => {
  const translate = useTranslate()
  const [filter, setFilter] = useState<Filter>('all')
  const [search, setSearch] = useState('')
  const [open, setOpen] = useState<number | null>(null)
  const { data, isPending, refetch } = useQuery({
    queryKey: ['programme-matrix', programmeId],
    queryFn: () => programmeApi.matrix(programmeId),
  })
  const rows = useMemo(
    () =>
      (data?.rows ?? []).filter(
        (r) => keep(r, filter) && (!search.trim() || r.name.includes(search.trim())),
      ),
    [data, filter, search],
  )
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
          slotProps={{ htmlInput: { 'data-testid': 'matrix-filter' } }}
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
              ■ {translate(`programmes.state.${s}`)} {data.totals[s]}
            </Typography>
          ))}
        </Stack>
        <Typography variant="caption" color="text.secondary">
          {translate('programmes.matrix.legend')}
        </Typography>
      </Stack>
      <TableContainer
        sx={{ maxHeight: '70vh', border: 1, borderColor: 'divider', borderRadius: 1 }}
      >
        <Table size="small" stickyHeader data-testid="programme-matrix">
          <TableHead>
            <TableRow>
              <TableCell
                sx={{ position: 'sticky', left: 0, zIndex: 3, bgcolor: 'background.paper' }}
              >
                {translate('programmes.matrix.neighborhood')}
              </TableCell>
              {data.steps.map((s, j) => (
                <TableCell key={s.id} sx={{ minWidth: 96, verticalAlign: 'bottom' }}>
                  <Tooltip title={s.doneWhen || s.title}>
                    <Typography variant="caption" sx={{ fontWeight: 600, display: 'block' }}>
                      {j + 1}. {s.title}
                    </Typography>
                  </Tooltip>
                  <Typography variant="caption" color="text.secondary">
                    {shanghaiDay(s.due).slice(5)}
                  </Typography>
                </TableCell>
              ))}
              <TableCell align="center">{translate('programmes.matrix.total')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow
                key={row.neighborhoodId}
                hover
                data-testid={`matrix-row-${row.neighborhoodId}`}
              >
                <TableCell
                  component="th"
                  scope="row"
                  sx={{
                    position: 'sticky',
                    left: 0,
                    zIndex: 1,
                    bgcolor: 'background.paper',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {row.name}
                  {row.projectId === null && (
                    <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                      {translate('programmes.matrix.notApplied')}
                    </Typography>
                  )}
                </TableCell>
                {row.cells.map((cell, j) => (
                  <TableCell key={data.steps[j].id} sx={{ p: 0.5 }}>
                    {cell ? (
                      <ButtonBase
                        onClick={() => setOpen(cell.itemId)}
                        sx={{ display: 'block', width: '100%', borderRadius: 0.5 }}
                        data-testid={`cell-${row.neighborhoodId}-${data.steps[j].id}`}
                        data-state={cell.state}
                      >
                        <CellFace cell={cell} />
                      </ButtonBase>
                    ) : (
                      <CellFace cell={null} />
                    )}
                  </TableCell>
                ))}
                <TableCell align="center">
                  <Counts counts={row.counts} />
                </TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell
                component="th"
                sx={{ position: 'sticky', left: 0, bgcolor: 'background.paper', fontWeight: 600 }}
              >
                {translate('programmes.matrix.total')}
              </TableCell>
              {data.columns.map((col) => (
                <TableCell key={col.stepId} align="center" data-testid={`column-${col.stepId}`}>
                  <Counts counts={col.counts} />
                </TableCell>
              ))}
              <TableCell align="center">
                <Counts counts={data.totals} />
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </TableContainer>
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
