import { useEffect, useState } from 'react'
import { Box, Button, Card, CardContent, Typography } from '@mui/material'
import DownloadIcon from '@mui/icons-material/Download'
import { useTranslate } from 'react-admin'
import { fetchReport, type MeetingReport, reportQuery } from './api'

/**
 * The dashboard's meeting figure for its period (and neighborhood): meetings held, 人次, topics
 * decided and projects adopted, the 台账 sentence, and the XLSX export of the same figures.
 * @example <MeetingFigures range={range} neighborhoodId={3} />
 */
const MeetingFigures = ({
  range,
  neighborhoodId,
}: {
  range: { from: number; to: number } | null
  neighborhoodId?: number
}) => {
  const translate = useTranslate()
  const [report, setReport] = useState<MeetingReport | null>(null)
  const key = range ? `${range.from}:${range.to}:${neighborhoodId ?? ''}` : ''
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the range and neighborhood
  useEffect(() => {
    if (!range) return
    let live = true
    fetchReport(range, neighborhoodId).then(
      (r) => live && setReport(r),
      () => live && setReport(null),
    )
    return () => {
      live = false
    }
  }, [key])
  if (!range || !report) return null
  const t = report.total
  const figure = (label: string, value: number, testId: string) => (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="h5" component="p" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography>
    </Box>
  )
  return (
    <Card variant="outlined" data-testid="meeting-figures">
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <Typography variant="subtitle1">{translate('meetings.figures.title')}</Typography>
          <Button
            size="small"
            startIcon={<DownloadIcon />}
            href={`/api/reports/meetings?${reportQuery(range, neighborhoodId)}&format=xlsx`}
          >
            {translate('meetings.figures.export')}
          </Button>
        </Box>
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
            gap: 1.5,
            mb: 1,
          }}
        >
          {figure(translate('meetings.figures.meetings'), t.meetings, 'meeting-figure-meetings')}
          {figure(
            translate('meetings.figures.attendance'),
            t.attendance,
            'meeting-figure-attendance',
          )}
          {figure(translate('meetings.figures.decided'), t.decided, 'meeting-figure-decided')}
          {figure(translate('meetings.figures.projects'), t.projects, 'meeting-figure-projects')}
        </Box>
        <Typography variant="body2" data-testid="meeting-sentence">
          {report.sentence}
        </Typography>
      </CardContent>
    </Card>
  )
}

export default MeetingFigures
