import { useRef, useState } from 'react'
import { Box, Tooltip } from '@mui/material'
import { useLocaleState, useTranslate } from 'react-admin'
import { STEP_STATE_LOOK, type StepState } from '@domain/vocabulary'
import { formatDate, shanghaiDay, shanghaiDayStart } from '../../lib/format'

const DAY = 86_400_000

/** The Shanghai midnight of the day `ms` falls in. */
const dayStart = (ms: number) => shanghaiDayStart(shanghaiDay(ms))

/**
 * A step's bar on the timetable, from the period's start to its due day. When `onMove` is given
 * its end is a handle: drag it (or focus it and press ←/→, PageUp/PageDown for a week, Enter to
 * save, Esc to undo) to move the due day; the bar follows while dragging and the new day is saved
 * once, on release.
 */
export const DueBar = ({
  due,
  state,
  start,
  end,
  label,
  onMove,
}: {
  due: number
  state: StepState
  start: number
  end: number
  label: string
  onMove?: (day: string) => Promise<void>
}) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const track = useRef<HTMLDivElement>(null)
  const [preview, setPreview] = useState<number | null>(null)
  const dragging = useRef(false)
  const shown = preview ?? due
  const span = Math.max(1, end - start)
  const width = `${Math.min(100, Math.max(0, ((shown - start) / span) * 100))}%`
  const clamp = (ms: number) => Math.min(dayStart(end), Math.max(dayStart(start), dayStart(ms)))
  const fromPointer = (clientX: number) => {
    const rect = track.current?.getBoundingClientRect()
    if (!rect || rect.width === 0) return due
    return clamp(start + ((clientX - rect.left) / rect.width) * span)
  }
  const commit = (ms: number | null) => {
    setPreview(null)
    if (ms !== null && onMove && dayStart(ms) !== dayStart(due)) {
      setPreview(ms)
      // Shown until the save settles: then the saved day arrives as `due`, or the old one stays.
      onMove(shanghaiDay(ms)).finally(() => setPreview(null))
    }
  }
  const look = STEP_STATE_LOOK[state]
  return (
    <Box ref={track} sx={{ position: 'absolute', inset: 0 }}>
      <Tooltip title={`${translate(`programmes.state.${state}`)} · ${formatDate(shown, locale)}`}>
        <Box
          data-state={state}
          data-testid="due-bar"
          sx={{
            position: 'absolute',
            left: 0,
            width,
            top: 6,
            height: 16,
            bgcolor: look.hex,
            opacity: state === 'not_started' ? 0.5 : 0.9,
            borderRadius: 1,
          }}
        />
      </Tooltip>
      {onMove && (
        <Box
          role="slider"
          tabIndex={0}
          aria-label={translate('programmes.timetable.drag', { step: label })}
          aria-valuemin={dayStart(start)}
          aria-valuemax={dayStart(end)}
          aria-valuenow={dayStart(shown)}
          aria-valuetext={formatDate(shown, locale)}
          data-testid="due-handle"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId)
            dragging.current = true
            setPreview(fromPointer(e.clientX))
          }}
          onPointerMove={(e) => {
            if (dragging.current) setPreview(fromPointer(e.clientX))
          }}
          onPointerUp={(e) => {
            if (!dragging.current) return
            dragging.current = false
            commit(fromPointer(e.clientX))
          }}
          onPointerCancel={() => {
            dragging.current = false
            setPreview(null)
          }}
          onKeyDown={(e) => {
            const step = { ArrowLeft: -1, ArrowRight: 1, PageDown: -7, PageUp: 7 }[e.key]
            if (step) {
              e.preventDefault()
              setPreview(clamp(dayStart(shown) + step * DAY + DAY / 2))
            } else if (e.key === 'Enter') commit(preview)
            else if (e.key === 'Escape') setPreview(null)
          }}
          onBlur={() => {
            if (!dragging.current) setPreview(null)
          }}
          sx={{
            position: 'absolute',
            left: `calc(${width} - 6px)`,
            top: 2,
            width: 12,
            height: 24,
            borderRadius: 1,
            bgcolor: 'background.paper',
            border: 2,
            borderColor: look.hex,
            cursor: 'ew-resize',
            touchAction: 'none',
            '&:focus-visible': { outline: 3, outlineColor: 'primary.main' },
          }}
        />
      )}
    </Box>
  )
}
