import type { ReactNode } from 'react'
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material'
import { useTranslate } from 'react-admin'

type Props = {
  open: boolean
  onClose: () => void
  title: ReactNode
  /** Sends the form (Enter in a field, or the submit button) once it is `ready` and not `busy`. */
  onSubmit: () => void
  /** Everything the form needs is filled in. */
  ready: boolean
  /** A call is under way: the dialog neither closes nor sends again. */
  busy?: boolean
  /** The submit button's translation key. */
  submitLabel: string
  maxWidth?: 'xs' | 'sm'
  testId?: string
  children: ReactNode
}

/**
 * A dialog holding one form: title, fields, then cancel and submit. Enter submits; while `busy`
 * neither a click outside nor cancel closes it, so a running call is never left behind.
 * @example <FormDialog open title="合并" ready={!!target} busy={busy} onSubmit={submit} onClose={close}>…</FormDialog>
 */
const FormDialog = ({
  open,
  onClose,
  title,
  onSubmit,
  ready,
  busy = false,
  submitLabel,
  maxWidth = 'sm',
  testId,
  children,
}: Props) => {
  const translate = useTranslate()
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth={maxWidth} fullWidth>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (ready && !busy) onSubmit()
        }}
        data-testid={testId}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={!ready || busy}>
            {translate(submitLabel)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}

export default FormDialog
