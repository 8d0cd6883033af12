import { type DragEvent, useState } from 'react'
import {
  Box,
  Card,
  CardActionArea,
  CardContent,
  Chip,
  IconButton,
  Menu,
  MenuItem,
  Paper,
  Stack,
  Typography,
} from '@mui/material'
import MoreVertIcon from '@mui/icons-material/MoreVert'
import {
  LinkBase,
  Title,
  useCreatePath,
  useDataProvider,
  useGetList,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin'
import { CLOSED_PROJECT_STATUSES, PROJECT_STATUSES } from '@domain/vocabulary'
import { statusColor, statusLabelKey } from '../../lib/status'
import { useMe } from '../../lib/useMe'
import {
  Deadline,
  OverdueChip,
  overdueSx,
  ProgressBar,
  type Project,
  ProjectViewTabs,
  useNames,
} from './ProjectBits'
import { BoardFilters, type ProjectFilter, useProjectFilter } from './BoardFilters'

const PER_COLUMN = 50

/**
 * Kanban by status. Dragging a card (or its "move to" menu, for keyboards) sends
 * `PUT /api/projects/:id {status}`; the card moves at once and goes back, with the server's
 * message, if the server refuses.
 */
const ProjectBoard = () => {
  const translate = useTranslate()
  const { writable } = useMe()
  const [filter] = useProjectFilter()
  const dataProvider = useDataProvider()
  const notify = useNotify()
  const refresh = useRefresh()
  const [moving, setMoving] = useState<Record<number, string>>({})
  const [dragging, setDragging] = useState<Project | null>(null)
  const [over, setOver] = useState<string | null>(null)

  const columns = useColumns(filter)
  const all = latestById(columns.flatMap((c) => c.data))
  const names = useNames(all)

  // A moved card stays in its new column until the refetched data agrees with it (adjusted
  // during render as the data changes: React's pattern for state that follows props).
  const seen = all.map((p) => `${p.id}:${p.status}`).join()
  const [seenBefore, setSeenBefore] = useState(seen)
  if (seen !== seenBefore) {
    setSeenBefore(seen)
    setMoving((m) => {
      const stale = Object.keys(m).filter((id) =>
        all.some((p) => p.id === Number(id) && p.status === m[Number(id)]),
      )
      if (!stale.length) return m
      const next = { ...m }
      for (const id of stale) delete next[Number(id)]
      return next
    })
  }

  const move = async (project: Project, to: string) => {
    if (project.status === to) return
    setMoving((m) => ({ ...m, [project.id]: to }))
    try {
      await dataProvider.update<Project>('projects', {
        id: project.id,
        data: { status: to },
        previousData: project,
      })
      notify('projects.board.moved', {
        type: 'success',
        messageArgs: { status: translate(statusLabelKey('project', to)) },
      })
    } catch (error) {
      setMoving(({ [project.id]: _, ...rest }) => rest)
      notify((error as Error).message || 'ra.notification.http_error', { type: 'error' })
    }
    refresh()
  }

  const onDrop = (e: DragEvent, status: string) => {
    e.preventDefault()
    setOver(null)
    if (dragging) move(dragging, status)
    setDragging(null)
  }

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('projects.board.title')} />
      <ProjectViewTabs current="board" />
      <BoardFilters />
      {writable && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {translate('projects.board.dragHint')}
        </Typography>
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: `repeat(${PROJECT_STATUSES.length}, minmax(180px, 1fr))`,
          gap: 1.5,
          overflowX: 'auto',
          pb: 2,
        }}
      >
        {columns.map(({ status, total }) => {
          const cards = all.filter((p) => (moving[p.id] ?? p.status) === status)
          const movedIn = cards.filter((p) => p.status !== status).length
          const movedOut = all.filter(
            (p) => p.status === status && (moving[p.id] ?? status) !== status,
          ).length
          const shownTotal = total + movedIn - movedOut
          const canDrop = writable && dragging != null && dragging.status !== status
          return (
            <Paper
              key={status}
              variant="outlined"
              data-testid={`board-column-${status}`}
              onDragOver={(e) => {
                if (!canDrop) return
                e.preventDefault()
                e.dataTransfer.dropEffect = 'move'
                setOver(status)
              }}
              onDragLeave={() => setOver((o) => (o === status ? null : o))}
              onDrop={(e) => canDrop && onDrop(e, status)}
              sx={{
                bgcolor: over === status ? 'action.hover' : 'grey.50',
                borderTop: 4,
                borderTopColor: statusColor('project', status).hex,
                minHeight: 320,
                p: 1,
                outline: over === status ? '2px dashed' : undefined,
                outlineColor: 'primary.main',
              }}
            >
              <Stack direction="row" sx={{ alignItems: 'center', mb: 1, px: 0.5 }}>
                <Typography variant="subtitle2" component="h2" sx={{ flex: 1 }}>
                  {translate(statusLabelKey('project', status))}
                </Typography>
                <Chip size="small" label={shownTotal} data-testid="column-count" />
              </Stack>
              <Stack spacing={1}>
                {cards.map((p) => (
                  <BoardCard
                    key={p.id}
                    project={p}
                    names={names}
                    draggable={writable}
                    onDragStart={() => setDragging(p)}
                    onDragEnd={() => {
                      setDragging(null)
                      setOver(null)
                    }}
                    onMove={writable ? (to) => move(p, to) : undefined}
                  />
                ))}
                {cards.length === 0 && (
                  <Typography variant="body2" color="text.secondary" sx={{ px: 0.5 }}>
                    {translate('projects.board.empty')}
                  </Typography>
                )}
                {total > PER_COLUMN && (
                  <Typography variant="caption" color="text.secondary" sx={{ px: 0.5 }}>
                    {translate('projects.board.more', { count: total - PER_COLUMN })}
                  </Typography>
                )}
              </Stack>
            </Paper>
          )
        })}
      </Box>
    </Box>
  )
}

const BoardCard = ({
  project,
  names,
  draggable,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  project: Project
  names: {
    neighborhood: (id: number) => string | undefined
    user: (id: number | null) => string | undefined
  }
  draggable: boolean
  onDragStart: () => void
  onDragEnd: () => void
  onMove?: (to: string) => void
}) => {
  const translate = useTranslate()
  const createPath = useCreatePath()
  const [menu, setMenu] = useState<HTMLElement | null>(null)
  return (
    <Card
      variant="outlined"
      draggable={draggable}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', String(project.id))
        e.dataTransfer.effectAllowed = 'move'
        onDragStart()
      }}
      onDragEnd={onDragEnd}
      data-testid={`project-card-${project.id}`}
      sx={{
        cursor: draggable ? 'grab' : undefined,
        position: 'relative',
        ...(project.overdue ? overdueSx : {}),
      }}
    >
      <CardActionArea
        component={LinkBase}
        to={createPath({ resource: 'projects', id: project.id, type: 'show' })}
        draggable={false}
      >
        <CardContent sx={{ p: 1.25, pr: onMove ? 4 : 1.25, '&:last-child': { pb: 1.25 } }}>
          <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
            {project.title}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div">
            {[names.neighborhood(project.neighborhoodId), names.user(project.ownerUserId)]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
          <Stack
            direction="row"
            spacing={0.5}
            sx={{ alignItems: 'center', my: 0.5, flexWrap: 'wrap' }}
          >
            <Deadline project={project} />
            {project.overdue && <OverdueChip />}
          </Stack>
          {project.checklistTotal > 0 && <ProgressBar project={project} />}
        </CardContent>
      </CardActionArea>
      {onMove && (
        <>
          <IconButton
            size="small"
            aria-label={translate('projects.board.moveTo')}
            onClick={(e) => setMenu(e.currentTarget)}
            sx={{ position: 'absolute', top: 2, right: 2 }}
          >
            <MoreVertIcon fontSize="small" />
          </IconButton>
          <Menu anchorEl={menu} open={menu != null} onClose={() => setMenu(null)}>
            <MenuItem disabled dense>
              {translate('projects.board.moveTo')}
            </MenuItem>
            {PROJECT_STATUSES.filter((s) => s !== project.status).map((s) => (
              <MenuItem
                key={s}
                onClick={() => {
                  setMenu(null)
                  onMove(s)
                }}
              >
                {translate(statusLabelKey('project', s))}
              </MenuItem>
            ))}
          </Menu>
        </>
      )}
    </Card>
  )
}

/** While columns refetch one by one a project may sit in two of them: keep its newest copy. */
const latestById = (projects: Project[]) => {
  const byId = new Map<number, Project>()
  for (const p of projects) {
    const seen = byId.get(p.id)
    if (!seen || p.updatedAt > seen.updatedAt) byId.set(p.id, p)
  }
  return [...byId.values()]
}

/** One query per column: open columns by nearest deadline, closed ones most recent first. */
const useColumns = (filter: ProjectFilter) =>
  PROJECT_STATUSES.map((status) => {
    const closed = CLOSED_PROJECT_STATUSES.includes(status)
    // A loop over a constant tuple: the same hooks run in the same order on every render.
    // biome-ignore lint/correctness/useHookAtTopLevel: PROJECT_STATUSES never changes length
    const { data = [], total = 0 } = useGetList<Project>('projects', {
      filter: { ...filter, status },
      sort: closed ? { field: 'updatedAt', order: 'DESC' } : { field: 'deadlineAt', order: 'ASC' },
      pagination: { page: 1, perPage: PER_COLUMN },
    })
    return { status, data, total }
  })

export default ProjectBoard
