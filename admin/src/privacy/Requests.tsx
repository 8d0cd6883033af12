import { useState } from 'react'
import {
  Alert,
  Box,
  Button,
  Card,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNotify, useTranslate } from 'react-admin'
import { PRIVACY_REQUEST_KINDS, type PrivacyRequestKind } from '@domain/vocabulary'
import { asIs } from '../lib/errors'
import PlainTable from './PlainTable'
import { formatDate, formatDateTime } from '../lib/format'
import { useMe } from '../lib/useMe'
import { useNotifyError } from '../lib/useNotifyError'
import { type PrivacyRequest, privacyCall } from './api'
import { deadlineOf } from './deadline'

// The queue of residents' requests for a copy or a deletion, by deadline (15 working days):
// overdue ones red, those due within 3 working days amber; a copy is downloaded (JSON), a
// deletion carried out or refused with a reason. Staff file requests checked at the committee.

const URGENCY_COLOR = {
  overdue: 'error',
  soon: 'warning',
  ok: 'default',
  closed: 'default',
} as const

const Requests = () => {
  const translate = useTranslate()
  const t = (key: string, args?: object) => translate(`privacy.requests.${key}`, args)
  const { role } = useMe()
  const queryClient = useQueryClient()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { data = [], isPending } = useQuery({
    queryKey: ['privacy', 'requests'],
    queryFn: () => privacyCall<PrivacyRequest[]>('/requests'),
  })
  const [refusing, setRefusing] = useState<PrivacyRequest | null>(null)
  const [erasing, setErasing] = useState<PrivacyRequest | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['privacy'] })
  const act = async (work: () => Promise<string>) => {
    try {
      const text = await work()
      notify(text, asIs(text, 'success'))
    } catch (error) {
      notifyError(error)
    }
    await refresh()
  }
  const copy = (r: PrivacyRequest) =>
    act(async () => {
      const data = await privacyCall<unknown>(`/requests/${r.id}/copy`)
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      )
      const a = document.createElement('a')
      a.href = url
      a.download = `personal-data-${r.id}.json`
      a.click()
      URL.revokeObjectURL(url)
      return t('copied')
    })
  // Carrying out a deletion or refusing: admin and town (as the server allows).
  const mayClose = role === 'admin' || role === 'town'
  const now = Date.now()
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('intro')}
      </Typography>
      <NewRequest onFiled={refresh} />
      <PlainTable
        testId="privacy-requests"
        columns={['id', 'phone', 'kind', 'status', 'receivedAt', 'dueAt', 'note', 'actions'].map(
          (k) => ({ label: t(k) }),
        )}
        empty={!isPending && data.length === 0 && t('empty')}
      >
        {data.map((r) => {
          const { urgency, left } = deadlineOf(r, now)
          return (
            <TableRow
              key={r.id}
              data-request={r.id}
              data-urgency={urgency}
              sx={urgency === 'overdue' ? { bgcolor: 'rgba(211, 47, 47, 0.08)' } : undefined}
            >
              <TableCell>#{r.id}</TableCell>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{r.phoneHint}</TableCell>
              <TableCell>{translate(`privacy.requestKind.${r.kind}`)}</TableCell>
              <TableCell>{translate(`privacy.requestStatus.${r.status}`)}</TableCell>
              <TableCell>{formatDateTime(r.receivedAt)}</TableCell>
              <TableCell>
                <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                  <span data-testid="due">{formatDate(r.dueAt)}</span>
                  {left !== null && (
                    <Chip
                      size="small"
                      color={URGENCY_COLOR[urgency]}
                      label={
                        urgency === 'overdue'
                          ? left < 0
                            ? t('overdueBy', { n: -left })
                            : t('overdue')
                          : left === 0
                            ? t('dueToday')
                            : t('left', { n: left })
                      }
                    />
                  )}
                </Stack>
              </TableCell>
              <TableCell sx={{ maxWidth: 240 }}>{r.note}</TableCell>
              <TableCell>
                {r.status === 'open' && (
                  <Stack direction="row" spacing={1}>
                    {r.kind === 'copy' && (
                      <Button size="small" onClick={() => copy(r)}>
                        {t('copy')}
                      </Button>
                    )}
                    {r.kind === 'deletion' && mayClose && (
                      <Button size="small" color="error" onClick={() => setErasing(r)}>
                        {t('erase')}
                      </Button>
                    )}
                    {mayClose && (
                      <Button size="small" onClick={() => setRefusing(r)}>
                        {t('refuse')}
                      </Button>
                    )}
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          )
        })}
      </PlainTable>
      <Dialog open={erasing !== null} onClose={() => setErasing(null)}>
        <DialogTitle>
          {t('erase')} {erasing?.phoneHint}
        </DialogTitle>
        <DialogContent>
          <Alert severity="warning">{t('eraseConfirm')}</Alert>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setErasing(null)}>{t('cancel')}</Button>
          <Button
            color="error"
            onClick={() => {
              const r = erasing!
              setErasing(null)
              act(async () => {
                const done = await privacyCall<{ result: Record<string, number> }>(
                  `/requests/${r.id}/erase`,
                  {},
                )
                const n = Object.values(done.result).reduce((a, b) => a + b, 0)
                return t('erased', { n })
              })
            }}
          >
            {t('confirm')}
          </Button>
        </DialogActions>
      </Dialog>
      {refusing && (
        <RefuseDialog
          request={refusing}
          onClose={() => setRefusing(null)}
          onRefuse={(note) => {
            const r = refusing
            setRefusing(null)
            act(async () => {
              await privacyCall(`/requests/${r.id}/refuse`, { note })
              return t('refused')
            })
          }}
        />
      )}
    </Stack>
  )
}

const RefuseDialog = ({
  request,
  onClose,
  onRefuse,
}: {
  request: PrivacyRequest
  onClose: () => void
  onRefuse: (note: string) => void
}) => {
  const translate = useTranslate()
  const t = (key: string) => translate(`privacy.requests.${key}`)
  const [note, setNote] = useState('')
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {t('refuse')} #{request.id}
      </DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          label={t('refuseWhy')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button disabled={!note.trim()} onClick={() => onRefuse(note.trim())}>
          {t('confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

/** Staff file a request for a resident they checked at the committee. */
const NewRequest = ({ onFiled }: { onFiled: () => void }) => {
  const translate = useTranslate()
  const t = (key: string) => translate(`privacy.requests.${key}`)
  const notify = useNotify()
  const notifyError = useNotifyError()
  const [phone, setPhone] = useState('')
  const [kind, setKind] = useState<PrivacyRequestKind>('copy')
  const [note, setNote] = useState('')
  const file = async () => {
    try {
      await privacyCall('/requests', { phone, kind, note: note.trim() || undefined })
      notify(t('filed'), asIs(t('filed'), 'success'))
      setPhone('')
      setNote('')
      onFiled()
    } catch (error) {
      notifyError(error)
    }
  }
  return (
    <Card variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle2">{t('new')}</Typography>
      <Typography variant="caption" color="text.secondary">
        {t('newHelp')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1, alignItems: 'center' }}>
        <TextField
          size="small"
          label={t('phone')}
          name="phone"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          slotProps={{ htmlInput: { inputMode: 'tel' } }}
        />
        <TextField
          select
          size="small"
          label={t('kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as PrivacyRequestKind)}
          sx={{ minWidth: 140 }}
        >
          {PRIVACY_REQUEST_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {translate(`privacy.requestKind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          sx={{ flex: 1, minWidth: 200 }}
        />
        <Button variant="contained" disabled={!phone.trim()} onClick={file}>
          {t('save')}
        </Button>
      </Box>
    </Card>
  )
}

export default Requests
