import { useState } from 'react'
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material'
import { useDataProvider, useNotify, useTranslate } from 'react-admin'
import { fromDateTimeText, toDateTimeText } from '../../lib/dateInput'
import { useNotifyError } from '../../lib/useNotifyError'
import type { Session } from './types'

const toInput = toDateTimeText

type Props = {
  activityId: number
  volunteer: boolean
  /** The session to edit; a new one when absent. */
  session?: Session
  onClose: (changed: boolean) => void
}

/** Adds or edits a session: times, places and the largest party. Raising places promotes. */
const SessionDialog = ({ activityId, volunteer, session, onClose }: Props) => {
  const translate = useTranslate()
  const dataProvider = useDataProvider()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const [v, setV] = useState({
    label: session?.label ?? '',
    startsAt: toInput(session?.startsAt),
    endsAt: toInput(session?.endsAt),
    capacity: String(session?.capacity ?? 30),
    maxParty: String(session?.maxParty ?? 1),
  })
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setV({ ...v, [key]: e.target.value })
  const field = (key: keyof typeof v) => translate(`resources.activity-sessions.fields.${key}`)

  const save = async () => {
    setBusy(true)
    const data = {
      activityId,
      label: v.label,
      startsAt: fromDateTimeText(v.startsAt),
      endsAt: fromDateTimeText(v.endsAt),
      capacity: Number(v.capacity),
      maxParty: Number(v.maxParty),
    }
    try {
      if (session) {
        const { data: saved } = await dataProvider.update('activity-sessions', {
          id: session.id,
          data,
          previousData: session,
        })
        const promoted = (saved as { promotedIds?: number[] }).promotedIds ?? []
        notify(promoted.length ? 'activities.promoted' : 'activities.saved', {
          type: 'info',
          messageArgs: { n: promoted.length },
        })
      } else {
        await dataProvider.create('activity-sessions', { data })
        notify('activities.saved', { type: 'info' })
      }
      onClose(true)
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="sm" fullWidth>
      <DialogTitle>
        {translate(session ? 'activities.editSession' : 'activities.addSession')}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label={field('label')} value={v.label} onChange={set('label')} size="small" />
          <Stack direction="row" spacing={2}>
            <TextField
              label={field('startsAt')}
              type="datetime-local"
              value={v.startsAt}
              onChange={set('startsAt')}
              size="small"
              required
              slotProps={{ inputLabel: { shrink: true } }}
              fullWidth
            />
            <TextField
              label={field('endsAt')}
              type="datetime-local"
              value={v.endsAt}
              onChange={set('endsAt')}
              size="small"
              required
              slotProps={{ inputLabel: { shrink: true } }}
              fullWidth
            />
          </Stack>
          <TextField
            label={field('capacity')}
            type="number"
            value={v.capacity}
            onChange={set('capacity')}
            size="small"
            helperText={session ? translate('activities.capacityHelp') : undefined}
            slotProps={{ htmlInput: { min: 0 } }}
          />
          {!volunteer && (
            <TextField
              label={field('maxParty')}
              type="number"
              value={v.maxParty}
              onChange={set('maxParty')}
              size="small"
              helperText={translate('activities.maxPartyHelp')}
              slotProps={{ htmlInput: { min: 1, max: 20 } }}
            />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{translate('ra.action.cancel')}</Button>
        <Button onClick={save} variant="contained" disabled={busy}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

export default SessionDialog
