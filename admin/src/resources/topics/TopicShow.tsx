import { useState, type ReactNode } from 'react'
import { Box, Card, CardContent, Chip, Divider, Grid, Stack, Typography } from '@mui/material'
import {
  EditButton,
  Link,
  ListButton,
  Show,
  TopToolbar,
  useCreatePath,
  useGetList,
  useGetOne,
  useLocale,
  useRecordContext,
  useResourceDefinitions,
  useTranslate,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { statusColor, statusLabelKey } from '../../lib/status'
import { useMe } from '../../lib/useMe'
import MoveDialog from './dialogs/MoveDialog'
import MoveButtons from './MoveButtons'
import TopicTimeline from './TopicTimeline'
import MessageHistory from '../../notifications/MessageHistory'
import RevealPhone from '../../privacy/RevealPhone'
import LookAlikes from './LookAlikes'
import UnmergeButton from './UnmergeButton'
import { commonMoves, type Move } from './transitions'
import { useTopicLookups } from './lookups'
import type { Topic } from './types'

/** The allowed moves as buttons (writers only; a merged topic: undo the merge), then edit and back to the list. */
const ShowActions = () => {
  const record = useRecordContext<Topic>()
  const { writable } = useMe()
  const [move, setMove] = useState<Move | null>(null)
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      {record && writable && <MoveButtons moves={commonMoves([record])} onPick={setMove} />}
      {record && writable && record.status === 'merged' && <UnmergeButton topic={record} />}
      <EditButton />
      <ListButton />
      {record && <MoveDialog move={move} topics={[record]} onClose={() => setMove(null)} />}
    </TopToolbar>
  )
}

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box sx={{ minWidth: 0 }}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="body2" component="div" sx={{ overflowWrap: 'anywhere' }}>
      {children === null || children === undefined || children === '' ? '—' : children}
    </Typography>
  </Box>
)

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card variant="outlined">
    <CardContent>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
)

const TopicLink = ({ id, title }: { id: number; title?: string }) => {
  const createPath = useCreatePath()
  return (
    <Link to={createPath({ resource: 'topics', id, type: 'show' })}>
      #{id}
      {title ? ` ${title}` : ''}
    </Link>
  )
}

const ProjectLink = ({ id }: { id: number }) => {
  const createPath = useCreatePath()
  const resources = useResourceDefinitions()
  const { data } = useGetOne<{ id: number; title: string; status: string }>('projects', { id })
  const translate = useTranslate()
  const def = resources.projects
  const type = def?.hasShow ? 'show' : def?.hasEdit ? 'edit' : null
  const text = `#${id}${data ? ` ${data.title}` : ''}`
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
      {type ? <Link to={createPath({ resource: 'projects', id, type })}>{text}</Link> : text}
      {data && (
        <Chip
          size="small"
          variant="outlined"
          color={statusColor('project', data.status).chip}
          label={translate(statusLabelKey('project', data.status))}
        />
      )}
    </Box>
  )
}

/** Topics merged into this one (mergedIntoId = id). */
const MergedFrom = ({ id }: { id: number }) => {
  const translate = useTranslate()
  const { data = [], total } = useGetList<Topic>('topics', {
    filter: { mergedIntoId: id },
    sort: { field: 'id', order: 'ASC' },
    pagination: { page: 1, perPage: 50 },
  })
  return (
    <Field label={translate('topics.show.mergedFrom')}>
      {data.length ? (
        <Stack component="ul" sx={{ m: 0, pl: 2 }} data-testid="merged-from">
          {data.map((t) => (
            <li key={t.id}>
              <TopicLink id={t.id} title={t.title} />
            </li>
          ))}
          {total !== undefined && total > data.length && <li>… ({total})</li>}
        </Stack>
      ) : null}
    </Field>
  )
}

type Support = { id: number; topicId: number; source: 'support' | 'merged'; createdAt: number }

const Supports = ({ topic }: { topic: Topic }) => {
  const translate = useTranslate()
  const locale = useLocale()
  const { data = [] } = useGetList<Support>('supports', {
    filter: { topicId: topic.id },
    sort: { field: 'id', order: 'DESC' },
    pagination: { page: 1, perPage: 20 },
  })
  const tally = topic.supportTally
  return (
    <Section title={`${translate('topics.show.supports')} · ${topic.supportCount}`}>
      {topic.supportBurst && (
        <Chip
          color="warning"
          size="small"
          sx={{ mb: 1 }}
          label={translate('topics.show.burst')}
          title={translate('topics.show.burstHint')}
          data-testid="support-burst"
        />
      )}
      {tally && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="support-tally">
          {translate('topics.show.tally', tally)}
        </Typography>
      )}
      {data.length ? (
        <Stack component="ul" sx={{ m: 0, pl: 2 }}>
          {data.map((s) => (
            <Typography component="li" variant="body2" key={s.id}>
              {formatDateTime(s.createdAt, locale)} · {translate(`topics.show.source.${s.source}`)}
            </Typography>
          ))}
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('topics.show.noEvents')}
        </Typography>
      )}
    </Section>
  )
}

const TopicDetail = () => {
  const topic = useRecordContext<Topic>()
  const translate = useTranslate()
  const locale = useLocale()
  const lookups = useTopicLookups(topic ? [topic.channelId] : [])
  const { me } = useMe()
  if (!topic) return null
  const label = (field: string) => translate(`resources.topics.fields.${field}`)
  const channel = topic.channelId != null ? lookups.channel.get(topic.channelId) : undefined
  const masked = me?.role === 'viewer'
  return (
    <Grid container spacing={2} sx={{ p: 2 }}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Stack spacing={2}>
          <Box>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
              <Typography variant="h6" component="h1">
                #{topic.id} {topic.title}
              </Typography>
              <Chip
                label={translate(statusLabelKey('topic', topic.status))}
                color={statusColor('topic', topic.status).chip}
                data-status={topic.status}
              />
            </Box>
            {topic.description && (
              <Typography variant="body1" sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>
                {topic.description}
              </Typography>
            )}
          </Box>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
              gap: 1.5,
            }}
          >
            <Field label={label('location')}>{topic.location}</Field>
            <Field label={label('categoryId')}>
              {topic.categoryId != null ? lookups.category.get(topic.categoryId) : null}
            </Field>
            <Field label={label('neighborhoodId')}>
              {lookups.neighborhood.get(topic.neighborhoodId)}
            </Field>
            <Field label={label('channelId')}>
              {channel
                ? `${channel.label} · ${translate(`app.channelKind.${channel.kind}`)}`
                : null}
            </Field>
            <Field label={label('trackingCode')}>{topic.trackingCode}</Field>
            <Field label={label('supportCount')}>{topic.supportCount}</Field>
            <Field label={label('createdAt')}>{formatDateTime(topic.createdAt, locale)}</Field>
            <Field label={label('updatedAt')}>{formatDateTime(topic.updatedAt, locale)}</Field>
            <Field label={label('acceptedAt')}>{formatDateTime(topic.acceptedAt, locale)}</Field>
            <Field label={label('adoptedAt')}>{formatDateTime(topic.adoptedAt, locale)}</Field>
            <Field label={label('doneAt')}>{formatDateTime(topic.doneAt, locale)}</Field>
            {topic.referredTo && <Field label={label('referredTo')}>{topic.referredTo}</Field>}
          </Box>
          {topic.publicReply && <Field label={label('publicReply')}>{topic.publicReply}</Field>}
          <Section title={translate('topics.show.timeline')}>
            <TopicTimeline topicId={topic.id} />
          </Section>
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Stack spacing={2}>
          <Section title={translate('topics.show.contact')}>
            {topic.submitterName || topic.submitterPhone ? (
              <Stack spacing={1} data-testid="contact">
                <Field label={label('submitterName')}>{topic.submitterName}</Field>
                <Field label={label('submitterPhone')}>
                  <RevealPhone
                    resource="topics"
                    id={topic.id}
                    phone={topic.submitterPhone}
                    testId="submitter-phone"
                  />
                </Field>
                <Field label={label('consentAt')}>{formatDateTime(topic.consentAt, locale)}</Field>
                {masked && (
                  <Typography variant="caption" color="text.secondary">
                    {translate('topics.show.masked')}
                  </Typography>
                )}
              </Stack>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {translate('topics.show.noContact')}
              </Typography>
            )}
          </Section>
          <Section title={translate('notifications.history')}>
            <MessageHistory subjectType="topic" subjectId={topic.id} />
          </Section>
          <Section title={translate('topics.show.related')}>
            <Stack spacing={1.5} divider={<Divider flexItem />}>
              <Field label={translate('topics.show.project')}>
                {topic.projectId != null ? <ProjectLink id={topic.projectId} /> : null}
              </Field>
              <Field label={translate('topics.show.mergedInto')}>
                {topic.mergedIntoId != null ? <TopicLink id={topic.mergedIntoId} /> : null}
              </Field>
              <MergedFrom id={topic.id} />
            </Stack>
          </Section>
          <Section title={translate('topics.show.lookAlikes')}>
            <LookAlikes topic={topic} link={(id, title) => <TopicLink id={id} title={title} />} />
          </Section>
          <Supports topic={topic} />
        </Stack>
      </Grid>
    </Grid>
  )
}

/** One topic: its fields, timeline, contact (masked per role by the server), links and moves. */
const TopicShow = () => (
  <Show actions={<ShowActions />}>
    <TopicDetail />
  </Show>
)

export default TopicShow
