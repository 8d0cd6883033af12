import { useState } from 'react'
import {
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material'
import { CLAIM_STATUS_LOOK, type ClaimStatus } from '@domain/vocabulary'
import { useNotify, useRefresh, useTranslate } from 'react-admin'
import { useNotifyError } from '../../lib/useNotifyError'
import { type ClaimAction, moveClaim } from './api'
import type { Claim } from './types'

/** A claim's status as a chip. */
export const ClaimStatusChip = ({ status }: { status: ClaimStatus }) => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      color={CLAIM_STATUS_LOOK[status].chip}
      variant={status === 'withdrawn' ? 'outlined' : 'filled'}
      label={translate(`claims.status.${status}`)}
    />
  )
}

/** What a hand was raised for: the project, and the task when it is for one. */
export const ClaimTarget = ({ claim }: { claim: Pick<Claim, 'projectTitle' | 'taskTitle'> }) => {
  const translate = useTranslate()
  return (
    <>
      {claim.projectTitle}
      <br />
      <small>{claim.taskTitle ?? translate('claims.wholeProject')}</small>
    </>
  )
}

const ACTION: Record<ClaimStatus, ClaimAction | null> = {
  accepted: 'accept',
  declined: 'decline',
  withdrawn: 'withdraw',
  pending: null,
}

/**
 * Asks for the words a move carries — the reason of a decline (required), a note otherwise —
 * then makes the move; `onDone` after it went through.
 */
export const NoteDialog = ({
  title,
  label,
  required,
  onSubmit,
  onClose,
}: {
  title: string
  label: string
  required?: boolean
  onSubmit: (note: string) => Promise<void>
  onClose: () => void
}) => {
  const translate = useTranslate()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          sx={{ mt: 1 }}
          label={label}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={busy || (required && !note.trim())}
          onClick={async () => {
            setBusy(true)
            try {
              await onSubmit(note.trim())
            } finally {
              setBusy(false)
            }
          }}
        >
          {translate('ra.action.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

/** The moves the caller may make on a claim (the server lists them), one button each. */
export const ClaimMoveButtons = ({ claim, onDone }: { claim: Claim; onDone?: () => void }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const [asking, setAsking] = useState<ClaimStatus | null>(null)
  const run = async (to: ClaimStatus, note?: string) => {
    const action = ACTION[to]
    if (!action) return
    try {
      await moveClaim(claim.id, action, note)
      notify(`claims.${to}`, { type: 'success' })
      setAsking(null)
      refresh()
      onDone?.()
    } catch (error) {
      notifyError(error)
    }
  }
  if (!claim.moves.length) return null
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      {claim.moves.map((to) => (
        <Button
          key={to}
          size="small"
          variant={to === 'accepted' ? 'contained' : 'outlined'}
          color={to === 'declined' ? 'error' : 'primary'}
          onClick={() => (to === 'declined' ? setAsking(to) : run(to))}
        >
          {translate(`claims.${ACTION[to]}`)}
        </Button>
      ))}
      {asking === 'declined' && (
        <NoteDialog
          title={translate('claims.declineTitle')}
          label={translate('claims.declineNote')}
          required
          onSubmit={(note) => run('declined', note)}
          onClose={() => setAsking(null)}
        />
      )}
    </Stack>
  )
}
