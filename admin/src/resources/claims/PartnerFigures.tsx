import { Box, Typography } from '@mui/material'
import { useTranslate } from 'react-admin'
import ReportCard from '../../dashboard/ReportCard'
import { PartnerKindChip } from '../partners/PartnerBits'
import { fetchReport, reportQuery } from './api'
import type { PartnerReport } from './types'

/**
 * The dashboard's partner figures for its period (and neighborhood): branches (党支部) that
 * raised hands, claims and how they stand, projects joined and activities led, the sentence for
 * reports, the most active partners and 达人, and the XLSX export of the same figures.
 * @example <PartnerFigures range={range} neighborhoodId={3} />
 */
const PartnerFigures = (props: {
  range: { from: number; to: number } | null
  neighborhoodId?: number
}) => {
  const translate = useTranslate()
  const top = (report: PartnerReport) => [
    ...report.byPartner.slice(0, 5).map((p) => ({ key: `p${p.partnerId}`, ...p, lead: false })),
    ...report.byLead
      .slice(0, 3)
      .map((l) => ({ key: `l${l.volunteerId}`, ...l, kind: null, lead: true })),
  ]
  return (
    <ReportCard<PartnerReport>
      {...props}
      load={fetchReport}
      title={translate('claims.report.title')}
      testId="partner-figures"
      exportHref={(range, n) => `/api/reports/partners?${reportQuery(range, n)}&format=xlsx`}
      exportLabel={translate('claims.report.export')}
      figures={({ totals: t }) => [
        {
          label: translate('claims.report.branches'),
          value: t.branchesRaised,
          testId: 'partner-figure-branches',
        },
        {
          label: translate('claims.report.claims'),
          value: t.claims,
          testId: 'partner-figure-claims',
        },
        {
          label: translate('claims.report.accepted'),
          value: t.accepted,
          testId: 'partner-figure-accepted',
        },
        {
          label: translate('claims.report.pending'),
          value: t.pending,
          testId: 'partner-figure-pending',
        },
        {
          label: translate('claims.report.projects'),
          value: t.projectsJoined,
          testId: 'partner-figure-projects',
        },
        {
          label: translate('claims.report.activities'),
          value: t.activitiesLed,
          testId: 'partner-figure-activities',
        },
      ]}
      sentence={({ totals: t, sentence }) =>
        t.claims === 0 && t.activitiesLed === 0 ? translate('claims.report.none') : sentence
      }
      sentenceTestId="partner-sentence"
      more={(report) =>
        top(report).length > 0 && (
          <Box component="ul" sx={{ m: 0, mt: 1, pl: 2 }}>
            {top(report).map((row) => (
              <Typography component="li" variant="body2" key={row.key}>
                {row.name} {row.kind && <PartnerKindChip kind={row.kind} />}
                {row.lead && ` (${translate('claims.report.lead')})`} ·{' '}
                {translate('claims.report.accepted')} {row.accepted} ·{' '}
                {translate('claims.report.projects')} {row.projects} ·{' '}
                {translate('claims.report.activities')} {row.activities}
              </Typography>
            ))}
          </Box>
        )
      }
    />
  )
}

export default PartnerFigures
