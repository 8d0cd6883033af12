import { useCallback, useEffect, useState } from 'react'
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material'
import { useNotify, useTranslate } from 'react-admin'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { createLogin, fetchLogins } from './api'
import type { Partner, PartnerLogin } from './types'

const blank = { username: '', displayName: '', password: '' }

/** A partner's own logins, opened by admins and the coordinators of its town. */
const LoginsPanel = ({ partner }: { partner: Partner }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { me } = useMe()
  const may = me?.role === 'admin' || (me?.role === 'town' && me.townIds.includes(partner.townId))
  const [logins, setLogins] = useState<PartnerLogin[]>([])
  const [draft, setDraft] = useState(blank)
  const [busy, setBusy] = useState(false)
  const load = useCallback(() => {
    fetchLogins(partner.id).then(setLogins, notifyError)
  }, [partner.id, notifyError])
  useEffect(() => {
    if (may) load()
  }, [may, load])
  if (!may) return null
  const add = async () => {
    setBusy(true)
    try {
      await createLogin(partner.id, draft)
      notify('partners.logins.added', {
        type: 'success',
        messageArgs: { username: draft.username },
      })
      setDraft(blank)
      load()
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
    }
  }
  const input = (key: keyof typeof blank) => ({
    size: 'small' as const,
    label: translate(`partners.logins.${key}`),
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  })
  return (
    <Card variant="outlined" data-testid="partner-logins">
      <CardHeader
        title={translate('partners.logins.title')}
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('partners.logins.help')}
        </Typography>
        {logins.length === 0 ? (
          <Typography color="text.secondary">{translate('partners.logins.empty')}</Typography>
        ) : (
          <Stack spacing={0.5}>
            {logins.map((u) => (
              <Stack key={u.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography variant="body2">
                  {u.username} · {u.displayName}
                </Typography>
                {u.disabled && <Chip size="small" label={translate('partners.logins.disabled')} />}
              </Stack>
            ))}
          </Stack>
        )}
        <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', rowGap: 1 }}>
          <MuiTextField {...input('username')} />
          <MuiTextField {...input('displayName')} />
          <MuiTextField type="password" autoComplete="new-password" {...input('password')} />
          <Button
            variant="outlined"
            onClick={add}
            disabled={busy || !draft.username || !draft.displayName || draft.password.length < 10}
          >
            {translate('partners.logins.add')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  )
}

export default LoginsPanel
