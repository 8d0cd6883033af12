import { useEffect, useState } from 'react'
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  Link,
  List as MuiList,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material'
import PrintIcon from '@mui/icons-material/Print'
import {
  EditButton,
  LinkBase,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useCreatePath,
  useRecordContext,
  useShowContext,
  useTranslate,
} from 'react-admin'
import { Field, FieldGrid, RecordTitle, SummaryCard } from '../../common/SummaryCard'
import { formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import RevealPhone from '../../privacy/RevealPhone'
import { fetchAttendees } from './api'
import { MeetingStatusChip } from './MeetingBits'
import TallyTable from './TallyTable'
import type { Attendee, Meeting } from './types'

const Actions = () => {
  const { writable } = useMe()
  const record = useRecordContext<Meeting>()
  const translate = useTranslate()
  const createPath = useCreatePath()
  return (
    <TopToolbar>
      {record && (
        <Button
          component={LinkBase}
          to={`${createPath({ resource: 'meetings', type: 'list' })}/${record.id}/print`}
          startIcon={<PrintIcon />}
          data-testid="meeting-print"
        >
          {translate('meetings.print.button')}
        </Button>
      )}
      {writable && <EditButton />}
    </TopToolbar>
  )
}

const Summary = ({ meeting }: { meeting: Meeting }) => {
  const translate = useTranslate()
  const f = (name: string) => translate(`resources.meetings.fields.${name}`)
  return (
    <SummaryCard
      title={meeting.title}
      chips={
        <>
          <Chip size="small" label={translate(`meetings.kind.${meeting.kind}`)} />
          <MeetingStatusChip status={meeting.status} />
        </>
      }
      testId="meeting-summary"
    >
      <FieldGrid>
        <Field label={f('neighborhoodId')}>
          <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </Field>
        <Field label={f('gridId')}>
          {meeting.gridId != null && (
            <ReferenceField source="gridId" reference="grids" link={false}>
              <TextField source="name" />
            </ReferenceField>
          )}
        </Field>
        <Field label={f('startsAt')}>
          {formatDateTime(meeting.startsAt)}
          {meeting.endsAt ? ` – ${formatDateTime(meeting.endsAt).slice(11)}` : ''}
        </Field>
        <Field label={f('place')}>{meeting.place}</Field>
        <Field label={f('host')}>{meeting.host}</Field>
        <Field label={f('attendance')}>
          <span data-testid="meeting-attendance">
            {translate('meetings.attendanceValue', { n: meeting.attendance })}
          </span>
          <Typography variant="caption" color="text.secondary" component="div">
            {f('headcount')} {meeting.headcount ?? '—'} · {f('signIns')} {meeting.signIns}
          </Typography>
        </Field>
      </FieldGrid>
      {meeting.minutes && (
        <Box sx={{ mt: 2 }}>
          <Field label={f('minutes')}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {meeting.minutes}
            </Typography>
          </Field>
        </Box>
      )}
    </SummaryCard>
  )
}

const Door = ({ meeting }: { meeting: Meeting }) => {
  const translate = useTranslate()
  const [attendees, setAttendees] = useState<Attendee[]>([])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new sign-in count means new rows to fetch
  useEffect(() => {
    let live = true
    fetchAttendees(meeting.id).then(
      (rows) => live && setAttendees(rows),
      () => {},
    )
    return () => {
      live = false
    }
  }, [meeting.id, meeting.signIns])
  return (
    <Card variant="outlined">
      <CardHeader
        title={translate('meetings.door.title')}
        titleTypographyProps={{ variant: 'subtitle1' }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box
            component="img"
            src={meeting.qrUrl}
            alt={translate('meetings.door.title')}
            sx={{ width: 140, height: 140, flex: 'none' }}
          />
          <Box>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('meetings.door.hint')}
            </Typography>
            <Link href={meeting.signInUrl} target="_blank" rel="noopener">
              {translate('meetings.door.open')}
            </Link>
            <Typography variant="body2" sx={{ mt: 1 }}>
              {translate('meetings.door.signIns', { n: meeting.signIns })}
            </Typography>
          </Box>
        </Stack>
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          {translate('meetings.door.attendees')}
        </Typography>
        {attendees.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('meetings.door.none')}
          </Typography>
        ) : (
          <MuiList dense sx={{ maxHeight: 240, overflow: 'auto' }}>
            {attendees.map((a, i) => (
              <ListItem key={a.id} disableGutters>
                <ListItemText
                  primary={`${i + 1}. ${a.name ?? translate('meetings.door.anonymous')}`}
                  secondary={
                    <>
                      <RevealPhone resource="meeting-attendees" id={a.id} phone={a.phone} />
                      {a.phone ? ' · ' : ''}
                      {formatDateTime(a.createdAt).slice(11)}
                    </>
                  }
                />
              </ListItem>
            ))}
          </MuiList>
        )}
      </CardContent>
    </Card>
  )
}

const MeetingPage = () => {
  const { record, refetch } = useShowContext<Meeting>()
  const { writable } = useMe()
  const translate = useTranslate()
  if (!record) return null
  return (
    <Grid container spacing={2} sx={{ p: 1 }}>
      <Grid size={{ xs: 12, lg: 8 }}>
        <Stack spacing={2}>
          <Summary meeting={record} />
          <Card variant="outlined">
            <CardHeader
              title={translate('meetings.tally.title')}
              titleTypographyProps={{ variant: 'subtitle1' }}
            />
            <CardContent sx={{ pt: 0 }}>
              <TallyTable meeting={record} writable={writable} onSaved={() => refetch()} />
            </CardContent>
          </Card>
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, lg: 4 }}>
        <Door meeting={record} />
      </Grid>
    </Grid>
  )
}

const MeetingShow = () => (
  <Show actions={<Actions />} title={<RecordTitle />} component="div">
    <MeetingPage />
  </Show>
)

export default MeetingShow
