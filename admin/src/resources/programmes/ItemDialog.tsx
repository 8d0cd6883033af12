import { useEffect, useState } from 'react'
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  LinearProgress,
  Link,
  Stack,
  TextField,
  Typography,
} from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useLocaleState, useNotify, useTranslate } from 'react-admin'
import { STEP_STATE_LOOK } from '@domain/vocabulary'
import { formatDate, shanghaiDay, shanghaiDayStart } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { programmeApi } from './api'
import type { Item } from './types'

// One neighborhood's item of a programme step (the matrix's click-through): mark it done with the
// evidence its step asks for, reopen it, move its due date, read the residents' answers and
// objections, enter a paper tick sheet.

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text))

const ItemDialog = ({
  itemId,
  onClose,
  onChanged,
}: {
  itemId: number
  onClose: () => void
  onChanged: () => void
}) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { writable } = useMe()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { data: item, refetch } = useQuery({
    queryKey: ['programme-item', itemId],
    queryFn: () => programmeApi.item(itemId),
  })
  const { data: objections = [], refetch: refetchObjections } = useQuery({
    queryKey: ['programme-item-objections', itemId],
    queryFn: () => programmeApi.objections(itemId),
  })
  const [note, setNote] = useState('')
  const [photoUrl, setPhotoUrl] = useState('')
  const [number, setNumber] = useState('')
  const [due, setDue] = useState('')
  const [paper, setPaper] = useState({ confirmed: '', disputed: '', note: '' })
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!item) return
    setNote(item.evidence?.note ?? '')
    setPhotoUrl(item.evidence?.photoUrl ?? '')
    setNumber(item.evidence?.number == null ? '' : String(item.evidence.number))
    setDue(item.dueAt === null ? '' : shanghaiDay(item.dueAt))
  }, [item])

  const run = async (work: () => Promise<Item>) => {
    setBusy(true)
    try {
      await work()
      notify(translate('programmes.item.saved'), { type: 'success' })
      await Promise.all([refetch(), refetchObjections()])
      onChanged()
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(false)
    }
  }

  if (!item)
    return (
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
        <LinearProgress />
      </Dialog>
    )
  const look = STEP_STATE_LOOK[item.state]
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="item-dialog">
      <DialogTitle>
        {translate('programmes.item.title', {
          neighborhood: item.neighborhoodName,
          step: item.title,
        })}
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip
              label={translate(`programmes.state.${item.state}`)}
              sx={{ bgcolor: look.hex, color: '#fff' }}
              data-testid="item-state"
            />
            {item.doneAt !== null && (
              <Typography variant="body2">
                {translate('programmes.item.doneAt', { date: formatDate(item.doneAt, locale) })}
              </Typography>
            )}
            <Link href={`#/projects/${item.projectId}/show`} onClick={onClose}>
              {translate('programmes.item.project')}
            </Link>
            {item.public && (
              <Link href={item.publicPath} target="_blank" rel="noopener">
                {translate('programmes.item.publicPage')}
              </Link>
            )}
          </Stack>
          {item.doneWhen && (
            <Typography variant="body2">
              <b>{translate('programmes.item.doneWhen')}：</b>
              {item.doneWhen}
            </Typography>
          )}
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              type="date"
              size="small"
              label={translate('programmes.item.due')}
              value={due}
              onChange={(e) => setDue(e.target.value)}
              disabled={!writable}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            {writable && (
              <Button
                disabled={
                  busy || !due || due === (item.dueAt === null ? '' : shanghaiDay(item.dueAt))
                }
                onClick={() => run(() => programmeApi.moveItem(item.id, shanghaiDayStart(due)))}
              >
                {translate('programmes.item.saveDue')}
              </Button>
            )}
          </Stack>
          <Divider />
          <Typography variant="subtitle2">
            {translate(`programmes.evidence.${item.evidenceKind}`)}
          </Typography>
          <TextField
            label={translate('programmes.item.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            multiline
            minRows={2}
            disabled={!writable}
            required={item.evidenceKind === 'note'}
            slotProps={{ htmlInput: { 'data-testid': 'evidence-note' } }}
          />
          <Stack direction="row" spacing={1}>
            <TextField
              label={translate('programmes.item.photoUrl')}
              value={photoUrl}
              onChange={(e) => setPhotoUrl(e.target.value)}
              disabled={!writable}
              required={item.evidenceKind === 'photo'}
              sx={{ flex: 2 }}
            />
            <TextField
              label={translate('programmes.item.number')}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              disabled={!writable}
              required={item.evidenceKind === 'number'}
              type="number"
              sx={{ flex: 1 }}
            />
          </Stack>
          {writable && (
            <Stack direction="row" spacing={1}>
              <Button
                variant="contained"
                disabled={busy}
                data-testid="mark-done"
                onClick={() =>
                  run(() =>
                    programmeApi.done(item.id, {
                      note,
                      photoUrl: photoUrl.trim() || null,
                      number: numberOrNull(number),
                    }),
                  )
                }
              >
                {translate(
                  item.done ? 'programmes.item.updateEvidence' : 'programmes.item.markDone',
                )}
              </Button>
              {item.done && (
                <Button disabled={busy} onClick={() => run(() => programmeApi.reopen(item.id))}>
                  {translate('programmes.item.reopen')}
                </Button>
              )}
            </Stack>
          )}
          <Divider />
          <Typography variant="subtitle2">{translate('programmes.item.answers')}</Typography>
          {!item.public ? (
            <Typography variant="body2" color="text.secondary">
              {translate('programmes.item.notPublic')}
            </Typography>
          ) : (
            <>
              {item.disputed > 0 ? (
                <Alert severity="warning" data-testid="item-answers">
                  {translate('programmes.item.counts', item)}
                </Alert>
              ) : (
                <Typography variant="body2" data-testid="item-answers">
                  {translate('programmes.item.counts', item)}
                </Typography>
              )}
              <Box>
                {(['code', 'volunteer', 'paper'] as const).map((s) => (
                  <Typography key={s} variant="caption" sx={{ display: 'block' }}>
                    {translate('programmes.item.bySource', {
                      source: translate(`programmes.source.${s}`),
                      ...item.bySource[s],
                    })}
                  </Typography>
                ))}
              </Box>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {translate('programmes.item.objections')}
              </Typography>
              {objections.filter((o) => o.comment).length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {translate('programmes.item.noObjections')}
                </Typography>
              ) : (
                objections
                  .filter((o) => o.comment)
                  .map((o) => (
                    <Typography key={o.id} variant="body2">
                      {formatDate(o.createdAt, locale)}（
                      {translate(`programmes.source.${o.source}`)}）：
                      {o.comment}
                    </Typography>
                  ))
              )}
              {writable && item.done && (
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography variant="body2">{translate('programmes.item.paper')}</Typography>
                  <TextField
                    size="small"
                    type="number"
                    label={translate('programmes.item.paperConfirmed')}
                    value={paper.confirmed}
                    onChange={(e) => setPaper({ ...paper, confirmed: e.target.value })}
                    sx={{ width: 110 }}
                  />
                  <TextField
                    size="small"
                    type="number"
                    label={translate('programmes.item.paperDisputed')}
                    value={paper.disputed}
                    onChange={(e) => setPaper({ ...paper, disputed: e.target.value })}
                    sx={{ width: 110 }}
                  />
                  <TextField
                    size="small"
                    label={translate('programmes.item.paperNote')}
                    value={paper.note}
                    onChange={(e) => setPaper({ ...paper, note: e.target.value })}
                  />
                  <Button
                    disabled={busy}
                    onClick={() =>
                      run(async () => {
                        const saved = await programmeApi.paper(item.id, {
                          confirmed: Number(paper.confirmed || 0),
                          disputed: Number(paper.disputed || 0),
                          note: paper.note,
                        })
                        setPaper({ confirmed: '', disputed: '', note: '' })
                        return saved
                      })
                    }
                  >
                    {translate('programmes.item.paperSave')}
                  </Button>
                </Stack>
              )}
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  )
}

export default ItemDialog
