import { useState } from 'react'
import { TextField } from '@mui/material'
import { useDataProvider, useTranslate } from 'react-admin'
import { missingFields } from '@domain/topic-workflow'
import FormDialog from '../../../common/FormDialog'
import type { JushouDataProvider } from '../../../dataProvider'
import { useWorkflowCall } from './useWorkflowCall'
import type { Move } from '../transitions'
import type { Topic } from '../types'

/** The moves this dialog makes (adopt and merge have their own). */
export type TransitionTo = Exclude<Move, 'adopted' | 'merged'>

type Props = {
  to: TransitionTo
  topics: Topic[]
  open: boolean
  onClose: () => void
  onDone?: () => void
}

// How the note is labelled; which fields a move requires is the server's rule (missingFields).
const NOTE_LABEL: Record<TransitionTo, string> = {
  accepted: 'topics.dialog.publicReply',
  declined: 'topics.dialog.publicReason',
  referred: 'topics.dialog.note',
  in_progress: 'topics.dialog.note',
  done: 'topics.dialog.note',
}

const TITLES: Partial<Record<TransitionTo, string>> = {
  accepted: 'topics.dialog.acceptTitle',
  declined: 'topics.dialog.declineTitle',
  referred: 'topics.dialog.referTitle',
}

/**
 * One state move for one or several topics, with the notes it needs. One topic goes through
 * POST /api/topics/:id/transition (with an internal note), several through bulk-transition
 * (all-or-nothing; the server's per-topic errors are shown).
 */
const TransitionDialog = ({ to, topics, open, onClose, onDone }: Props) => {
  const translate = useTranslate()
  const dataProvider = useDataProvider<JushouDataProvider>()
  const { busy, run } = useWorkflowCall()
  const [note, setNote] = useState('')
  const [internalNote, setInternalNote] = useState('')
  const [referredTo, setReferredTo] = useState('')
  const required = missingFields(to, {})
  const asksReferredTo = 'referredTo' in required
  const single = topics.length === 1
  const ready = Object.keys(missingFields(to, { note, referredTo })).length === 0

  const title = TITLES[to]
    ? translate(TITLES[to]!, { smart_count: topics.length })
    : translate('topics.dialog.transitionTitle', {
        action: translate(`topics.transition.${to}`),
        title: single ? `#${topics[0].id} ${topics[0].title}` : `${topics.length}`,
      })

  const submit = () => {
    const input = {
      to,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(asksReferredTo ? { referredTo: referredTo.trim() } : {}),
    }
    return run(
      () =>
        single
          ? dataProvider.transition(topics[0].id, {
              ...input,
              ...(internalNote.trim() ? { internalNote: internalNote.trim() } : {}),
              version: topics[0].version,
            })
          : dataProvider.bulkTransition({ ids: topics.map((t) => t.id), ...input }),
      ['topics.dialog.done', { smart_count: topics.length }],
      () => {
        setNote('')
        setInternalNote('')
        setReferredTo('')
        onClose()
        onDone?.()
      },
    )
  }

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={title}
      onSubmit={submit}
      ready={ready}
      busy={busy}
      submitLabel="topics.dialog.confirm"
      testId={`transition-${to}`}
    >
      {asksReferredTo && (
        <TextField
          autoFocus
          fullWidth
          required
          margin="dense"
          name="referredTo"
          label={translate('topics.dialog.referredTo')}
          value={referredTo}
          onChange={(e) => setReferredTo(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
      )}
      <TextField
        autoFocus={!asksReferredTo}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        name="note"
        required={'note' in required}
        label={translate(NOTE_LABEL[to])}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 1000 } }}
      />
      {single && (
        <TextField
          fullWidth
          multiline
          minRows={1}
          margin="dense"
          name="internalNote"
          label={translate('topics.dialog.internalNote')}
          value={internalNote}
          onChange={(e) => setInternalNote(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 1000 } }}
        />
      )}
    </FormDialog>
  )
}

export default TransitionDialog
