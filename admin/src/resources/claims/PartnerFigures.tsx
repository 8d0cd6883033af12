import { useEffect, useState } from 'react'
import { Box, Button, Card, CardContent, Typography } from '@mui/material'
import DownloadIcon from '@mui/icons-material/Download'
import { useTranslate } from 'react-admin'
import { PartnerKindChip } from '../partners/PartnerBits'
import { fetchReport, reportQuery } from './api'
import type { PartnerReport } from './types'

/**
 * The dashboard's partner figures for its period (and neighborhood): branches (党支部) that
 * raised hands, claims and how they stand, projects joined and activities led, the sentence for
 * reports, the most active partners and 达人, and the XLSX export of the same figures.
 * @example <PartnerFigures range={range} neighborhoodId={3} />
 */
const PartnerFigures = ({
  range,
  neighborhoodId,
}: {
  range: { from: number; to: number } | null
  neighborhoodId?: number
}) => {
  const translate = useTranslate()
  const [report, setReport] = useState<PartnerReport | null>(null)
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
  const t = report.totals
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
  const top = [
    ...report.byPartner.slice(0, 5).map((p) => ({ key: `p${p.partnerId}`, ...p, lead: false })),
    ...report.byLead
      .slice(0, 3)
      .map((l) => ({ key: `l${l.volunteerId}`, ...l, kind: null, lead: true })),
  ]
  return (
    <Card variant="outlined" data-testid="partner-figures">
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <Typography variant="subtitle1">{translate('claims.report.title')}</Typography>
          <Button
            size="small"
            startIcon={<DownloadIcon />}
            href={`/api/reports/partners?${reportQuery(range, neighborhoodId)}&format=xlsx`}
          >
            {translate('claims.report.export')}
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
          {figure(translate('claims.report.branches'), t.branchesRaised, 'partner-figure-branches')}
          {figure(translate('claims.report.claims'), t.claims, 'partner-figure-claims')}
          {figure(translate('claims.report.accepted'), t.accepted, 'partner-figure-accepted')}
          {figure(translate('claims.report.pending'), t.pending, 'partner-figure-pending')}
          {figure(translate('claims.report.projects'), t.projectsJoined, 'partner-figure-projects')}
          {figure(
            translate('claims.report.activities'),
            t.activitiesLed,
            'partner-figure-activities',
          )}
        </Box>
        <Typography variant="body2" data-testid="partner-sentence">
          {t.claims === 0 && t.activitiesLed === 0
            ? translate('claims.report.none')
            : report.sentence}
        </Typography>
        {top.length > 0 && (
          <Box component="ul" sx={{ m: 0, mt: 1, pl: 2 }}>
            {top.map((row) => (
              <Typography component="li" variant="body2" key={row.key}>
                {row.name} {row.kind && <PartnerKindChip kind={row.kind} />}
                {row.lead && ` (${translate('claims.report.lead')})`} ·{' '}
                {translate('claims.report.accepted')} {row.accepted} ·{' '}
                {translate('claims.report.projects')} {row.projects} ·{' '}
                {translate('claims.report.activities')} {row.activities}
              </Typography>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  )
}

export default PartnerFigures
