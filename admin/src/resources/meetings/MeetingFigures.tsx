import { useTranslate } from 'react-admin'
import ReportCard from '../../dashboard/ReportCard'
import { fetchReport, type MeetingReport, reportQuery } from './api'

/**
 * The dashboard's meeting figure for its period (and neighborhood): meetings held, 人次, topics
 * decided and projects adopted, the 台账 sentence, and the XLSX export of the same figures.
 * @example <MeetingFigures range={range} neighborhoodId={3} />
 */
const MeetingFigures = (props: {
  range: { from: number; to: number } | null
  neighborhoodId?: number
}) => {
  const translate = useTranslate()
  return (
    <ReportCard<MeetingReport>
      {...props}
      load={fetchReport}
      title={translate('meetings.figures.title')}
      testId="meeting-figures"
      exportHref={(range, n) => `/api/reports/meetings?${reportQuery(range, n)}&format=xlsx`}
      exportLabel={translate('meetings.figures.export')}
      figures={({ total: t }) => [
        {
          label: translate('meetings.figures.meetings'),
          value: t.meetings,
          testId: 'meeting-figure-meetings',
        },
        {
          label: translate('meetings.figures.attendance'),
          value: t.attendance,
          testId: 'meeting-figure-attendance',
        },
        {
          label: translate('meetings.figures.decided'),
          value: t.decided,
          testId: 'meeting-figure-decided',
        },
        {
          label: translate('meetings.figures.projects'),
          value: t.projects,
          testId: 'meeting-figure-projects',
        },
      ]}
      sentence={(r) => r.sentence}
      sentenceTestId="meeting-sentence"
    />
  )
}

export default MeetingFigures
