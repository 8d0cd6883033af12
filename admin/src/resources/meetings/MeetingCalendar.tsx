import { Box, Button, IconButton, LinearProgress, Paper, Stack, Typography } from '@mui/material'
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft'
import ChevronRightIcon from '@mui/icons-material/ChevronRight'
import { LinkBase, Title, useCreatePath, useGetList, useStore, useTranslate } from 'react-admin'
import { MEETING_STATUS_LOOK } from '@domain/vocabulary'
import { shanghaiDay } from '../../lib/format'
import { MeetingViewTabs } from './MeetingBits'
import { addMonths, monthGrid, monthOf, shanghaiClock } from './time'
import type { Meeting } from './types'

/**
 * The meetings of a month as a Monday-first grid (Shanghai days); each meeting links to its page.
 * The month shown is kept in the store, so coming back from a meeting returns to it.
 */
const MeetingCalendar = () => {
  const translate = useTranslate()
  const createPath = useCreatePath()
  const [month, setMonth] = useStore('meetings.calendar.month', monthOf(Date.now()))
  const { from, to, weeks } = monthGrid(month)
  const { data = [], isPending } = useGetList<Meeting>('meetings', {
    filter: { startsFrom: from, startsTo: to },
    sort: { field: 'startsAt', order: 'ASC' },
    pagination: { page: 1, perPage: 500 },
  })
  const byDay = new Map<string, Meeting[]>()
  for (const m of data) {
    const day = shanghaiDay(m.startsAt)
    byDay.set(day, [...(byDay.get(day) ?? []), m])
  }
  const [year, mon] = month.split('-').map(Number)
  const today = shanghaiDay(Date.now())
  return (
    <Box data-testid="meetings-calendar">
      <Title title={translate('meetings.calendar.title')} />
      <MeetingViewTabs current="calendar" />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <IconButton
          aria-label={translate('meetings.calendar.prev')}
          onClick={() => setMonth(addMonths(month, -1))}
        >
          <ChevronLeftIcon />
        </IconButton>
        <Typography variant="h6" component="h2" sx={{ minWidth: 140, textAlign: 'center' }}>
          {translate('meetings.calendar.month', { year, month: mon })}
        </Typography>
        <IconButton
          aria-label={translate('meetings.calendar.next')}
          onClick={() => setMonth(addMonths(month, 1))}
        >
          <ChevronRightIcon />
        </IconButton>
        <Button size="small" onClick={() => setMonth(monthOf(Date.now()))}>
          {translate('meetings.calendar.today')}
        </Button>
      </Stack>
      <Box sx={{ height: 4 }}>{isPending && <LinearProgress />}</Box>
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        <Box role="grid" sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))' }}>
          {translate('meetings.calendar.weekdays')
            .split(',')
            .map((d) => (
              <Box
                key={d}
                role="columnheader"
                sx={{ p: 0.5, textAlign: 'center', bgcolor: 'action.hover', typography: 'caption' }}
              >
                {d}
              </Box>
            ))}
          {weeks.flat().map((day) => {
            const inMonth = day.startsWith(month)
            return (
              <Box
                key={day}
                role="gridcell"
                data-testid={`calendar-day-${day}`}
                sx={{
                  minHeight: 96,
                  p: 0.5,
                  borderTop: 1,
                  borderLeft: 1,
                  borderColor: 'divider',
                  bgcolor: inMonth ? 'background.paper' : 'action.hover',
                }}
              >
                <Typography
                  variant="caption"
                  sx={{
                    fontWeight: day === today ? 700 : 400,
                    color: inMonth ? 'text.primary' : 'text.disabled',
                  }}
                >
                  {Number(day.slice(8))}
                </Typography>
                {(byDay.get(day) ?? []).map((m) => (
                  <LinkBase
                    key={m.id}
                    to={createPath({ resource: 'meetings', id: m.id, type: 'show' })}
                    sx={{
                      display: 'block',
                      mt: 0.25,
                      px: 0.5,
                      borderRadius: 0.5,
                      borderLeft: 3,
                      borderColor: MEETING_STATUS_LOOK[m.status].hex,
                      bgcolor: 'action.selected',
                      typography: 'caption',
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                      textDecoration: 'none',
                      color: 'text.primary',
                    }}
                    title={m.title}
                  >
                    {shanghaiClock(m.startsAt)} {m.title}
                  </LinkBase>
                ))}
              </Box>
            )
          })}
        </Box>
      </Paper>
      {!isPending && !data.length && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('meetings.calendar.empty')}
        </Typography>
      )}
    </Box>
  )
}

export default MeetingCalendar
