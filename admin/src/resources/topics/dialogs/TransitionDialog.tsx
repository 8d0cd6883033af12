import { useState } from 'react'
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material'
import { useDataProvider, useTranslate } from 'react-admin'
import type { JushouDataProvider } from '../../../dataProvider'
import { useWorkflowCall } from './useWorkflowCall'
import type { Topic } from '../types'

export type TransitionTo = 'accepted' | 'declined' | 'referred' | 'in_progress' | 'done'

type Props = {
  to: TransitionTo
  topics: Topic[]
  open: boolean
  onClose: () => void
  onDone?: () => void
}

// What each move asks for: accept needs a public reply, decline a public reason, refer a department.
const NEEDS: Record<
  TransitionTo,
  { note: 'required' | 'optional'; noteLabel: string; referredTo?: true }
> = {
  accepted: { note: 'required', noteLabel: 'topics.dialog.publicReply' },
  declined: { note: 'required', noteLabel: 'topics.dialog.publicReason' },
  referred: { note: 'optional', noteLabel: 'topics.dialog.note', referredTo: true },
  in_progress: { note: 'optional', noteLabel: 'topics.dialog.note' },
  done: { note: 'optional', noteLabel: 'topics.dialog.note' },
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
  const needs = NEEDS[to]
  const single = topics.length === 1
  const ready =
    (needs.note === 'optional' || note.trim() !== '') &&
    (!needs.referredTo || referredTo.trim() !== '')

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
      ...(needs.referredTo ? { referredTo: referredTo.trim() } : {}),
    }
    return run(
      () =>
        single
          ? dataProvider.transition(topics[0].id, {
              ...input,
              ...(internalNote.trim() ? { internalNote: internalNote.trim() } : {}),
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
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (ready && !busy) submit()
        }}
        data-testid={`transition-${to}`}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          {needs.referredTo && (
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
            autoFocus={!needs.referredTo}
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            name="note"
            required={needs.note === 'required'}
            label={translate(needs.noteLabel)}
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
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={!ready || busy}>
            {translate('topics.dialog.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}

export default TransitionDialog
