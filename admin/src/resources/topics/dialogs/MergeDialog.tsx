import { useEffect, useState } from 'react'
import { Alert, Autocomplete, TextField } from '@mui/material'
import { useDataProvider, useGetList, useTranslate } from 'react-admin'
import FormDialog from '../../../common/FormDialog'
import type { JushouDataProvider } from '../../../dataProvider'
import { OPEN_TOPIC_STATUSES } from '@domain/vocabulary'
import { useWorkflowCall } from './useWorkflowCall'
import type { Topic } from '../types'

type Props = {
  topics: (Pick<Topic, 'id' | 'neighborhoodId'> & Partial<Pick<Topic, 'version'>>)[]
  open: boolean
  onClose: () => void
  onDone?: () => void
  /** A target chosen already (e.g. merging a look-alike into the topic on screen). */
  initialTarget?: Topic
}

/** Merges one or several topics into a target picked by number or title search. */
const MergeDialog = ({ topics, open, onClose, onDone, initialTarget }: Props) => {
  const translate = useTranslate()
  const dataProvider = useDataProvider<JushouDataProvider>()
  const { busy, run } = useWorkflowCall()
  const [input, setInput] = useState('')
  const [query, setQuery] = useState('')
  const [target, setTarget] = useState<Topic | null>(initialTarget ?? null)
  const [note, setNote] = useState('')

  useEffect(() => {
    // The API takes searches of up to 100 characters (longer is a 400): never send more.
    const t = setTimeout(() => setQuery([...input.trim()].slice(0, 100).join('')), 250)
    return () => clearTimeout(t)
  }, [input])

  const asId = /^#?\d+$/.test(query) ? Number(query.replace('#', '')) : null
  const neighborhoodIds = [...new Set(topics.map((t) => t.neighborhoodId))]
  const { data = [], isFetching } = useGetList<Topic>(
    'topics',
    {
      filter: asId
        ? { id: [asId] }
        : {
            status: OPEN_TOPIC_STATUSES,
            ...(neighborhoodIds.length === 1 ? { neighborhoodId: neighborhoodIds[0] } : {}),
            ...(query ? { q: query } : {}),
          },
      pagination: { page: 1, perPage: 20 },
      sort: { field: 'createdAt', order: 'DESC' },
    },
    { enabled: open },
  )
  const selected = new Set(topics.map((t) => t.id))
  const found = data.filter((t) => !selected.has(t.id))
  // The chosen target stays an option even when the search no longer finds it.
  const options = target && !found.some((t) => t.id === target.id) ? [target, ...found] : found

  const submit = () => {
    if (!target) return
    const body = { targetId: target.id, ...(note.trim() ? { note: note.trim() } : {}) }
    return run(
      () =>
        topics.length === 1
          ? dataProvider.merge(topics[0].id, { ...body, version: topics[0].version })
          : dataProvider.bulkMerge({ ids: topics.map((t) => t.id), ...body }),
      ['topics.dialog.merged', { id: target.id }],
      () => {
        setTarget(null)
        setNote('')
        onClose()
        onDone?.()
      },
    )
  }

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={translate('topics.dialog.mergeTitle', { smart_count: topics.length })}
      onSubmit={submit}
      ready={target !== null}
      busy={busy}
      submitLabel="topics.dialog.confirm"
      testId="transition-merged"
    >
      <Autocomplete<Topic>
        options={options}
        value={target}
        onChange={(_, value) => setTarget(value)}
        inputValue={input}
        onInputChange={(_, value) => setInput(value)}
        filterOptions={(x) => x}
        loading={isFetching}
        loadingText={translate('app.common.loading')}
        noOptionsText={translate('topics.dialog.noMatch')}
        openText={translate('ra.action.open')}
        closeText={translate('ra.action.close')}
        clearText={translate('ra.action.clear_input_value')}
        getOptionLabel={(t) => `#${t.id} ${t.title}`}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        renderInput={(params) => (
          <TextField
            {...params}
            autoFocus
            required
            margin="dense"
            name="targetId"
            label={translate('topics.dialog.mergeTarget')}
            helperText={translate('topics.dialog.mergeTargetHelp')}
          />
        )}
      />
      {target && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="merge-survivor">
          {translate('topics.dialog.survives', {
            target: `#${target.id} ${target.title}`,
            sources: topics.map((t) => `#${t.id}`).join('、'),
          })}
        </Alert>
      )}
      <TextField
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        name="note"
        label={translate('topics.dialog.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </FormDialog>
  )
}

export default MergeDialog
