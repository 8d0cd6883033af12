import { useState } from 'react'
import { Alert, MenuItem, TextField } from '@mui/material'
import {
  useCreate,
  useCreatePath,
  useGetList,
  useNavigate,
  useNotify,
  useRefresh,
  useResourceDefinitions,
  useTranslate,
} from 'react-admin'
import FormDialog from '../../../common/FormDialog'
import { shanghaiDayStart } from '../../../lib/format'
import { useMe } from '../../../lib/useMe'
import { useNotifyError } from '../../../lib/useNotifyError'
import { sharedNeighborhood } from '../transitions'
import type { Topic } from '../types'

type Props = { topics: Topic[]; open: boolean; onClose: () => void; onDone?: () => void }
type User = { id: number; displayName: string; username: string; role: string; disabled: boolean }

const DAY = 86_400_000

/**
 * 举手立项: creates a project that adopts the topics (POST /api/projects with topicIds; the server
 * moves them to 'adopted' in the same batch, or refuses and changes nothing).
 */
const AdoptDialog = ({ topics, open, onClose, onDone }: Props) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const navigate = useNavigate()
  const createPath = useCreatePath()
  const resources = useResourceDefinitions()
  const { me } = useMe()
  const [create, { isPending }] = useCreate()
  const users = useGetList<User>(
    'users',
    {
      filter: { disabled: false },
      sort: { field: 'displayName', order: 'ASC' },
      pagination: { page: 1, perPage: 500 },
    },
    { enabled: open },
  )
  const neighborhoodId = sharedNeighborhood(topics)
  const [title, setTitle] = useState('')
  const [ownerUserId, setOwner] = useState<number | ''>('')
  const [owningBody, setOwningBody] = useState('')
  const [deadline, setDeadline] = useState('')
  const [description, setDescription] = useState('')

  // Filled in as the dialog opens (and only then: later edits are the user's), during render
  // rather than in an effect, so the first frame already shows them.
  const [wasOpen, setWasOpen] = useState(false)
  if (open !== wasOpen) {
    setWasOpen(open)
    if (open) {
      setTitle(topics.length === 1 ? topics[0].title : '')
      setOwner(me?.role === 'viewer' ? '' : (me?.id ?? ''))
    }
  }

  const owners = (users.data ?? []).filter((u) => u.role !== 'viewer')
  const ready = title.trim() !== '' && neighborhoodId !== null

  const submit = () =>
    create(
      'projects',
      {
        data: {
          title: title.trim(),
          neighborhoodId,
          topicIds: topics.map((t) => t.id),
          ...(ownerUserId !== '' ? { ownerUserId } : {}),
          ...(owningBody.trim() ? { owningBody: owningBody.trim() } : {}),
          // the deadline is the end of the chosen day, Shanghai time
          ...(deadline ? { deadlineAt: shanghaiDayStart(deadline) + DAY - 1 } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
        },
      },
      {
        onSuccess: (project) => {
          notify('topics.dialog.adopted', {
            type: 'success',
            messageArgs: { title: project.title },
          })
          onClose()
          onDone?.()
          refresh()
          const def = resources.projects
          if (def?.hasShow)
            navigate(createPath({ resource: 'projects', id: project.id, type: 'show' }))
        },
        onError: notifyError,
      },
    )

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={translate('topics.dialog.adoptTitle', { smart_count: topics.length })}
      onSubmit={submit}
      ready={ready}
      busy={isPending}
      submitLabel="topics.dialog.confirm"
      testId="transition-adopted"
    >
      {neighborhoodId === null && topics.length > 0 && (
        <Alert severity="warning">{translate('topics.dialog.sameNeighborhood')}</Alert>
      )}
      <TextField
        autoFocus
        fullWidth
        required
        margin="dense"
        name="title"
        label={translate('topics.dialog.projectTitle')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 200 } }}
      />
      <TextField
        select
        fullWidth
        margin="dense"
        name="ownerUserId"
        label={translate('topics.dialog.owner')}
        value={owners.length ? ownerUserId : ''}
        onChange={(e) => setOwner(e.target.value === '' ? '' : Number(e.target.value))}
      >
        <MenuItem value="">{translate('app.common.none')}</MenuItem>
        {owners.map((u) => (
          <MenuItem key={u.id} value={u.id}>
            {u.displayName} ({u.username})
          </MenuItem>
        ))}
      </TextField>
      <TextField
        fullWidth
        margin="dense"
        name="owningBody"
        label={translate('topics.dialog.owningBody')}
        helperText={translate('topics.dialog.owningBodyHelp')}
        value={owningBody}
        onChange={(e) => setOwningBody(e.target.value)}
      />
      <TextField
        fullWidth
        margin="dense"
        type="date"
        name="deadline"
        label={translate('topics.dialog.deadline')}
        value={deadline}
        onChange={(e) => setDeadline(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        name="description"
        label={translate('topics.dialog.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
    </FormDialog>
  )
}

export default AdoptDialog
