import { useState } from 'react'
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material'
import AddIcon from '@mui/icons-material/Add'
import EditIcon from '@mui/icons-material/Edit'
import ListIcon from '@mui/icons-material/ListAlt'
import PhoneIcon from '@mui/icons-material/PhoneIphone'
import EventBusyIcon from '@mui/icons-material/EventBusy'
import {
  EditButton,
  Link,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useGetList,
  useLocaleState,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { ActivityLinks, KindChip, WindowChip } from './ActivityBits'
import SessionDialog from './SessionDialog'
import ActivityLeadsPanel from '../claims/ActivityLeadsPanel'
import { postAction } from './api'
import type { Activity, Session } from './types'

/** `/registrations` filtered to one session: the registration grid. */
export const registrationsLink = (sessionId: number) => ({
  pathname: '/registrations',
  search: `filter=${encodeURIComponent(JSON.stringify({ sessionId }))}`,
})

const Overview = () => {
  const a = useRecordContext<Activity>()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  if (!a) return null
  const row = (label: string, value: React.ReactNode) => (
    <Box sx={{ display: 'flex', gap: 2, py: 0.5 }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 100 }}>
        {translate(`resources.activities.fields.${label}`)}
      </Typography>
      <Typography variant="body2" component="div">
        {value}
      </Typography>
    </Box>
  )
  return (
    <CardContent>
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
        <Typography variant="h5">{a.title}</Typography>
        <KindChip kind={a.kind} />
        <Chip size="small" label={translate(`activities.status.${a.status}`)} />
        <WindowChip activity={a} />
      </Stack>
      {row(
        'neighborhoodId',
        <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
          <TextField source="name" />
        </ReferenceField>,
      )}
      {a.place && row('place', a.place)}
      {a.audience && row('audience', a.audience)}
      {row('opensAt', formatDateTime(a.opensAt, locale) || '—')}
      {row('closesAt', formatDateTime(a.closesAt, locale) || '—')}
      {row('slug', <ActivityLinks activity={a} />)}
      {a.description && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 1 }}>
          {a.description}
        </Typography>
      )}
    </CardContent>
  )
}

const Sessions = () => {
  const a = useRecordContext<Activity>()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { writable } = useMe()
  const [editing, setEditing] = useState<Session | 'new' | null>(null)
  const { data = [], refetch } = useGetList<Session>(
    'activity-sessions',
    {
      filter: { activityId: a?.id },
      sort: { field: 'startsAt', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: !!a },
  )
  if (!a) return null
  const f = (key: string) => translate(`resources.activity-sessions.fields.${key}`)
  const noShow = async (s: Session) => {
    if (!window.confirm(translate('activities.noShowConfirm'))) return
    try {
      const r = await postAction<{ markedIds: number[] }>(`/activity-sessions/${s.id}/no-show`)
      notify('activities.noShowDone', { type: 'info', messageArgs: { n: r.markedIds.length } })
      refetch()
    } catch (e) {
      notifyError(e)
    }
  }
  return (
    <CardContent>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography variant="h6">{translate('activities.sections.sessions')}</Typography>
        {writable && (
          <Button startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {translate('activities.addSession')}
          </Button>
        )}
      </Stack>
      {data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('activities.noSessions')}
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{f('label')}</TableCell>
              <TableCell>{f('startsAt')}</TableCell>
              <TableCell align="right">{f('seatsTaken')}</TableCell>
              <TableCell align="right">{f('waitlistCount')}</TableCell>
              <TableCell align="right">{f('checkedInCount')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  {s.label || `#${s.id}`}
                  {s.ended && (
                    <Chip size="small" sx={{ ml: 1 }} label={translate('activities.ended')} />
                  )}
                </TableCell>
                <TableCell>
                  {formatDateTime(s.startsAt, locale)}–{formatDateTime(s.endsAt, locale).slice(11)}
                </TableCell>
                <TableCell align="right">
                  {translate('activities.seats', { taken: s.seatsTaken, capacity: s.capacity })}
                </TableCell>
                <TableCell align="right">{s.waitlistCount}</TableCell>
                <TableCell align="right">{s.checkedInCount}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title={translate('activities.registrations')}>
                    <IconButton
                      size="small"
                      component={Link}
                      to={registrationsLink(s.id)}
                      aria-label={translate('activities.registrations')}
                    >
                      <ListIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title={translate('activities.checkin')}>
                    <IconButton
                      size="small"
                      href={s.checkinUrl}
                      target="_blank"
                      rel="noopener"
                      aria-label={translate('activities.checkin')}
                    >
                      <PhoneIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  {writable && (
                    <Tooltip title={translate('activities.editSession')}>
                      <IconButton
                        size="small"
                        onClick={() => setEditing(s)}
                        aria-label={translate('activities.editSession')}
                      >
                        <EditIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )}
                  {writable && s.ended && s.confirmedCount > 0 && (
                    <Tooltip title={translate('activities.noShow')}>
                      <IconButton
                        size="small"
                        onClick={() => noShow(s)}
                        aria-label={translate('activities.noShow')}
                      >
                        <EventBusyIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && (
        <SessionDialog
          activityId={a.id}
          volunteer={a.kind === 'volunteer'}
          session={editing === 'new' ? undefined : editing}
          onClose={(changed) => {
            setEditing(null)
            if (changed) refetch()
          }}
        />
      )}
    </CardContent>
  )
}

const Actions = () => {
  const { writable } = useMe()
  return <TopToolbar>{writable && <EditButton />}</TopToolbar>
}

const ActivityShow = () => (
  <Show actions={<Actions />}>
    <Card variant="outlined" sx={{ border: 0 }}>
      <Overview />
      <Sessions />
      <ActivityLeadsPanel />
    </Card>
  </Show>
)

export default ActivityShow
