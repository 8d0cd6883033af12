import { useEffect, useState } from 'react'
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useLocaleState, useNotify, useTranslate } from 'react-admin'
import type { StepState } from '@domain/vocabulary'
import { formatDate, shanghaiDay, shanghaiDayStart } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { matrixQuery, programmeApi } from './api'
import { DueBar } from './DueBar'
import type { Cell, Programme, StateCounts, Step } from './types'

// The timetable (时间表): one bar per step from the programme's start to its due day, on the
// programme's period, with today marked and what is late in red. For the whole town the bars are
// the template's days and the town moves a step by dragging its bar's end (DueBar) or typing a
// day; for one neighborhood they are its items' days, which its staff move the same way. Both are
// audited by the server.

/** The state a template bar shows: the worst among the neighborhoods. */
const worst = (c: StateCounts): StepState =>
  c.overdue ? 'overdue' : c.due ? 'due' : c.not_started ? 'not_started' : 'done'

type Row = {
  step: Step
  due: number | null
  state: StepState
  counts?: StateCounts
  cell?: Cell | null
}

const DueEditor = ({
  value,
  disabled,
  onSave,
}: {
  value: number | null
  disabled: boolean
  onSave: (day: string) => Promise<void>
}) => {
  const translate = useTranslate()
  const current = value === null ? '' : shanghaiDay(value)
  const [day, setDay] = useState(current)
  useEffect(() => setDay(current), [current])
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <TextField
        type="date"
        size="small"
        value={day}
        disabled={disabled}
        onChange={(e) => setDay(e.target.value)}
        slotProps={{ htmlInput: { 'aria-label': translate('programmes.item.due') } }}
      />
      {!disabled && (
        <Button size="small" disabled={!day || day === current} onClick={() => onSave(day)}>
          {translate('programmes.item.saveDue')}
        </Button>
      )}
    </Stack>
  )
}

const Timetable = ({ programme, onChanged }: { programme: Programme; onChanged: () => void }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { writable } = useMe()
  const [place, setPlace] = useState<number | ''>('')
  const [moveItems, setMoveItems] = useState(true)
  const { data, refetch } = useQuery(matrixQuery(programme.id))
  if (!data) return <LinearProgress />
  const start = programme.startsAt
  const span = Math.max(1, programme.endsAt - start)
  const at = (ms: number) => `${Math.min(100, Math.max(0, ((ms - start) / span) * 100))}%`
  const row = data.rows.find((r) => r.neighborhoodId === place)
  const rows: Row[] = data.steps.map((step, j) =>
    row
      ? {
          step,
          due: row.cells[j]?.dueAt ?? null,
          state: row.cells[j]?.state ?? 'not_started',
          cell: row.cells[j],
        }
      : {
          step,
          due: step.due,
          state: worst(data.columns[j].counts),
          counts: data.columns[j].counts,
        },
  )
  const save = async (work: () => Promise<string>) => {
    try {
      notify(await work(), { type: 'success' })
      await refetch()
      onChanged()
    } catch (e) {
      notifyError(e)
    }
  }
  /** A neighborhood's item moves with its staff's write right; a template step with the town's. */
  const canMove = (cell: Cell | null | undefined) => (row ? !!cell && writable : programme.canEdit)
  const moveDue = (step: Step, cell: Cell | null | undefined, day: string) =>
    save(async () => {
      if (cell) {
        await programmeApi.moveItem(cell.itemId, shanghaiDayStart(day))
        return translate('programmes.item.saved')
      }
      const r = await programmeApi.moveStep(programme.id, step.id, {
        dueAt: shanghaiDayStart(day),
        moveItems,
      })
      return translate('programmes.timetable.moved', { smart_count: r.itemsMoved })
    })
  return (
    <Box data-testid="programme-timetable">
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label={translate('programmes.timetable.neighborhood')}
          value={place}
          onChange={(e) => setPlace(e.target.value === '' ? '' : Number(e.target.value))}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value="">{translate('programmes.timetable.template')}</MenuItem>
          {data.rows
            .filter((r) => r.projectId !== null)
            .map((r) => (
              <MenuItem key={r.neighborhoodId} value={r.neighborhoodId}>
                {r.name}
              </MenuItem>
            ))}
        </TextField>
        {place === '' && programme.canEdit && (
          <FormControlLabel
            control={
              <Checkbox checked={moveItems} onChange={(e) => setMoveItems(e.target.checked)} />
            }
            label={translate('programmes.timetable.moveItems')}
          />
        )}
      </Stack>
      <Stack spacing={1}>
        {rows.map(({ step, due, state, counts, cell }, j) => {
          return (
            <Stack
              key={step.id}
              direction={{ xs: 'column', md: 'row' }}
              spacing={1}
              sx={{ alignItems: { md: 'center' } }}
              data-testid={`timetable-step-${step.id}`}
            >
              <Box sx={{ width: { md: 220 }, flexShrink: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {j + 1}. {step.title}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {translate(`programmes.post.${step.ownerPost}`)}
                  {counts &&
                    ` · ${translate('programmes.timetable.late', { n: counts.overdue })} · ${translate('programmes.timetable.due', { n: counts.due })} · ${translate('programmes.timetable.done', { n: counts.done })}`}
                </Typography>
              </Box>
              <Box
                sx={{
                  position: 'relative',
                  flex: 1,
                  height: 28,
                  bgcolor: 'grey.100',
                  borderRadius: 1,
                }}
              >
                {/* Today's line first: a bar drawn after it stays on top, so its handle can be grabbed on today. */}
                <Box
                  title={translate('programmes.timetable.today')}
                  sx={{
                    position: 'absolute',
                    left: at(data.now),
                    top: 0,
                    bottom: 0,
                    width: 2,
                    bgcolor: 'primary.main',
                  }}
                />
                {due !== null && (
                  <DueBar
                    due={due}
                    state={state}
                    start={start}
                    end={programme.endsAt}
                    label={step.title}
                    onMove={canMove(cell) ? (day) => moveDue(step, cell, day) : undefined}
                  />
                )}
              </Box>
              <Box sx={{ width: { md: 230 }, flexShrink: 0 }}>
                {row ? (
                  cell ? (
                    <DueEditor
                      value={due}
                      disabled={!canMove(cell)}
                      onSave={(day) => moveDue(step, cell, day)}
                    />
                  ) : (
                    <Typography color="text.disabled">—</Typography>
                  )
                ) : (
                  <DueEditor
                    value={due}
                    disabled={!canMove(undefined)}
                    onSave={(day) => moveDue(step, undefined, day)}
                  />
                )}
              </Box>
            </Stack>
          )
        })}
      </Stack>
      <Stack
        direction="row"
        sx={{ justifyContent: 'space-between', mt: 1, ml: { md: '228px' }, mr: { md: '238px' } }}
      >
        <Typography variant="caption">{formatDate(programme.startsAt, locale)}</Typography>
        <Typography variant="caption">{formatDate(programme.endsAt, locale)}</Typography>
      </Stack>
    </Box>
  )
}

export default Timetable
