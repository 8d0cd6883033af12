import { Box, Chip, LinearProgress, Tab, Tabs, Typography } from '@mui/material'
import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import { LinkBase, useCreatePath, useGetMany, useLocaleState, useTranslate } from 'react-admin'
import { CLOSED_PROJECT_STATUSES, type ProjectStatus } from '@domain/vocabulary'
import { formatDate } from '../../lib/format'
import { statusColor, statusLabelKey } from '../../lib/status'
import { daysUntil } from './dates'

export type Project = {
  id: number
  neighborhoodId: number
  title: string
  description: string
  ownerUserId: number | null
  owningBody: string
  deadlineAt: number | null
  status: ProjectStatus
  createdAt: number
  updatedAt: number
  doneAt: number | null
  topicIds: number[]
  checklistTotal: number
  checklistDone: number
  progress: number
  overdue: boolean
  evaluationCount: number
  satisfactionAvg: number | null
  resolvedShare: number | null
  /** Counted ratings by where they came from (worker/domain/voice.ts). */
  evaluationSources?: { code: number; verified: number; paper: number }
  /** Moves on with every edit; updates name the one they read. */
  version: number
}

/** A project's status as a coloured chip with its translated label. */
export const ProjectStatusChip = ({
  status,
  size = 'small',
}: {
  status: string
  size?: 'small' | 'medium'
}) => {
  const translate = useTranslate()
  return (
    <Chip
      size={size}
      color={statusColor('project', status).chip}
      label={translate(statusLabelKey('project', status))}
    />
  )
}

/** "逾期" as a chip with an icon, so it does not rely on colour alone. */
export const OverdueChip = () => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      color="error"
      icon={<WarningAmberIcon />}
      label={translate('projects.overdue')}
      data-testid="overdue-chip"
    />
  )
}

/** Checklist progress as a bar plus "3/5 项". */
export const ProgressBar = ({
  project,
}: {
  project: Pick<Project, 'progress' | 'checklistDone' | 'checklistTotal'>
}) => {
  const translate = useTranslate()
  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 120 }}
      data-testid="project-progress"
    >
      <LinearProgress
        variant="determinate"
        value={project.progress}
        sx={{ flex: 1, height: 6, borderRadius: 3 }}
        aria-label={translate('resources.projects.fields.progress')}
      />
      <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }} color="text.secondary">
        {translate('projects.progress', {
          done: project.checklistDone,
          total: project.checklistTotal,
        })}
      </Typography>
    </Box>
  )
}

/** The deadline as a Shanghai date, with how many days are left or overdue for open projects. */
export const Deadline = ({
  project,
  withDays = true,
}: {
  project: Pick<Project, 'deadlineAt' | 'overdue' | 'status'>
  withDays?: boolean
}) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  if (project.deadlineAt == null)
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        {translate('projects.noDeadline')}
      </Typography>
    )
  const open = !CLOSED_PROJECT_STATUSES.includes(project.status)
  const days = daysUntil(project.deadlineAt)
  return (
    <Typography
      variant="body2"
      component="span"
      sx={{
        color: project.overdue ? 'error.main' : undefined,
        fontWeight: project.overdue ? 600 : undefined,
      }}
    >
      {formatDate(project.deadlineAt, locale)}
      {withDays && open && (
        <Typography
          component="span"
          variant="caption"
          sx={{ ml: 0.5 }}
          color={project.overdue ? 'error' : 'text.secondary'}
        >
          {project.overdue
            ? translate('projects.daysOver', { days: Math.max(1, -days) })
            : translate('projects.daysLeft', { days })}
        </Typography>
      )}
    </Typography>
  )
}

const VIEWS = ['list', 'board', 'deadlines'] as const

/** Tabs switching between the projects list, the kanban board and the deadline view. */
export const ProjectViewTabs = ({ current }: { current: (typeof VIEWS)[number] }) => {
  const translate = useTranslate()
  const listPath = useCreatePath()({ resource: 'projects', type: 'list' })
  return (
    <Tabs value={current} sx={{ minHeight: 40, '& .MuiTab-root': { minHeight: 40 } }}>
      {VIEWS.map((view) => (
        <Tab
          key={view}
          value={view}
          label={translate(`projects.views.${view}`)}
          component={LinkBase}
          to={view === 'list' ? listPath : `${listPath}/${view}`}
        />
      ))}
    </Tabs>
  )
}

/** Background for an overdue row or card: a light red wash plus a red left edge. */
export const overdueSx = {
  bgcolor: 'rgba(211, 47, 47, 0.08)',
  boxShadow: 'inset 4px 0 0 #d32f2f',
} as const

type Named = { id: number; name?: string; displayName?: string }

/** Neighborhood and owner names for the cards, fetched once for all cards. */
export const useNames = (projects: Project[]) => {
  const ownerIds = [
    ...new Set(projects.map((p) => p.ownerUserId).filter((id): id is number => id != null)),
  ].sort()
  const nbhdIds = [...new Set(projects.map((p) => p.neighborhoodId))].sort()
  const { data: users = [] } = useGetMany<Named>(
    'users',
    { ids: ownerIds },
    { enabled: ownerIds.length > 0 },
  )
  const { data: nbhds = [] } = useGetMany<Named>(
    'neighborhoods',
    { ids: nbhdIds },
    { enabled: nbhdIds.length > 0 },
  )
  return {
    neighborhood: (id: number) => nbhds.find((n) => n?.id === id)?.name,
    user: (id: number | null) => users.find((u) => u?.id === id)?.displayName,
  }
}
