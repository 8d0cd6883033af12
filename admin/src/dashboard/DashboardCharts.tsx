import type { ReactNode } from 'react'
import { Box, Card, CardContent, CardHeader, Typography } from '@mui/material'
import { useGetList, useLocaleState, useTranslate } from 'react-admin'
import { TOPIC_STATUSES } from '@domain/vocabulary'
import { statusColor, statusLabelKey } from '../lib/status'
import { BarChart, TimeChart } from './Charts'
import { bucketSeries } from './period'
import type { Summary } from './useSummary'

const ChartCard = ({
  title,
  children,
  wide,
}: {
  title: string
  children: ReactNode
  wide?: boolean
}) => (
  <Card variant="outlined" sx={wide ? { gridColumn: '1 / -1' } : undefined}>
    <CardHeader
      title={title}
      slotProps={{ title: { variant: 'subtitle1', component: 'h2', sx: { fontWeight: 600 } } }}
      sx={{ pb: 0 }}
    />
    <CardContent>{children}</CardContent>
  </Card>
)

/** Topics over time, by status, by category and (for several neighborhoods) by neighborhood. */
const DashboardCharts = ({
  summary,
  showNeighborhoods,
}: {
  summary: Summary
  showNeighborhoods: boolean
}) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  // Category names come in Chinese; English readers get the English names.
  const { data: categories = [] } = useGetList<{ id: number; nameEn: string }>(
    'categories',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'sortOrder', order: 'ASC' } },
    { enabled: locale === 'en' },
  )
  const series = bucketSeries(summary.overTime)
  const statusRows = TOPIC_STATUSES.map((status) => ({
    key: status,
    label: translate(statusLabelKey('topic', status)),
    n: summary.byStatus[status] ?? 0,
    color: statusColor('topic', status).hex,
  }))
  const categoryRows = summary.byCategory.map((c) => ({
    key: c.categoryId ?? 'none',
    label:
      c.categoryId == null
        ? translate('dashboard.uncategorized')
        : (locale === 'en' && categories.find((x) => x.id === c.categoryId)?.nameEn) || c.name,
    n: c.n,
  }))
  const neighborhoodRows = summary.byNeighborhood.map((n) => ({
    key: n.neighborhoodId,
    label: n.name,
    n: n.n,
    color: '#00897b',
  }))
  const formatLabel = (label: string) =>
    series.unit === 'month' ? label : label.slice(5).replace('-', '/')

  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
        gap: 1.5,
      }}
    >
      <ChartCard title={translate(`dashboard.charts.overTime.${series.unit}`)} wide>
        {series.points.length ? (
          <TimeChart
            points={series.points}
            ariaLabel={translate(`dashboard.charts.overTime.${series.unit}`)}
            formatLabel={formatLabel}
          />
        ) : (
          <Empty />
        )}
      </ChartCard>
      <ChartCard title={translate('dashboard.charts.byStatus')}>
        <BarChart rows={statusRows} testId="chart-by-status" />
      </ChartCard>
      <ChartCard title={translate('dashboard.charts.byCategory')}>
        {categoryRows.length ? (
          <BarChart rows={categoryRows} testId="chart-by-category" />
        ) : (
          <Empty />
        )}
      </ChartCard>
      {showNeighborhoods && (
        <ChartCard title={translate('dashboard.charts.byNeighborhood')}>
          {neighborhoodRows.length ? (
            <BarChart rows={neighborhoodRows} testId="chart-by-neighborhood" />
          ) : (
            <Empty />
          )}
        </ChartCard>
      )}
    </Box>
  )
}

const Empty = () => {
  const translate = useTranslate()
  return <Typography color="text.secondary">{translate('dashboard.empty')}</Typography>
}

export default DashboardCharts
