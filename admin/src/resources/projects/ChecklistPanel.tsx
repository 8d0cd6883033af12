import { useState } from 'react'
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Checkbox,
  IconButton,
  List as MuiList,
  ListItem,
  MenuItem,
  TextField as MuiTextField,
  Tooltip,
  Typography,
} from '@mui/material'
import AddIcon from '@mui/icons-material/Add'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import EditIcon from '@mui/icons-material/Edit'
import {
  useCreate,
  useDelete,
  useGetList,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin'
import { formatDate, shanghaiDay } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { deadlineFromDay } from './dates'
import type { Project } from './ProjectBits'

export type ChecklistItem = {
  id: number
  projectId: number
  title: string
  ownerUserId: number | null
  dueAt: number | null
  done: boolean
  doneAt: number | null
  sortOrder: number
}
type User = { id: number; displayName: string }
type Draft = { title: string; ownerUserId: number | ''; due: string }

const emptyDraft: Draft = { title: '', ownerUserId: '', due: '' }
const toDraft = (item: ChecklistItem): Draft => ({
  title: item.title,
  ownerUserId: item.ownerUserId ?? '',
  due: item.dueAt == null ? '' : shanghaiDay(item.dueAt),
})
const fromDraft = (draft: Draft) => ({
  title: draft.title.trim(),
  ownerUserId: draft.ownerUserId === '' ? null : draft.ownerUserId,
  dueAt: draft.due ? deadlineFromDay(draft.due) : null,
})

/**
 * The project's checklist: tick items done (progress follows on the server), add, edit and
 * delete items. Every change refetches the project so its progress bar stays true.
 */
const ChecklistPanel = ({ project }: { project: Project }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const { writable } = useMe()
  const [locale] = useLocaleState()
  const { data: items = [], isPending } = useGetList<ChecklistItem>('checklist-items', {
    filter: { projectId: project.id },
    sort: { field: 'sortOrder', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  })
  const { data: users = [] } = useGetList<User>('users', {
    filter: { neighborhoodId: project.neighborhoodId, disabled: false },
    sort: { field: 'displayName', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  })
  const [update] = useUpdate<ChecklistItem>()
  const [create, { isPending: creating }] = useCreate<ChecklistItem>()
  const [remove] = useDelete<ChecklistItem>()
  const [editing, setEditing] = useState<number | null>(null)
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [adding, setAdding] = useState<Draft>(emptyDraft)

  const onError = (error: unknown) =>
    notify((error as Error).message || 'ra.notification.http_error', { type: 'error' })
  const owner = (id: number | null) => users.find((u) => u.id === id)?.displayName

  // The box flips at once; the server's answer (and the project's new progress) follows.
  const [ticking, setTicking] = useState<Record<number, boolean>>({})
  const settle = (id: number) => setTicking(({ [id]: _, ...rest }) => rest)
  // When the server's answer shows a flip, it is settled: adjusted during render as the items
  // change (React's pattern for state that follows props), so no effect re-reads `ticking`.
  const seen = items.map((i) => `${i.id}:${i.done}`).join()
  const [seenBefore, setSeenBefore] = useState(seen)
  if (seen !== seenBefore) {
    setSeenBefore(seen)
    setTicking((t) => {
      const shown = new Map(items.map((i) => [i.id, i.done]))
      return Object.fromEntries(Object.entries(t).filter(([id, done]) => shown.get(+id) !== done))
    })
  }
  const toggle = (item: ChecklistItem) => {
    const next = !(ticking[item.id] ?? item.done)
    setTicking((t) => ({ ...t, [item.id]: next }))
    update(
      'checklist-items',
      { id: item.id, data: { done: next }, previousData: item },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => refresh(),
        onError: (error) => {
          settle(item.id)
          onError(error)
        },
      },
    )
  }
  const save = (item: ChecklistItem) => {
    if (!draft.title.trim()) return
    update(
      'checklist-items',
      { id: item.id, data: fromDraft(draft), previousData: item },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setEditing(null)
          refresh()
        },
        onError,
      },
    )
  }
  const add = () => {
    if (!adding.title.trim()) return
    create(
      'checklist-items',
      { data: { projectId: project.id, ...fromDraft(adding) } },
      {
        onSuccess: () => {
          setAdding(emptyDraft)
          refresh()
        },
        onError,
      },
    )
  }
  const del = (item: ChecklistItem) => {
    if (!window.confirm(translate('projects.checklist.deleteConfirm', { title: item.title })))
      return
    remove(
      'checklist-items',
      { id: item.id, previousData: item },
      { mutationMode: 'pessimistic', onSuccess: () => refresh(), onError },
    )
  }

  const draftFields = (value: Draft, set: (d: Draft) => void, autoFocus = false) => (
    <>
      <MuiTextField
        size="small"
        label={translate('resources.checklist-items.fields.title')}
        value={value.title}
        onChange={(e) => set({ ...value, title: e.target.value })}
        autoFocus={autoFocus}
        sx={{ flex: 2, minWidth: 180 }}
        slotProps={{ htmlInput: { maxLength: 200 } }}
      />
      <MuiTextField
        select
        size="small"
        label={translate('resources.checklist-items.fields.ownerUserId')}
        value={value.ownerUserId}
        onChange={(e) =>
          set({ ...value, ownerUserId: e.target.value === '' ? '' : Number(e.target.value) })
        }
        sx={{ flex: 1, minWidth: 140 }}
      >
        <MenuItem value="">{translate('projects.checklist.noOwner')}</MenuItem>
        {users.map((u) => (
          <MenuItem key={u.id} value={u.id}>
            {u.displayName}
          </MenuItem>
        ))}
      </MuiTextField>
      <MuiTextField
        type="date"
        size="small"
        label={translate('resources.checklist-items.fields.dueAt')}
        value={value.due}
        onChange={(e) => set({ ...value, due: e.target.value })}
        slotProps={{ inputLabel: { shrink: true } }}
        sx={{ width: 160 }}
      />
    </>
  )

  return (
    <Card variant="outlined" data-testid="checklist">
      <CardHeader
        title={translate('projects.checklist.title')}
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {!isPending && items.length === 0 && (
          <Typography color="text.secondary">{translate('projects.checklist.empty')}</Typography>
        )}
        <MuiList dense disablePadding>
          {items.map((item) =>
            editing === item.id ? (
              <ListItem key={item.id} disableGutters sx={{ gap: 1, flexWrap: 'wrap' }}>
                {draftFields(draft, setDraft, true)}
                <Button variant="contained" size="small" onClick={() => save(item)}>
                  {translate('ra.action.save')}
                </Button>
                <Button size="small" onClick={() => setEditing(null)}>
                  {translate('ra.action.cancel')}
                </Button>
              </ListItem>
            ) : (
              <ListItem
                key={item.id}
                disableGutters
                data-testid="checklist-item"
                secondaryAction={
                  writable && (
                    <Box>
                      <Tooltip title={translate('ra.action.edit')}>
                        <IconButton
                          size="small"
                          onClick={() => {
                            setEditing(item.id)
                            setDraft(toDraft(item))
                          }}
                          aria-label={translate('ra.action.edit')}
                        >
                          <EditIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                      <Tooltip title={translate('ra.action.delete')}>
                        <IconButton
                          size="small"
                          onClick={() => del(item)}
                          aria-label={translate('ra.action.delete')}
                        >
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </Box>
                  )
                }
              >
                <Checkbox
                  edge="start"
                  checked={ticking[item.id] ?? item.done}
                  disabled={!writable}
                  onChange={() => toggle(item)}
                  slotProps={{
                    input: {
                      'aria-label': translate('projects.checklist.toggle', { title: item.title }),
                    },
                  }}
                />
                <Box sx={{ minWidth: 0, pr: writable ? 10 : 0 }}>
                  <Typography
                    variant="body2"
                    sx={
                      (ticking[item.id] ?? item.done)
                        ? { textDecoration: 'line-through', color: 'text.secondary' }
                        : undefined
                    }
                  >
                    {item.title}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {[owner(item.ownerUserId), item.dueAt != null && formatDate(item.dueAt, locale)]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                </Box>
              </ListItem>
            ),
          )}
        </MuiList>
        {writable && (
          <Box
            component="form"
            onSubmit={(e) => {
              e.preventDefault()
              add()
            }}
            sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap', alignItems: 'center' }}
            aria-label={translate('projects.checklist.add')}
          >
            {draftFields(adding, setAdding)}
            <Button
              type="submit"
              variant="outlined"
              startIcon={<AddIcon />}
              disabled={creating || !adding.title.trim()}
            >
              {translate('projects.checklist.add')}
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  )
}

export default ChecklistPanel
