import { useEffect, useState } from 'react'
import { Alert, Box, Card, CardContent, CircularProgress, Typography } from '@mui/material'
import { fetchUtils, useRecordContext, useTranslate } from 'react-admin'
import type { Bar, FormRecord, FormStats, QuestionStats } from './types'

// Per-question statistics from GET /api/forms/:id/stats, drawn as plain horizontal bars.

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`

const Bars = ({ bars, label }: { bars: Bar[]; label: string }) => {
  const max = Math.max(1, ...bars.map((b) => b.count))
  return (
    <Box
      component="table"
      aria-label={label}
      sx={{ width: '100%', borderCollapse: 'collapse', '& td': { py: 0.25, fontSize: 14 } }}
    >
      <tbody>
        {bars.map((b) => (
          <tr key={b.label}>
            <Box component="td" sx={{ width: '30%', pr: 1, wordBreak: 'break-all' }}>
              {b.label}
            </Box>
            <Box component="td" sx={{ width: '50%' }}>
              <Box
                sx={{
                  height: 14,
                  bgcolor: 'primary.main',
                  borderRadius: 0.5,
                  width: `${(b.count / max) * 100}%`,
                  minWidth: b.count ? 2 : 0,
                }}
              />
            </Box>
            <Box component="td" sx={{ textAlign: 'right', whiteSpace: 'nowrap', pl: 1 }}>
              {b.count}（{pct(b.share)}）
            </Box>
          </tr>
        ))}
      </tbody>
    </Box>
  )
}

const Question = ({ q }: { q: QuestionStats }) => {
  const translate = useTranslate()
  const numbers = q.mean !== undefined
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          {q.label}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {translate(`forms.type.${q.type}`)} · {translate('forms.answered', { n: q.answered })}
          {numbers && q.mean !== null && (
            <>
              {' · '}
              {translate('forms.mean', { mean: q.mean })} ·{' '}
              {translate('forms.median', { median: q.median ?? '' })} ·{' '}
              {translate('forms.range', { min: q.min ?? '', max: q.max ?? '' })}
            </>
          )}
        </Typography>
        {q.options && <Bars bars={q.options} label={q.label} />}
        {q.distribution && <Bars bars={q.distribution} label={q.label} />}
        {q.samples && (
          <>
            <Typography variant="caption" color="text.secondary">
              {translate('forms.latest')}
            </Typography>
            {q.samples.map((s, i) => (
              <Typography
                // A read-only list that never reorders; two residents may write the same answer.
                // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity here
                key={i}
                variant="body2"
                sx={{
                  borderLeft: 3,
                  borderColor: 'divider',
                  pl: 1,
                  my: 0.5,
                  whiteSpace: 'pre-line',
                }}
              >
                {s}
              </Typography>
            ))}
          </>
        )}
        {q.type === 'phone' && (
          <Typography variant="body2" color="text.secondary">
            {translate('forms.noStats')}
          </Typography>
        )}
      </CardContent>
    </Card>
  )
}

const FormStatsView = () => {
  const form = useRecordContext<FormRecord>()
  const translate = useTranslate()
  const [stats, setStats] = useState<FormStats | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = form?.id
  useEffect(() => {
    if (!id) return
    let live = true
    fetchUtils
      .fetchJson(`/api/forms/${id}/stats`, { credentials: 'same-origin' })
      .then(({ json }) => live && setStats(json as FormStats))
      .catch((e: Error) => live && setError(e.message))
    return () => {
      live = false
    }
  }, [id])
  if (error) return <Alert severity="error">{error}</Alert>
  if (!stats) return <CircularProgress size={24} />
  return (
    <Box>
      <Typography variant="subtitle1" sx={{ mb: 2 }}>
        {translate('forms.total', { n: stats.total })}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))',
          gap: 2,
        }}
      >
        {stats.questions
          .filter((q) => q.type !== 'hidden' || q.answered > 0)
          .map((q) => (
            <Question key={q.key} q={q} />
          ))}
      </Box>
    </Box>
  )
}

export default FormStatsView
