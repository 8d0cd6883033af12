import { Box, Typography } from '@mui/material'
import type { Point } from './period'

// Hand-written charts: a few hundred bytes instead of a charting library. Bars are HTML (text
// stays crisp and wraps); the time series is one SVG with a tooltip per column.

export type BarRow = { key: string | number; label: string; n: number; color?: string }

/**
 * Horizontal bars with the label on the left and the count on the right.
 * @example <BarChart rows={[{ key: 'done', label: '已完成', n: 12, color: '#2e7d32' }]} />
 */
export const BarChart = ({ rows, testId }: { rows: BarRow[]; testId?: string }) => {
  const max = Math.max(1, ...rows.map((r) => r.n))
  return (
    <Box
      component="ul"
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.75 }}
      data-testid={testId}
    >
      {rows.map((r) => (
        <Box
          component="li"
          key={r.key}
          sx={{
            display: 'grid',
            gridTemplateColumns: 'minmax(72px, 30%) 1fr 3.5em',
            alignItems: 'center',
            gap: 1,
          }}
        >
          <Typography variant="body2" noWrap title={r.label}>
            {r.label}
          </Typography>
          <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, height: 14, overflow: 'hidden' }}>
            <Box
              sx={{
                width: `${(r.n / max) * 100}%`,
                minWidth: r.n > 0 ? 3 : 0,
                height: '100%',
                bgcolor: r.color ?? 'primary.main',
                borderRadius: 1,
                transition: 'width 300ms',
              }}
            />
          </Box>
          <Typography
            variant="body2"
            sx={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
          >
            {r.n}
          </Typography>
        </Box>
      ))}
    </Box>
  )
}

const W = 640
const H = 180
const PAD = { top: 8, right: 8, bottom: 22, left: 32 }

/** A readable upper bound for the y axis: 1, 2 or 5 times a power of ten. */
const niceMax = (n: number) => {
  if (n <= 5) return 5
  const p = 10 ** Math.floor(Math.log10(n))
  return [1, 2, 5, 10].map((k) => k * p).find((v) => v >= n)!
}

/**
 * Columns over time (one per day, week or month), y axis from zero, a tooltip on each column.
 * @example <TimeChart points={[{ label: '2026-05-01', n: 3 }]} ariaLabel="每日新增议题" />
 */
export const TimeChart = ({
  points,
  ariaLabel,
  formatLabel = (s) => s,
}: {
  points: Point[]
  ariaLabel: string
  formatLabel?: (label: string) => string
}) => {
  const top = niceMax(Math.max(0, ...points.map((p) => p.n)))
  const innerW = W - PAD.left - PAD.right
  const innerH = H - PAD.top - PAD.bottom
  const step = innerW / Math.max(1, points.length)
  const barW = Math.max(1, step * 0.75)
  const y = (n: number) => PAD.top + innerH - (n / top) * innerH
  const ticks = [0, top / 2, top]
  const labelAt =
    points.length > 1 ? [0, Math.floor((points.length - 1) / 2), points.length - 1] : [0]
  return (
    <Box
      component="svg"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={ariaLabel}
      sx={{ width: '100%', height: 'auto', display: 'block', fontSize: 11, fill: 'currentColor' }}
      data-testid="time-chart"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e0e0e0" />
          <text x={PAD.left - 4} y={y(t) + 4} textAnchor="end" fill="#616161">
            {t}
          </text>
        </g>
      ))}
      {points.map((p, i) => (
        <rect
          key={p.label}
          x={PAD.left + i * step + (step - barW) / 2}
          y={y(p.n)}
          width={barW}
          height={Math.max(0, PAD.top + innerH - y(p.n))}
          fill="#1976d2"
          rx={barW > 4 ? 1.5 : 0}
        >
          <title>{`${formatLabel(p.label)}: ${p.n}`}</title>
        </rect>
      ))}
      {labelAt.map((i) => (
        <text
          key={i}
          x={PAD.left + i * step + step / 2}
          y={H - 6}
          textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}
          fill="#616161"
        >
          {points[i] ? formatLabel(points[i].label) : ''}
        </text>
      ))}
    </Box>
  )
}
