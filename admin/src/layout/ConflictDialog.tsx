import { useEffect, useState } from 'react'
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material'
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin'
import { type Conflict, diffOf, onConflict, reapplied } from '../lib/conflicts'
import { useNotifyError } from '../lib/useNotifyError'

/**
 * Shown when a save met a newer version on the server (409 with the current record, published
 * by the data provider): the fields that differ between what the user wrote and what is there
 * now, and a button to reapply their changes on top of the current version. Mounted once, in
 * the layout.
 */
const ConflictDialog = () => {
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [busy, setBusy] = useState(false)
  const translate = useTranslate()
  const dataProvider = useDataProvider()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  useEffect(() => onConflict(setConflict), [])
  if (!conflict) return null

  const label = (field: string) =>
    translate(`resources.${conflict.resource}.fields.${field}`, { _: field })
  const rows = diffOf(conflict)
  const close = () => {
    setConflict(null)
    refresh()
  }
  const reapply = async () => {
    setBusy(true)
    try {
      await dataProvider.update(conflict.resource, reapplied(conflict))
      notify('app.conflict.reapplied', { type: 'success' })
      close()
    } catch (error) {
      // Another edit landed meanwhile: the data provider has published the new conflict.
      if ((error as { status?: number }).status !== 409) notifyError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open onClose={busy ? undefined : close} maxWidth="md" fullWidth>
      <DialogTitle>{translate('app.conflict.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('app.conflict.intro')}
        </Alert>
        {rows.length === 0 ? (
          <Typography>{translate('app.conflict.none')}</Typography>
        ) : (
          <Table size="small" aria-label={translate('app.conflict.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.conflict.field')}</TableCell>
                <TableCell>{translate('app.conflict.read')}</TableCell>
                <TableCell>{translate('app.conflict.mine')}</TableCell>
                <TableCell>{translate('app.conflict.current')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow
                  key={r.field}
                  data-field={r.field}
                  sx={r.clash ? { bgcolor: 'warning.light' } : undefined}
                >
                  <TableCell component="th" scope="row">
                    {label(r.field)}
                    {r.clash && ` · ${translate('app.conflict.both')}`}
                  </TableCell>
                  <TableCell>{shown(r.read)}</TableCell>
                  <TableCell>{shown(r.mine)}</TableCell>
                  <TableCell>{shown(r.current)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {translate('app.conflict.keep')}
        </Button>
        <Button
          variant="contained"
          onClick={reapply}
          disabled={busy || !Object.keys(conflict.mine).length}
        >
          {translate('app.conflict.reapply')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

/** A field value in a cell: text as is, nothing as a dash, anything else as JSON. */
const shown = (value: unknown) => {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? '✓' : '✗'
  return JSON.stringify(value)
}

export default ConflictDialog
