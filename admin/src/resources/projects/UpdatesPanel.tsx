import { useState } from 'react'
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControlLabel,
  IconButton,
  Stack,
  Switch,
  TextField as MuiTextField,
  Typography,
} from '@mui/material'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import {
  useCreate,
  useDelete,
  useGetList,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'

type ProjectUpdate = {
  id: number
  projectId: number
  at: number
  body: string
  public: boolean
  authorUserId?: number | null
  authorName?: string | null
}

/** Progress updates of a project; public ones appear on the resident timeline. */
const UpdatesPanel = ({ projectId }: { projectId: number }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const [locale] = useLocaleState()
  const { writable } = useMe()
  const {
    data: updates = [],
    isPending,
    refetch,
  } = useGetList<ProjectUpdate>('project-updates', {
    filter: { projectId },
    sort: { field: 'at', order: 'DESC' },
    pagination: { page: 1, perPage: 100 },
  })
  const [create, { isPending: posting }] = useCreate<ProjectUpdate>()
  const [remove] = useDelete<ProjectUpdate>()
  const [body, setBody] = useState('')
  const [isPublic, setPublic] = useState(true)
  const onError = (error: unknown) =>
    notify((error as Error).message || 'ra.notification.http_error', { type: 'error' })

  const post = () => {
    if (!body.trim()) return
    create(
      'project-updates',
      { data: { projectId, body: body.trim(), public: isPublic } },
      {
        onSuccess: () => {
          setBody('')
          refetch()
        },
        onError,
      },
    )
  }
  const del = (update: ProjectUpdate) => {
    if (!window.confirm(translate('projects.updates.deleteConfirm'))) return
    remove(
      'project-updates',
      { id: update.id, previousData: update },
      { mutationMode: 'pessimistic', onSuccess: () => refetch(), onError },
    )
  }

  return (
    <Card variant="outlined" data-testid="updates">
      <CardHeader
        title={translate('projects.updates.title')}
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {writable && (
          <Box
            component="form"
            onSubmit={(e) => {
              e.preventDefault()
              post()
            }}
            sx={{ mb: 2 }}
          >
            <MuiTextField
              multiline
              minRows={2}
              fullWidth
              size="small"
              label={translate('resources.project-updates.fields.body')}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
            <Stack
              direction="row"
              sx={{ mt: 1, justifyContent: 'space-between', alignItems: 'center' }}
            >
              <FormControlLabel
                control={
                  <Switch checked={isPublic} onChange={(e) => setPublic(e.target.checked)} />
                }
                label={translate('resources.project-updates.fields.public')}
              />
              <Button
                type="submit"
                variant="contained"
                size="small"
                disabled={posting || !body.trim()}
              >
                {translate('projects.updates.add')}
              </Button>
            </Stack>
          </Box>
        )}
        {!isPending && updates.length === 0 && (
          <Typography color="text.secondary">{translate('projects.updates.empty')}</Typography>
        )}
        <Stack spacing={1.5}>
          {updates.map((u) => (
            <Box
              key={u.id}
              sx={{ borderLeft: 3, borderColor: u.public ? 'primary.main' : 'divider', pl: 1.5 }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography variant="caption" color="text.secondary">
                  {formatDateTime(u.at, locale)}
                  {u.authorName ? ` · ${u.authorName}` : ''}
                </Typography>
                <Chip
                  size="small"
                  variant="outlined"
                  label={translate(
                    u.public ? 'projects.updates.public' : 'projects.updates.internal',
                  )}
                />
                <Box sx={{ flex: 1 }} />
                {writable && (
                  <IconButton
                    size="small"
                    onClick={() => del(u)}
                    aria-label={translate('ra.action.delete')}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                )}
              </Stack>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {u.body}
              </Typography>
            </Box>
          ))}
        </Stack>
      </CardContent>
    </Card>
  )
}

export default UpdatesPanel
