import { Box, Card, CardContent, CardHeader } from '@mui/material'
import { BarChart } from '@mui/x-charts/BarChart'
import { useTranslate } from 'react-admin'
import type { Section } from './types'

// Charts of the ledger (@mui/x-charts, in a chunk of its own: only this screen loads it). Each
// compares this period with the same period last year.

const CHARTS = [
  { section: 'collected', skip: ['total', 'mergedDuplicates'] },
  { section: 'decided', skip: ['total'] },
  { section: 'visits', skip: ['total'] },
] as const

const LedgerCharts = ({ sections }: { sections: Section[] }) => {
  const translate = useTranslate()
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', lg: 'repeat(3, 1fr)' },
        mb: 2,
      }}
      data-testid="ledger-charts"
    >
      {CHARTS.map(({ section, skip }) => {
        const s = sections.find((x) => x.key === section)
        if (!s) return null
        const figures = s.figures.filter((f) => !(skip as readonly string[]).includes(f.key))
        return (
          <Card key={section} variant="outlined">
            <CardHeader
              title={translate(`reports.charts.${section}`)}
              slotProps={{
                title: { variant: 'subtitle1', component: 'h2', sx: { fontWeight: 600 } },
              }}
              sx={{ pb: 0 }}
            />
            <CardContent>
              <BarChart
                height={260}
                layout="horizontal"
                yAxis={[
                  {
                    scaleType: 'band',
                    data: figures.map((f) =>
                      translate(`reports.figure.${section}.${f.key}`).replace(
                        /^(其中：|of which: )/,
                        '',
                      ),
                    ),
                    width: 96,
                  },
                ]}
                series={[
                  {
                    data: figures.map((f) => f.value ?? 0),
                    label: translate('reports.series.value'),
                  },
                  {
                    data: figures.map((f) => f.lastYear ?? 0),
                    label: translate('reports.series.lastYear'),
                  },
                ]}
              />
            </CardContent>
          </Card>
        )
      })}
    </Box>
  )
}

export default LedgerCharts
