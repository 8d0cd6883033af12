import { useEffect, useState } from 'react'
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Link,
  LinearProgress,
  Stack,
  TextField,
  Typography,
} from '@mui/material'
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft'
import ChevronRightIcon from '@mui/icons-material/ChevronRight'
import {
  fetchUtils,
  Title,
  useGetList,
  useLocaleState,
  useNotify,
  useTranslate,
  useUpdate,
} from 'react-admin'
import { formatDate, formatDateTime, startOfShanghaiWeek } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'

// 每周一对接: the week's summary of every neighborhood one sees, side by side (the town sees all
// of its own; staff their own), with the lists behind each figure and a note per neighborhood.

const WEEK = 7 * 86_400_000

type Listed = {
  id: number
  title: string
  projectId?: number
  projectTitle?: string
  dueAt?: number | null
  doneAt?: number | null
  status?: string
  people?: number
}
type Checkin = {
  id: number
  neighborhoodId: number
  neighborhoodName: string
  weekStart: number
  doneCount: number
  dueCount: number
  overdueCount: number
  newTopics: number
  disputedCount: number
  details: {
    done: Listed[]
    due: Listed[]
    overdue: Listed[]
    topics: Listed[]
    disputed: Listed[]
  }
  note: string
  noteBy: number | null
  noteByName: string | null
  noteAt: number | null
}

const List = ({
  title,
  items,
  total,
  href,
}: {
  title: string
  items: Listed[]
  total: number
  href: (i: Listed) => string
}) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  return (
    <Box>
      <Typography variant="subtitle2">
        {title}（{total}）
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('weekly.none')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {items.map((i) => (
            <li key={i.id}>
              <Link href={href(i)} variant="body2">
                {i.title}
              </Link>
              <Typography component="span" variant="caption" color="text.secondary">
                {i.projectTitle ? ` · ${i.projectTitle}` : ''}
                {i.dueAt ? ` · ${formatDate(i.dueAt, locale)}` : ''}
                {i.people ? ` · ${i.people}` : ''}
              </Typography>
            </li>
          ))}
          {total > items.length && (
            <Typography component="li" variant="caption" color="text.secondary">
              {translate('weekly.more', { n: total - items.length })}
            </Typography>
          )}
        </Box>
      )}
    </Box>
  )
}

const NoteBox = ({ checkin }: { checkin: Checkin }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { writable } = useMe()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const [note, setNote] = useState(checkin.note)
  useEffect(() => setNote(checkin.note), [checkin.note])
  const [update, { isPending }] = useUpdate()
  const save = () =>
    update(
      'weekly-checkins',
      { id: checkin.id, data: { note }, previousData: checkin },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => notify(translate('weekly.saved'), { type: 'success' }),
        onError: notifyError,
      },
    )
  return (
    <Stack spacing={1}>
      <TextField
        label={translate('weekly.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        disabled={!writable}
        slotProps={{ htmlInput: { 'data-testid': `weekly-note-${checkin.neighborhoodId}` } }}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {writable && (
          <Button size="small" onClick={save} disabled={isPending || note === checkin.note}>
            {translate('weekly.saveNote')}
          </Button>
        )}
        {checkin.noteAt !== null && (
          <Typography variant="caption" color="text.secondary">
            {translate('weekly.noteBy', {
              name: checkin.noteByName ?? '',
              date: formatDateTime(checkin.noteAt, locale),
            })}
          </Typography>
        )}
      </Stack>
    </Stack>
  )
}

const WeeklyList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { role } = useMe()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const [week, setWeek] = useState(() => startOfShanghaiWeek())
  const {
    data = [],
    isPending,
    refetch,
  } = useGetList<Checkin>('weekly-checkins', {
    filter: { weekStart: week },
    sort: { field: 'neighborhoodId', order: 'ASC' },
    pagination: { page: 1, perPage: 1000 },
  })
  const make = async () => {
    try {
      const { json } = await fetchUtils.fetchJson('/api/weekly-checkins/run', {
        method: 'POST',
        credentials: 'same-origin',
        body: '{}',
      })
      notify(translate('weekly.made', { smart_count: (json as { made: number }).made }), {
        type: 'success',
      })
      await refetch()
    } catch (e) {
      notifyError(e)
    }
  }
  const project = (i: Listed) => `#/projects/${i.projectId}/show`
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('weekly.title')} />
      <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button startIcon={<ChevronLeftIcon />} onClick={() => setWeek(week - WEEK)}>
          {translate('weekly.previous')}
        </Button>
        <Typography variant="h6" component="h1" data-testid="weekly-week">
          {translate('weekly.week', { from: formatDate(week, locale) })}
        </Typography>
        <Button
          endIcon={<ChevronRightIcon />}
          onClick={() => setWeek(week + WEEK)}
          disabled={week >= startOfShanghaiWeek()}
        >
          {translate('weekly.next')}
        </Button>
        {week !== startOfShanghaiWeek() && (
          <Button onClick={() => setWeek(startOfShanghaiWeek())}>
            {translate('weekly.thisWeek')}
          </Button>
        )}
        {(role === 'admin' || role === 'town') && week === startOfShanghaiWeek() && (
          <Button variant="outlined" onClick={make}>
            {translate('weekly.make')}
          </Button>
        )}
      </Stack>
      {isPending && <LinearProgress />}
      {!isPending && data.length === 0 && (
        <Typography color="text.secondary">{translate('weekly.empty')}</Typography>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        {data.map((c) => (
          <Card key={c.id} variant="outlined" data-testid={`weekly-${c.neighborhoodId}`}>
            <CardHeader
              title={c.neighborhoodName}
              slotProps={{
                title: { variant: 'subtitle1', component: 'h2', sx: { fontWeight: 600 } },
              }}
              subheader={
                <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', mt: 0.5 }}>
                  <Chip
                    size="small"
                    color="success"
                    label={`${translate('weekly.done')} ${c.doneCount}`}
                  />
                  <Chip
                    size="small"
                    color="warning"
                    label={`${translate('weekly.due')} ${c.dueCount}`}
                  />
                  <Chip
                    size="small"
                    color={c.overdueCount ? 'error' : 'default'}
                    label={`${translate('weekly.overdue')} ${c.overdueCount}`}
                  />
                  <Chip size="small" label={`${translate('weekly.topics')} ${c.newTopics}`} />
                  {c.disputedCount > 0 && (
                    <Chip
                      size="small"
                      color="error"
                      variant="outlined"
                      label={`${translate('weekly.disputed')} ${c.disputedCount}`}
                    />
                  )}
                </Stack>
              }
            />
            <CardContent>
              <Stack spacing={1.5}>
                <List
                  title={translate('weekly.overdue')}
                  items={c.details.overdue}
                  total={c.overdueCount}
                  href={project}
                />
                <List
                  title={translate('weekly.due')}
                  items={c.details.due}
                  total={c.dueCount}
                  href={project}
                />
                <List
                  title={translate('weekly.done')}
                  items={c.details.done}
                  total={c.doneCount}
                  href={project}
                />
                <List
                  title={translate('weekly.topics')}
                  items={c.details.topics}
                  total={c.newTopics}
                  href={(i) => `#/topics/${i.id}/show`}
                />
                {c.disputedCount > 0 && (
                  <List
                    title={translate('weekly.disputed')}
                    items={c.details.disputed}
                    total={c.disputedCount}
                    href={() => '#/programmes'}
                  />
                )}
                <NoteBox checkin={c} />
              </Stack>
            </CardContent>
          </Card>
        ))}
      </Box>
    </Box>
  )
}

export default WeeklyList
