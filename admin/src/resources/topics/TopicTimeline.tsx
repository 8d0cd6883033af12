import { Box, Chip, Stack, Typography } from '@mui/material'
import { useGetList, useLocale, useTranslate } from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { statusColor, statusLabelKey } from '../../lib/status'
import type { TopicEvent } from './types'

const StatusChip = ({ status }: { status: string }) => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      variant="outlined"
      color={statusColor('topic', status).chip}
      label={translate(statusLabelKey('topic', status))}
    />
  )
}

/** The topic's timeline (GET /api/topic-events?filter={"topicId":id}), oldest first. */
const TopicTimeline = ({ topicId }: { topicId: number }) => {
  const translate = useTranslate()
  const locale = useLocale()
  const {
    data = [],
    isPending,
    error,
  } = useGetList<TopicEvent>('topic-events', {
    filter: { topicId },
    sort: { field: 'id', order: 'ASC' },
    pagination: { page: 1, perPage: 500 },
  })
  if (isPending)
    return <Typography color="text.secondary">{translate('app.common.loading')}</Typography>
  if (error)
    return <Typography color="error">{String((error as Error).message ?? error)}</Typography>
  if (!data.length)
    return <Typography color="text.secondary">{translate('topics.show.noEvents')}</Typography>
  return (
    <Stack
      component="ol"
      spacing={1.5}
      sx={{ listStyle: 'none', p: 0, m: 0 }}
      data-testid="timeline"
    >
      {data.map((e) => (
        <Box
          component="li"
          key={e.id}
          sx={{ borderLeft: 3, borderColor: statusColor('topic', e.toStatus ?? '').hex, pl: 1.5 }}
        >
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography
              variant="body2"
              color="text.secondary"
              sx={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {formatDateTime(e.at, locale)}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {e.actorName ?? translate('topics.show.system')}
            </Typography>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
              <>
                <StatusChip status={e.fromStatus} />→<StatusChip status={e.toStatus} />
              </>
            ) : e.toStatus && e.kind === e.toStatus && e.kind !== 'submitted' ? (
              <StatusChip status={e.toStatus} />
            ) : (
              <Typography variant="body2">
                {translate(`topics.show.event.${e.kind}`, { _: e.kind })}
              </Typography>
            )}
          </Box>
          {e.publicNote && <Typography variant="body2">{e.publicNote}</Typography>}
          {e.internalNote && (
            <Typography variant="body2" color="text.secondary">
              {translate('topics.show.internalNote')}：{e.internalNote}
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  )
}

export default TopicTimeline
