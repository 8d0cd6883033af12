import type { ReactNode } from 'react'
import { Box, Card, CardContent, Stack, type SxProps, Typography } from '@mui/material'
import { useRecordContext } from 'react-admin'

// The head of a record's page (a meeting, a project): its title with chips, then its facts in a
// grid of labelled values.

/** A labelled value; an empty one shows a dash. */
export const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Box sx={{ typography: 'body2' }}>{children || '—'}</Box>
  </Box>
)

/** Labelled values side by side, as many to a row as fit. */
export const FieldGrid = ({ children }: { children: ReactNode }) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
      gap: 2,
    }}
  >
    {children}
  </Box>
)

/**
 * A record's summary card: the title as the page's heading, its chips, then `children`.
 * @example <SummaryCard title={m.title} chips={<MeetingStatusChip status={m.status} />} testId="meeting-summary">
 */
export const SummaryCard = ({
  title,
  chips,
  testId,
  sx,
  headingGap = 2,
  children,
}: {
  title: string
  chips: ReactNode
  testId: string
  sx?: SxProps
  /** The space under the heading (theme spacing). */
  headingGap?: number
  children: ReactNode
}) => (
  <Card variant="outlined" sx={sx} data-testid={testId}>
    <CardContent>
      <Stack
        direction="row"
        spacing={1}
        sx={{ alignItems: 'center', flexWrap: 'wrap', mb: headingGap }}
      >
        <Typography variant="h5" component="h1">
          {title}
        </Typography>
        {chips}
      </Stack>
      {children}
    </CardContent>
  </Card>
)

/** A page title naming the record shown (`<Show title={<RecordTitle />}>`). */
export const RecordTitle = () => {
  const record = useRecordContext<{ title?: string }>()
  return <>{record?.title ?? ''}</>
}
