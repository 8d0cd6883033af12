import { lazy, Suspense, useState } from 'react'
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import { Title, useGetList, useLocaleState, useNotify, useStore, useTranslate } from 'react-admin'
import { showSatisfaction } from '@domain/evaluation'
import { formatDate, shanghaiDay } from '../lib/format'
import Figure from './Figure'
import { useMe } from '../lib/useMe'
import { customRange, lastDay, type PeriodKind, periodRange, type Range } from './period'
import { type Summary, useSummary } from './useSummary'
import MeetingFigures from '../resources/meetings/MeetingFigures'
import PartnerFigures from '../resources/claims/PartnerFigures'

// The charts download after the figures and the report sentence are on screen.
const Charts = lazy(() => import('./DashboardCharts'))

const PERIODS: PeriodKind[] = ['month', 'quarter', 'year', 'custom']

/** Staff's overview: the period's figures, the sentence they report upward, and charts. */
const Dashboard = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { me } = useMe()
  const [period, setPeriod] = useStore<PeriodKind>('dashboard.period', 'month')
  const [custom, setCustom] = useStore('dashboard.custom', { from: '', to: '' })
  const [neighborhoodId, setNeighborhoodId] = useStore<number | ''>('dashboard.neighborhoodId', '')
  const many = me
    ? me.neighborhoodIds === null || me.neighborhoodIds.length > 1 || me.role === 'town'
    : false
  const { data: neighborhoods = [] } = useGetList<{ id: number; name: string }>(
    'neighborhoods',
    { sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 200 } },
    { enabled: many },
  )
  const range: Range | null =
    period === 'custom' ? customRange(custom.from, custom.to) : periodRange(period)
  const { data, error, isPending } = useSummary(range, neighborhoodId || undefined)

  const pickPeriod = (next: PeriodKind | null) => {
    if (!next) return
    // Custom starts from the period on screen, so the inputs are never blank.
    if (next === 'custom' && !customRange(custom.from, custom.to) && range)
      setCustom({ from: shanghaiDay(range.from), to: lastDay(range) })
    setPeriod(next)
  }

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }} data-testid="dashboard">
      <Title title={translate('dashboard.title')} />
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5, mb: 2 }}
      >
        <ToggleButtonGroup
          size="small"
          exclusive
          value={period}
          onChange={(_, v) => pickPeriod(v)}
          aria-label={translate('dashboard.period.label')}
        >
          {PERIODS.map((p) => (
            <ToggleButton key={p} value={p}>
              {translate(`dashboard.period.${p}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {period === 'custom' && (
          <>
            <MuiTextField
              type="date"
              size="small"
              label={translate('dashboard.period.from')}
              value={custom.from}
              onChange={(e) => setCustom({ ...custom, from: e.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <MuiTextField
              type="date"
              size="small"
              label={translate('dashboard.period.to')}
              value={custom.to}
              onChange={(e) => setCustom({ ...custom, to: e.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
              error={!range}
              helperText={!range ? translate('dashboard.period.invalid') : undefined}
            />
          </>
        )}
        {many && (
          <MuiTextField
            select
            size="small"
            label={translate('dashboard.neighborhood')}
            value={neighborhoodId}
            onChange={(e) => setNeighborhoodId(e.target.value === '' ? '' : Number(e.target.value))}
            fullWidth={false}
            sx={{ width: 200 }}
          >
            <MenuItem value="">{translate('dashboard.allNeighborhoods')}</MenuItem>
            {neighborhoods.map((n) => (
              <MenuItem key={n.id} value={n.id}>
                {n.name}
              </MenuItem>
            ))}
          </MuiTextField>
        )}
        {range && (
          <Typography variant="body2" color="text.secondary" data-testid="dashboard-range">
            {translate('dashboard.period.range', {
              from: formatDate(range.from, locale),
              to: formatDate(range.to - 1, locale),
            })}
          </Typography>
        )}
      </Stack>
      <Box sx={{ height: 4, mb: 1 }}>{isPending && <LinearProgress />}</Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error.message}
        </Alert>
      )}
      {data && (
        <Stack spacing={2}>
          <Sentence summary={data} />
          <Figures summary={data} />
          <MeetingFigures range={range} neighborhoodId={neighborhoodId || undefined} />
          <PartnerFigures range={range} neighborhoodId={neighborhoodId || undefined} />
          <Suspense fallback={<LinearProgress />}>
            <Charts summary={data} showNeighborhoods={many && !neighborhoodId} />
          </Suspense>
        </Stack>
      )}
    </Box>
  )
}

/** The line staff paste into reports, with a copy button. */
const Sentence = ({ summary }: { summary: Summary }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(summary.sentence)
    } catch {
      // Clipboard API needs a secure context or permission; fall back to a selection copy.
      const area = document.createElement('textarea')
      area.value = summary.sentence
      document.body.appendChild(area)
      area.select()
      document.execCommand('copy')
      area.remove()
    }
    setCopied(true)
    notify('dashboard.sentence.copied', { type: 'info' })
  }
  return (
    <Card variant="outlined" sx={{ borderLeft: 4, borderLeftColor: 'primary.main' }}>
      <CardContent
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          flexWrap: 'wrap',
          '&:last-child': { pb: 2 },
        }}
      >
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography variant="caption" color="text.secondary" component="div">
            {translate('dashboard.sentence.label')}
          </Typography>
          <Typography
            variant="h6"
            component="p"
            data-testid="report-sentence"
            sx={{ userSelect: 'all' }}
          >
            {summary.sentence}
          </Typography>
        </Box>
        <Button
          variant={copied ? 'outlined' : 'contained'}
          startIcon={<ContentCopyIcon />}
          onClick={copy}
        >
          {translate(copied ? 'dashboard.sentence.copiedShort' : 'dashboard.sentence.copy')}
        </Button>
      </CardContent>
    </Card>
  )
}

/** A dashboard figure in its own card. */
const FigureCard = (props: Parameters<typeof Figure>[0]) => (
  <Card variant="outlined">
    <CardContent sx={{ '&:last-child': { pb: 2 } }}>
      <Figure {...props} />
    </CardContent>
  </Card>
)

const Figures = ({ summary: s }: { summary: Summary }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const define = (key: keyof Summary['definitions']) =>
    s.definitions[key][locale === 'en' ? 'en' : 'zh']
  const pct = (v: number | null) => (v == null ? '—' : `${v}%`)
  const days = (v: number | null) => (v == null ? '—' : translate('dashboard.days', { days: v }))
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
        gap: 1.5,
      }}
    >
      <FigureCard
        testId="figure-collected"
        label={translate('dashboard.figures.collected')}
        value={String(s.collected)}
        hint={
          s.merged > 0
            ? `${define('collected')}${translate('dashboard.figures.merged', { count: s.merged })}`
            : define('collected')
        }
      />
      <FigureCard
        testId="figure-adopted"
        label={translate('dashboard.figures.adopted')}
        value={String(s.adopted)}
        hint={define('adopted')}
      />
      <FigureCard
        testId="figure-done"
        label={translate('dashboard.figures.done')}
        value={String(s.done)}
        hint={define('done')}
      />
      <FigureCard
        testId="figure-adoption-rate"
        label={translate('dashboard.figures.adoptionRate')}
        value={pct(s.adoptionRate)}
        hint={define('adoptionRate')}
      />
      <FigureCard
        testId="figure-satisfaction"
        label={translate('dashboard.figures.satisfaction')}
        value={showSatisfaction(s.satisfaction)}
        hint={`${define('satisfaction')}${translate('dashboard.figures.evaluations', { count: s.evaluations })}`}
      />
      <FigureCard
        testId="figure-accept"
        label={translate('dashboard.figures.medianAccept')}
        value={days(s.medianDaysToAccept)}
        hint={translate('dashboard.figures.medianHint')}
      />
      <FigureCard
        testId="figure-adopt"
        label={translate('dashboard.figures.medianAdopt')}
        value={days(s.medianDaysToAdopt)}
        hint={translate('dashboard.figures.medianHint')}
      />
      <FigureCard
        testId="figure-finish"
        label={translate('dashboard.figures.medianFinish')}
        value={days(s.medianDaysToFinish)}
        hint={translate('dashboard.figures.medianHint')}
      />
    </Box>
  )
}

export default Dashboard
