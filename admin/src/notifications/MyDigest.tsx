import { useEffect, useState } from 'react'
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material'
import { fetchUtils, HttpError, Title, useNotify, useTranslate } from 'react-admin'

// 我的每日汇总 (#/my-digest): where the signed-in staff user gets the daily digest (new topics
// in their scope, their tasks due or overdue, claims waiting), whether they want it, and the last
// one written for them (worker/api/notifications/digest.ts).

type Digest = {
  medium: 'sms' | 'email'
  address: string
  active: boolean
  last: {
    status: string
    reason: string | null
    createdAt: number
    sentAt: number | null
    text: string
  } | null
}

const call = async (body?: Omit<Digest, 'last'>): Promise<Digest> =>
  (
    await fetchUtils.fetchJson('/api/notification-staff/me', {
      credentials: 'same-origin',
      ...(body ? { method: 'PUT', body: JSON.stringify(body) } : {}),
    })
  ).json as Digest

const MyDigest = () => {
  const translate = useTranslate()
  const notify = useNotify()
  const [data, setData] = useState<Digest | null>(null)
  const [error, setError] = useState<string | undefined>()
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    call().then(setData, () => notify('ra.notification.http_error', { type: 'error' }))
  }, [notify])
  if (!data) return null
  const save = async () => {
    setSaving(true)
    setError(undefined)
    try {
      setData(await call({ medium: data.medium, address: data.address, active: data.active }))
      notify('notifications.digest.saved', { type: 'info' })
    } catch (e) {
      const body = e instanceof HttpError ? (e.body as { errors?: Record<string, string> }) : null
      setError(body?.errors?.address ?? translate('ra.notification.http_error'))
    } finally {
      setSaving(false)
    }
  }
  const when = (ms: number | null) => (ms ? new Date(ms).toLocaleString() : '—')
  return (
    <Box sx={{ maxWidth: 640, mt: 1 }}>
      <Title title={translate('notifications.digest.title')} />
      <Card>
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="body2">{translate('notifications.digest.intro')}</Typography>
          <TextField
            select
            label={translate('notifications.digest.medium')}
            value={data.medium}
            onChange={(e) => setData({ ...data, medium: e.target.value as Digest['medium'] })}
          >
            <MenuItem value="sms">{translate('notifications.medium.sms')}</MenuItem>
            <MenuItem value="email">{translate('notifications.medium.email')}</MenuItem>
          </TextField>
          <TextField
            label={translate(
              data.medium === 'sms' ? 'notifications.digest.phone' : 'notifications.digest.email',
            )}
            value={data.address}
            error={!!error}
            helperText={error}
            onChange={(e) => setData({ ...data, address: e.target.value })}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={data.active}
                onChange={(e) => setData({ ...data, active: e.target.checked })}
              />
            }
            label={translate('notifications.digest.active')}
          />
          <Box>
            <Button variant="contained" onClick={save} disabled={saving}>
              {translate('ra.action.save')}
            </Button>
          </Box>
        </CardContent>
      </Card>
      <Card sx={{ mt: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2">
            {translate('notifications.digest.last')}
          </Typography>
          {data.last ? (
            <>
              <Typography variant="body2" sx={{ mt: 1 }}>
                {translate(`notifications.status.${data.last.status}`)} ·{' '}
                {translate('notifications.digest.written')} {when(data.last.createdAt)} ·{' '}
                {translate('notifications.digest.sent')} {when(data.last.sentAt)}
                {data.last.reason ? ` · ${data.last.reason}` : ''}
              </Typography>
              <Alert severity="info" icon={false} sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>
                {data.last.text}
              </Alert>
            </>
          ) : (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {translate('notifications.digest.none')}
            </Typography>
          )}
        </CardContent>
      </Card>
    </Box>
  )
}

export default MyDigest
