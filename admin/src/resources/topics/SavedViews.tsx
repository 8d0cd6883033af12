import { useMemo, useState } from 'react'
import { Box, Button, Chip, TextField } from '@mui/material'
import BookmarkAddIcon from '@mui/icons-material/BookmarkAdd'
import {
  useCreate,
  useDelete,
  useGetList,
  useListContext,
  useNotify,
  useTranslate,
} from 'react-admin'
import FormDialog from '../../common/FormDialog'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { useSecondary } from '../../lib/useSecondary'
import { builtInViews, isCurrentView, viewParams, type View, type ViewParams } from './views'

type SavedView = { id: number; resource: string; name: string; params: ViewParams }

/**
 * Views above the grid: the built-in ones (待受理, 本周新增, 我负责的) and the user's own
 * (server resource `saved-views`), plus "save current view".
 */
const SavedViews = () => {
  const { filterValues, sort, setFilters, setSort } = useListContext()
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { me, writable } = useMe()
  // The user's own views and projects are asked for once the grid has its rows (useSecondary);
  // the built-in views show at once.
  const ready = useSecondary()
  const saved = useGetList<SavedView>(
    'saved-views',
    {
      filter: { resource: 'topics' },
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: ready },
  )
  const mine = useGetList<{ id: number }>(
    'projects',
    {
      filter: { ownerUserId: me?.id },
      sort: { field: 'id', order: 'DESC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: ready && me !== undefined },
  )
  const myProjectIds = useMemo(() => mine.data?.map((p) => p.id), [mine.data])
  const [create, { isPending: saving }] = useCreate()
  const [remove] = useDelete()
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')

  const views = useMemo<View[]>(
    () => [
      ...builtInViews(Date.now(), myProjectIds).map((v) => ({ ...v, label: translate(v.label) })),
      ...(saved.data ?? []).map((v) => ({
        key: `saved-${v.id}`,
        label: v.name,
        params: v.params,
        savedId: v.id,
      })),
    ],
    [myProjectIds, saved.data, translate],
  )

  const apply = (view: View) => {
    // "this week" starts on the Monday of the week the click happens in
    const filter =
      view.key === 'thisWeek' ? builtInViews(Date.now())[2].params.filter : view.params.filter
    setFilters(filter, Object.fromEntries(Object.keys(filter).map((k) => [k, true])))
    if (view.params.sort) setSort(view.params.sort)
  }

  const save = () => {
    const params = viewParams(filterValues, sort)
    create(
      'saved-views',
      { data: { resource: 'topics', name: name.trim(), params } },
      {
        onSuccess: () => {
          setNaming(false)
          setName('')
          notify('topics.views.saved', { type: 'success' })
        },
        onError: notifyError,
      },
    )
  }

  const removeView = (view: View) =>
    remove(
      'saved-views',
      { id: view.savedId!, previousData: { id: view.savedId! } },
      { mutationMode: 'pessimistic', onError: notifyError },
    )

  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, alignItems: 'center', py: 0.5, flex: 1 }}
      role="toolbar"
      aria-label={translate('topics.views.label')}
      data-testid="saved-views"
    >
      {views.map((view) => {
        const current = isCurrentView(view, filterValues, sort)
        return (
          <Chip
            key={view.key}
            label={view.label}
            size="small"
            clickable
            color={current ? 'primary' : 'default'}
            variant={current ? 'filled' : 'outlined'}
            onClick={() => apply(view)}
            onDelete={view.savedId && writable ? () => removeView(view) : undefined}
            aria-pressed={current}
            data-view={view.key}
          />
        )
      })}
      {writable && (
        <Button size="small" startIcon={<BookmarkAddIcon />} onClick={() => setNaming(true)}>
          {translate('topics.views.save')}
        </Button>
      )}
      <FormDialog
        open={naming}
        onClose={() => setNaming(false)}
        title={translate('topics.views.saveTitle')}
        onSubmit={save}
        ready={name.trim() !== ''}
        busy={saving}
        submitLabel="ra.action.save"
        maxWidth="xs"
      >
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label={translate('topics.views.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 60 } }}
        />
      </FormDialog>
    </Box>
  )
}

export default SavedViews
