import { useMemo, useState } from 'react'
import {
  Box,
  Button,
  Card,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material'
import DownloadIcon from '@mui/icons-material/Download'
import { useQuery } from '@tanstack/react-query'
import { fetchUtils, Title, useGetList, useLocaleState, useTranslate } from 'react-admin'
import { formatDate, shanghaiDay, shanghaiDayStart } from '../lib/format'
import { preloadable } from '../lib/preloadable'
import type { Ledger } from './types'

// 台账: the figures of a scope for a period beside the same period last year, the charts
// (downloaded with this screen only) and the workbook to send upward.

const LedgerCharts = preloadable(() => import('./LedgerCharts'), <LinearProgress />)

const DAY = 86_400_000
type Preset = 'thisYear' | 'lastYear' | 'thisMonth' | 'custom'

const presetPeriod = (preset: Preset, now = Date.now()) => {
  const today = shanghaiDay(now)
  const year = Number(today.slice(0, 4))
  const month = today.slice(0, 7)
  if (preset === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }
  if (preset === 'thisMonth') {
    const next = new Date(`${month}-01T00:00:00Z`)
    next.setUTCMonth(next.getUTCMonth() + 1)
    return { from: `${month}-01`, to: shanghaiDay(next.getTime() - 8 * 3_600_000 - DAY) }
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

const show = (v: number | null) => (v === null ? '—' : String(v))
const signed = (v: number | null, unit = '') =>
  v === null ? '—' : `${v > 0 ? '+' : ''}${v}${unit}`

const Reports = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const [preset, setPreset] = useState<Preset>('thisYear')
  const [days, setDays] = useState(() => presetPeriod('thisYear'))
  const [scope, setScope] = useState<'all' | 'town' | 'neighborhood'>('all')
  const [townId, setTownId] = useState<number | ''>('')
  const [neighborhoodId, setNeighborhoodId] = useState<number | ''>('')
  const { data: towns = [] } = useGetList<{ id: number; name: string }>('towns', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'id', order: 'ASC' },
  })
  const { data: places = [] } = useGetList<{ id: number; name: string }>('neighborhoods', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  })
  const params = useMemo(() => {
    const p = new URLSearchParams({
      from: String(shanghaiDayStart(days.from)),
      to: String(shanghaiDayStart(days.to) + DAY),
      scope,
    })
    if (scope === 'town' && townId !== '') p.set('townId', String(townId))
    if (scope === 'neighborhood' && neighborhoodId !== '')
      p.set('neighborhoodId', String(neighborhoodId))
    return p.toString()
  }, [days, scope, townId, neighborhoodId])
  const ready =
    days.from <= days.to &&
    (scope === 'all' || (scope === 'town' ? townId !== '' : neighborhoodId !== ''))
  const { data, isFetching } = useQuery({
    queryKey: ['ledger', params],
    queryFn: async () =>
      (await fetchUtils.fetchJson(`/api/reports/ledger?${params}`, { credentials: 'same-origin' }))
        .json as Ledger,
    enabled: ready,
  })
  const choosePreset = (p: Preset) => {
    setPreset(p)
    if (p !== 'custom') setDays(presetPeriod(p))
  }
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('reports.title')} />
      <Stack
        direction="row"
        spacing={2}
        sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center', rowGap: 1 }}
      >
        <TextField
          select
          size="small"
          label={translate('reports.period')}
          value={preset}
          onChange={(e) => choosePreset(e.target.value as Preset)}
          sx={{ minWidth: 120 }}
        >
          {(['thisYear', 'lastYear', 'thisMonth', 'custom'] as const).map((p) => (
            <MenuItem key={p} value={p}>
              {translate(`reports.${p}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          type="date"
          size="small"
          label={translate('reports.from')}
          value={days.from}
          onChange={(e) => {
            setPreset('custom')
            setDays({ ...days, from: e.target.value })
          }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          size="small"
          label={translate('reports.to')}
          value={days.to}
          onChange={(e) => {
            setPreset('custom')
            setDays({ ...days, to: e.target.value })
          }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          select
          size="small"
          label={translate('reports.scope')}
          value={scope}
          onChange={(e) => setScope(e.target.value as typeof scope)}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="all">{translate('reports.scopeAll')}</MenuItem>
          <MenuItem value="town">{translate('reports.scopeTown')}</MenuItem>
          <MenuItem value="neighborhood">{translate('reports.scopeNeighborhood')}</MenuItem>
        </TextField>
        {scope === 'town' && (
          <TextField
            select
            size="small"
            label={translate('reports.town')}
            value={townId}
            onChange={(e) => setTownId(Number(e.target.value))}
            sx={{ minWidth: 140 }}
          >
            {towns.map((t) => (
              <MenuItem key={t.id} value={t.id}>
                {t.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {scope === 'neighborhood' && (
          <TextField
            select
            size="small"
            label={translate('reports.neighborhood')}
            value={neighborhoodId}
            onChange={(e) => setNeighborhoodId(Number(e.target.value))}
            sx={{ minWidth: 160 }}
          >
            {places.map((n) => (
              <MenuItem key={n.id} value={n.id}>
                {n.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Button
          variant="contained"
          startIcon={<DownloadIcon />}
          href={`/api/reports/ledger/export?${params}`}
          download
          disabled={!ready}
          data-testid="ledger-export"
        >
          {translate('reports.export')}
        </Button>
      </Stack>
      {isFetching && <LinearProgress />}
      {data && (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {data.scope.name} ·{' '}
            {translate('reports.compared', {
              from: formatDate(data.lastYear.from, locale),
              to: formatDate(data.lastYear.to - 1, locale),
            })}
          </Typography>
          <LedgerCharts sections={data.sections} />
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
            {data.sections.map((s) => (
              <Card key={s.key} variant="outlined">
                <Typography
                  variant="subtitle1"
                  component="h2"
                  sx={{ fontWeight: 600, px: 2, pt: 1.5 }}
                >
                  {translate(`reports.section.${s.key}`)}
                </Typography>
                <Table size="small" data-testid={`ledger-${s.key}`}>
                  <TableHead>
                    <TableRow>
                      {(['figure', 'value', 'lastYear', 'change', 'changePct'] as const).map(
                        (c) => (
                          <TableCell key={c} align={c === 'figure' ? 'left' : 'right'}>
                            {translate(`reports.columns.${c}`)}
                          </TableCell>
                        ),
                      )}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {s.figures.map((f) => (
                      <TableRow key={f.key}>
                        <TableCell>{translate(`reports.figure.${s.key}.${f.key}`)}</TableCell>
                        <TableCell align="right" sx={{ fontWeight: 600 }}>
                          {show(f.value)}
                        </TableCell>
                        <TableCell align="right">{show(f.lastYear)}</TableCell>
                        <TableCell align="right">{signed(f.change)}</TableCell>
                        <TableCell align="right">{signed(f.changePct, '%')}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Card>
            ))}
          </Box>
        </>
      )}
    </Box>
  )
}

export default Reports
