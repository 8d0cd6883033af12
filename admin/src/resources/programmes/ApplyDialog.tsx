import { useEffect, useMemo, useState } from 'react'
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material'
import { useGetList, useNotify, useTranslate } from 'react-admin'
import { useNotifyError } from '../../lib/useNotifyError'
import { type Owner, programmeApi } from './api'
import type { Programme } from './types'

type Neighborhood = { id: number; name: string; townId: number }
type User = {
  id: number
  displayName: string
  role: string
  townIds: number[]
  neighborhoodIds: number[]
}

/**
 * Applies a programme: to every neighborhood of its town (the default) or a choice of them, with
 * who owns each post there (prefilled from the posts on record). The server makes what is
 * missing, in one atomic batch; applying again makes nothing new.
 */
const ApplyDialog = ({
  programme,
  onClose,
  onDone,
}: {
  programme: Programme
  onClose: () => void
  onDone: () => void
}) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const [all, setAll] = useState(true)
  const [chosen, setChosen] = useState<number[]>([])
  const [owners, setOwners] = useState<Record<string, number | ''>>({})
  const [busy, setBusy] = useState(false)
  const { data: places = [], isPending } = useGetList<Neighborhood>('neighborhoods', {
    filter: { townId: programme.townId },
    sort: { field: 'id', order: 'ASC' },
    pagination: { page: 1, perPage: 500 },
  })
  const { data: users = [] } = useGetList<User>('users', {
    filter: { townId: programme.townId, disabled: false },
    sort: { field: 'displayName', order: 'ASC' },
    pagination: { page: 1, perPage: 1000 },
  })
  const posts = useMemo(() => [...new Set(programme.steps.map((s) => s.ownerPost))], [programme])
  const targets = all ? places.map((n) => n.id) : chosen
  useEffect(() => {
    if (!places.length) return
    programmeApi.posts(places.map((n) => n.id)).then(
      (rows) =>
        setOwners((current) => ({
          ...Object.fromEntries(rows.map((r) => [`${r.neighborhoodId}:${r.post}`, r.userId])),
          ...current,
        })),
      () => undefined,
    )
  }, [places])

  const eligible = (n: Neighborhood) =>
    users.filter(
      (u) =>
        u.role === 'admin' ||
        (u.role === 'town' && u.townIds.includes(n.townId)) ||
        (u.role === 'staff' && u.neighborhoodIds.includes(n.id)),
    )

  const submit = async () => {
    const list: Owner[] = targets.flatMap((n) =>
      posts.flatMap((post) => {
        const userId = owners[`${n}:${post}`]
        return typeof userId === 'number' ? [{ neighborhoodId: n, post, userId }] : []
      }),
    )
    setBusy(true)
    try {
      const r = await programmeApi.apply(programme.id, {
        ...(all ? { all: true } : { neighborhoodIds: chosen }),
        owners: list,
      })
      notify(
        translate('programmes.apply.done', { projects: r.projectsCreated, items: r.itemsCreated }),
        { type: 'success' },
      )
      onDone()
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="apply-dialog">
      <DialogTitle>{translate('programmes.apply.title', { name: programme.name })}</DialogTitle>
      <DialogContent dividers>
        {isPending && <LinearProgress />}
        <RadioGroup
          row
          value={all ? 'all' : 'choose'}
          onChange={(e) => setAll(e.target.value === 'all')}
        >
          <FormControlLabel
            value="all"
            control={<Radio />}
            label={translate('programmes.apply.all')}
          />
          <FormControlLabel
            value="choose"
            control={<Radio />}
            label={translate('programmes.apply.choose')}
          />
        </RadioGroup>
        {!all && (
          <Stack direction="row" sx={{ flexWrap: 'wrap', mb: 1 }}>
            {places.map((n) => (
              <FormControlLabel
                key={n.id}
                label={n.name}
                control={
                  <Checkbox
                    checked={chosen.includes(n.id)}
                    onChange={(e) =>
                      setChosen(
                        e.target.checked ? [...chosen, n.id] : chosen.filter((id) => id !== n.id),
                      )
                    }
                  />
                }
              />
            ))}
          </Stack>
        )}
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {translate('programmes.apply.owners')}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {translate('programmes.apply.ownersHint')}
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('programmes.matrix.neighborhood')}</TableCell>
              {posts.map((post) => (
                <TableCell key={post}>{translate(`programmes.post.${post}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {places
              .filter((n) => targets.includes(n.id))
              .map((n) => (
                <TableRow key={n.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{n.name}</TableCell>
                  {posts.map((post) => {
                    const key = `${n.id}:${post}`
                    return (
                      <TableCell key={post}>
                        <TextField
                          select
                          size="small"
                          fullWidth
                          value={owners[key] ?? ''}
                          onChange={(e) =>
                            setOwners({
                              ...owners,
                              [key]: e.target.value === '' ? '' : Number(e.target.value),
                            })
                          }
                        >
                          <MenuItem value="">{translate('programmes.apply.nobody')}</MenuItem>
                          {eligible(n).map((u) => (
                            <MenuItem key={u.id} value={u.id}>
                              {u.displayName}
                            </MenuItem>
                          ))}
                        </TextField>
                      </TableCell>
                    )
                  })}
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={busy || targets.length === 0}
          data-testid="apply-submit"
        >
          {translate('programmes.apply.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

export default ApplyDialog
