import { type ReactNode, useEffect, useState } from 'react'
import { Box, Button, Card, CardContent, Typography } from '@mui/material'
import DownloadIcon from '@mui/icons-material/Download'
import Figure from './Figure'

type Range = { from: number; to: number }

/** What a report card shows of its report. */
export type ReportCardProps<R> = {
  range: Range | null
  neighborhoodId?: number
  /** Loads the report of the range (and neighborhood); a failure hides the card. */
  load: (range: Range, neighborhoodId?: number) => Promise<R>
  title: string
  testId: string
  /** The XLSX export of the same figures. */
  exportHref: (range: Range, neighborhoodId?: number) => string
  exportLabel: string
  figures: (report: R) => { label: string; value: number; testId: string }[]
  /** The sentence for reports under the figures. */
  sentence: (report: R) => string
  sentenceTestId: string
  /** Anything more below the sentence (e.g. the most active partners). */
  more?: (report: R) => ReactNode
}

/**
 * A dashboard card for one 台账 report of the period: a title with the export button, a row of
 * figures, the report sentence. The meeting and the partner cards are this card.
 * @example <ReportCard range={range} load={fetchReport} title="议事会" figures={(r) => [...]} … />
 */
const ReportCard = <R,>({
  range,
  neighborhoodId,
  load,
  title,
  testId,
  exportHref,
  exportLabel,
  figures,
  sentence,
  sentenceTestId,
  more,
}: ReportCardProps<R>) => {
  const [report, setReport] = useState<R | null>(null)
  const key = range ? `${range.from}:${range.to}:${neighborhoodId ?? ''}` : ''
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the range and neighborhood
  useEffect(() => {
    if (!range) return
    let live = true
    load(range, neighborhoodId).then(
      (r) => live && setReport(r),
      () => live && setReport(null),
    )
    return () => {
      live = false
    }
  }, [key])
  if (!range || !report) return null
  return (
    <Card variant="outlined" data-testid={testId}>
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <Typography variant="subtitle1" component="h2">
            {title}
          </Typography>
          <Button
            size="small"
            startIcon={<DownloadIcon />}
            href={exportHref(range, neighborhoodId)}
          >
            {exportLabel}
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
          {figures(report).map((f) => (
            <Figure key={f.testId} {...f} />
          ))}
        </Box>
        <Typography variant="body2" data-testid={sentenceTestId}>
          {sentence(report)}
        </Typography>
        {more?.(report)}
      </CardContent>
    </Card>
  )
}

export default ReportCard
