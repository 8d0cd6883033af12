import { Box, Card, Chip, List as MuiList, ListItemButton, Stack, Typography } from '@mui/material'
import {
  LinkBase,
  Title,
  useCreatePath,
  useGetList,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { OPEN_PROJECT_STATUSES } from '@domain/vocabulary'
import { formatDate } from '../../lib/format'
import { BoardFilters, useProjectFilter } from './BoardFilters'
import { DAY, type DeadlineGroup, groupByWeek } from './dates'
import {
  Deadline,
  OverdueChip,
  overdueSx,
  ProgressBar,
  type Project,
  ProjectStatusChip,
  ProjectViewTabs,
  useNames,
} from './ProjectBits'

/** Open projects by deadline, one section per week, overdue ones first. */
const ProjectDeadlines = () => {
  const translate = useTranslate()
  const [filter] = useProjectFilter()
  const { data = [], isPending } = useGetList<Project>('projects', {
    filter: { ...filter, status: OPEN_PROJECT_STATUSES },
    sort: { field: 'deadlineAt', order: 'ASC' },
    pagination: { page: 1, perPage: 500 },
  })
  const groups = groupByWeek(data)
  const names = useNames(data)
  const subtitle = (p: Project) =>
    [names.neighborhood(p.neighborhoodId), names.user(p.ownerUserId), p.owningBody]
      .filter(Boolean)
      .join(' · ')

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('projects.deadlines.title')} />
      <ProjectViewTabs current="deadlines" />
      <BoardFilters />
      {!isPending && data.length === 0 && (
        <Typography color="text.secondary">{translate('projects.deadlines.empty')}</Typography>
      )}
      <Stack spacing={2}>
        {groups.map((group) => (
          <Card
            key={groupKey(group)}
            variant="outlined"
            data-testid={`deadline-group-${group.kind}`}
          >
            <Box
              sx={{
                px: 2,
                py: 1,
                bgcolor: group.kind === 'overdue' ? 'error.main' : 'grey.100',
                color: group.kind === 'overdue' ? 'error.contrastText' : undefined,
              }}
            >
              <GroupHeading group={group} />
            </Box>
            <MuiList dense disablePadding>
              {group.items.map((p) => (
                <Row key={p.id} project={p} subtitle={subtitle(p)} />
              ))}
            </MuiList>
          </Card>
        ))}
      </Stack>
    </Box>
  )
}

const groupKey = (g: DeadlineGroup<Project>) => (g.kind === 'week' ? `w${g.start}` : g.kind)

const GroupHeading = ({ group }: { group: DeadlineGroup<Project> }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  let label: string
  if (group.kind === 'overdue') label = translate('projects.deadlines.overdue')
  else if (group.kind === 'none') label = translate('projects.deadlines.none')
  else {
    const range = translate('projects.deadlines.week', {
      from: formatDate(group.start, locale),
      to: formatDate(group.start + 6 * DAY, locale),
    })
    const near = group.offset === 0 ? 'thisWeek' : group.offset === 1 ? 'nextWeek' : null
    label = near
      ? translate('projects.deadlines.named', {
          name: translate(`projects.deadlines.${near}`),
          range,
        })
      : range
  }
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      <Chip size="small" label={group.items.length} sx={{ bgcolor: 'background.paper' }} />
    </Stack>
  )
}

const Row = ({ project, subtitle }: { project: Project; subtitle: string }) => {
  const createPath = useCreatePath()
  return (
    <ListItemButton
      component={LinkBase}
      to={createPath({ resource: 'projects', id: project.id, type: 'show' })}
      divider
      sx={{ gap: 2, flexWrap: 'wrap', ...(project.overdue ? overdueSx : {}) }}
      data-testid={`deadline-row-${project.id}`}
    >
      <Box sx={{ width: 150, flexShrink: 0 }}>
        <Deadline project={project} />
      </Box>
      <Box sx={{ flex: 1, minWidth: 200 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {project.title}
          </Typography>
          {project.overdue && <OverdueChip />}
        </Stack>
        <Typography variant="caption" color="text.secondary">
          {subtitle}
        </Typography>
      </Box>
      <ProjectStatusChip status={project.status} />
      <Box sx={{ width: 180 }}>
        {project.checklistTotal > 0 && <ProgressBar project={project} />}
      </Box>
    </ListItemButton>
  )
}

export default ProjectDeadlines
