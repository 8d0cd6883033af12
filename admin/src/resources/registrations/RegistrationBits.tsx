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
import { useNotify, useRefresh, useTranslate } from 'react-admin'
import { useNotifyError } from '../../lib/useNotifyError'
import { postAction } from '../activities/api'
import type { RegistrationStatus } from '@domain/vocabulary'
import type { Registration } from './types'

const STATUS_COLOR: Record<
  RegistrationStatus,
  'success' | 'info' | 'default' | 'primary' | 'warning'
> = {
  confirmed: 'primary',
  waitlisted: 'info',
  cancelled: 'default',
  checked_in: 'success',
  no_show: 'warning',
}

export const StatusChip = ({ r }: { r: Pick<Registration, 'status' | 'waitlistPosition'> }) => {
  const translate = useTranslate()
  const label =
    r.status === 'waitlisted' && r.waitlistPosition
      ? translate('registrations.position', { n: r.waitlistPosition })
      : translate(`registrations.status.${r.status}`)
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[r.status]}
      variant={r.status === 'cancelled' ? 'outlined' : 'filled'}
      label={label}
    />
  )
}

const HoursDialog = ({ r, onClose }: { r: Registration; onClose: () => void }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const [hours, setHours] = useState(String(r.creditedHours ?? 0))
  const [note, setNote] = useState('')
  const save = async () => {
    try {
      await postAction(`/registrations/${r.id}/hours`, {
        hours: Number(hours),
        note: note || undefined,
      })
      notify('registrations.hoursSaved', { type: 'info' })
      refresh()
      onClose()
    } catch (e) {
      notifyError(e)
    }
  }
  return (
    <Dialog open onClose={onClose}>
      <DialogTitle>{translate('registrations.hoursTitle', { name: r.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={translate('registrations.hoursLabel')}
            type="number"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            size="small"
            slotProps={{ htmlInput: { min: 0, max: 24, step: 0.5 } }}
          />
          <TextField
            label={translate('registrations.hoursNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            size="small"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={save}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

/** The workflow buttons a registration's status allows: check in, cancel, confirm now, hours. */
export const RowActions = ({ r }: { r: Registration }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const [hours, setHours] = useState(false)
  const run = async (path: string, done: (json: { promotedIds?: number[] }) => void) => {
    try {
      done(await postAction(path))
      refresh()
    } catch (e) {
      notifyError(e)
    }
  }
  const stop = (e: React.MouseEvent) => e.stopPropagation()
  const live = r.status === 'confirmed' || r.status === 'waitlisted'
  return (
    <Stack direction="row" spacing={0.5} onClick={stop}>
      {r.status === 'confirmed' && (
        <Button
          size="small"
          variant="contained"
          onClick={() =>
            run(`/registrations/${r.id}/check-in`, () =>
              notify('registrations.checkedIn', { type: 'info', messageArgs: { name: r.name } }),
            )
          }
        >
          {translate('registrations.checkIn')}
        </Button>
      )}
      {r.status === 'waitlisted' && (
        <Button
          size="small"
          onClick={() =>
            run(`/registrations/${r.id}/promote`, () =>
              notify('registrations.promoted', { type: 'info' }),
            )
          }
        >
          {translate('registrations.promote')}
        </Button>
      )}
      {live && (
        <Button
          size="small"
          color="warning"
          onClick={() =>
            window.confirm(translate('registrations.cancelConfirm', { name: r.name })) &&
            run(`/registrations/${r.id}/cancel`, (json) =>
              notify('registrations.cancelled', {
                type: 'info',
                messageArgs: { n: json.promotedIds?.length ?? 0 },
              }),
            )
          }
        >
          {translate('registrations.cancel')}
        </Button>
      )}
      {r.status === 'checked_in' && r.kind === 'volunteer' && (
        <Button size="small" onClick={() => setHours(true)}>
          {translate('registrations.hours')}
        </Button>
      )}
      {hours && <HoursDialog r={r} onClose={() => setHours(false)} />}
    </Stack>
  )
}
