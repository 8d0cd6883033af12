import { useState } from 'react'
import type { EvaluationSource } from '@domain/vocabulary'
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  List as MuiList,
  ListItemButton,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material'
import {
  EditButton,
  LinkBase,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useCreatePath,
  useGetList,
  useGetMany,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { Field, FieldGrid, RecordTitle, SummaryCard } from '../../common/SummaryCard'
import { formatDate, formatDateTime } from '../../lib/format'
import { statusColor, statusLabelKey } from '../../lib/status'
import { useMe } from '../../lib/useMe'
import ChecklistPanel from './ChecklistPanel'
import {
  Deadline,
  OverdueChip,
  overdueSx,
  ProgressBar,
  type Project,
  ProjectStatusChip,
} from './ProjectBits'
import UpdatesPanel from './UpdatesPanel'
import PaperEvaluationDialog from './PaperEvaluationDialog'
import ProjectPartnersPanel from '../claims/ProjectPartnersPanel'

type Topic = {
  id: number
  title: string
  status: string
  trackingCode: string
  supportCount: number
}
type Evaluation = {
  id: number
  source: EvaluationSource
  resolved: 'solved' | 'partly' | 'not'
  satisfaction: number
  comment: string
  createdAt: number
}

const Actions = () => {
  const { writable } = useMe()
  return <TopToolbar>{writable && <EditButton />}</TopToolbar>
}

const Summary = ({ project }: { project: Project }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const f = (name: string) => translate(`resources.projects.fields.${name}`)
  return (
    <SummaryCard
      title={project.title}
      chips={
        <>
          <ProjectStatusChip status={project.status} />
          {project.overdue && <OverdueChip />}
        </>
      }
      testId="project-summary"
      sx={project.overdue ? overdueSx : undefined}
      headingGap={1}
    >
      <Box sx={{ maxWidth: 420, mb: 2 }}>
        <ProgressBar project={project} />
      </Box>
      <FieldGrid>
        <Field label={f('neighborhoodId')}>
          <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </Field>
        <Field label={f('ownerUserId')}>
          {project.ownerUserId != null && (
            <ReferenceField source="ownerUserId" reference="users" link={false}>
              <TextField source="displayName" />
            </ReferenceField>
          )}
        </Field>
        <Field label={f('owningBody')}>{project.owningBody}</Field>
        <Field label={f('deadlineAt')}>
          <Deadline project={project} />
        </Field>
        <Field label={f('createdAt')}>{formatDate(project.createdAt, locale)}</Field>
        {project.doneAt != null && (
          <Field label={f('doneAt')}>{formatDate(project.doneAt, locale)}</Field>
        )}
        <Field label={f('updatedAt')}>{formatDateTime(project.updatedAt, locale)}</Field>
      </FieldGrid>
      {project.description && (
        <Typography variant="body2" sx={{ mt: 2, whiteSpace: 'pre-wrap' }}>
          {project.description}
        </Typography>
      )}
    </SummaryCard>
  )
}

const TopicsPanel = ({ project }: { project: Project }) => {
  const translate = useTranslate()
  const createPath = useCreatePath()
  const { data: topics = [], isPending } = useGetMany<Topic>(
    'topics',
    { ids: project.topicIds ?? [] },
    { enabled: !!project.topicIds?.length },
  )
  return (
    <Card variant="outlined" data-testid="project-topics">
      <CardHeader
        title={translate('projects.topics.title')}
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {!project.topicIds?.length && (
          <Typography color="text.secondary">{translate('projects.topics.empty')}</Typography>
        )}
        {project.topicIds?.length > 0 && isPending && (
          <Typography color="text.secondary">{translate('app.common.loading')}</Typography>
        )}
        <MuiList dense disablePadding>
          {topics.map((t) => (
            <ListItemButton
              key={t.id}
              component={LinkBase}
              to={createPath({ resource: 'topics', id: t.id, type: 'show' })}
            >
              <ListItemText primary={t.title} secondary={`#${t.id} · ${t.trackingCode}`} />
              <Chip
                size="small"
                color={statusColor('topic', t.status).chip}
                label={translate(statusLabelKey('topic', t.status))}
              />
            </ListItemButton>
          ))}
        </MuiList>
      </CardContent>
    </Card>
  )
}

const EvaluationsPanel = ({ project }: { project: Project }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { writable } = useMe()
  const [paper, setPaper] = useState(false)
  const { data: evaluations = [] } = useGetList<Evaluation>('evaluations', {
    filter: { projectId: project.id },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  })
  const count = project.evaluationCount ?? evaluations.length
  return (
    <Card variant="outlined" data-testid="project-evaluations">
      <CardHeader
        title={translate('projects.evaluations.title')}
        slotProps={{ title: { variant: 'h6' } }}
        action={
          writable &&
          project.status === 'done' && (
            <Button size="small" onClick={() => setPaper(true)}>
              {translate('projects.evaluations.paperAdd')}
            </Button>
          )
        }
      />
      <PaperEvaluationDialog projectId={project.id} open={paper} onClose={() => setPaper(false)} />
      <CardContent sx={{ pt: 0 }}>
        {count === 0 ? (
          <Typography color="text.secondary">{translate('projects.evaluations.empty')}</Typography>
        ) : (
          <>
            <Stack direction="row" spacing={3} sx={{ mb: 2, flexWrap: 'wrap' }}>
              <Field label={translate('resources.projects.fields.evaluationCount')}>
                <Typography variant="h6">{count}</Typography>
              </Field>
              <Field label={translate('projects.evaluations.satisfaction')}>
                <Typography variant="h6">
                  {project.satisfactionAvg == null
                    ? '—'
                    : translate('projects.evaluations.score', {
                        score: project.satisfactionAvg.toFixed(1),
                      })}
                </Typography>
              </Field>
              <Field label={translate('projects.evaluations.resolved')}>
                <Typography variant="h6">
                  {project.resolvedShare == null
                    ? '—'
                    : `${Math.round(project.resolvedShare * 100)}%`}
                </Typography>
              </Field>
            </Stack>
            {project.evaluationSources && (
              <Typography variant="body2" sx={{ mb: 2 }} data-testid="evaluation-sources">
                {translate('projects.evaluations.sources', project.evaluationSources)}
              </Typography>
            )}
            <Stack spacing={1}>
              {evaluations.map((e) => (
                <Box key={e.id} sx={{ borderTop: 1, borderColor: 'divider', pt: 1 }}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Chip
                      size="small"
                      color={
                        e.resolved === 'solved'
                          ? 'success'
                          : e.resolved === 'partly'
                            ? 'warning'
                            : 'error'
                      }
                      label={translate(`projects.evaluations.resolvedValue.${e.resolved}`)}
                    />
                    <Typography
                      variant="body2"
                      aria-label={translate('projects.evaluations.score', {
                        score: e.satisfaction,
                      })}
                    >
                      {'★'.repeat(e.satisfaction)}
                      <Box component="span" sx={{ color: 'text.disabled' }}>
                        {'★'.repeat(Math.max(0, 5 - e.satisfaction))}
                      </Box>
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {formatDate(e.createdAt, locale)} ·{' '}
                      {translate(`projects.evaluations.source.${e.source}`)}
                    </Typography>
                  </Stack>
                  {e.comment && <Typography variant="body2">{e.comment}</Typography>}
                </Box>
              ))}
            </Stack>
          </>
        )}
      </CardContent>
    </Card>
  )
}

const ShowBody = () => {
  const project = useRecordContext<Project>()
  if (!project) return null
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Summary project={project} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Stack spacing={2}>
            <ChecklistPanel project={project} />
            <TopicsPanel project={project} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Stack spacing={2}>
            <UpdatesPanel projectId={project.id} />
            <EvaluationsPanel project={project} />
            <ProjectPartnersPanel projectId={project.id} />
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  )
}

const ProjectShow = () => (
  <Show actions={<Actions />} title={<RecordTitle />} component="div">
    <ShowBody />
  </Show>
)

export default ProjectShow
