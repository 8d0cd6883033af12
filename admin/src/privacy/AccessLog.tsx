import { useState } from 'react'
import {
  Box,
  Button,
  MenuItem,
  Stack,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useGetList, useTranslate } from 'react-admin'
import { formatDateTime } from '../lib/format'
import { type AccessEntry, privacyCall } from './api'
import { describeEntry } from './entry'
import PlainTable from './PlainTable'

// Who saw or took personal data (admins only): reveals of a full phone, exports with personal
// data, copies given and deletions done, by staff member and by resident phone.

const AccessLog = () => {
  const translate = useTranslate()
  const t = (key: string, args?: object) => translate(`privacy.accessLog.${key}`, args)
  const [userId, setUserId] = useState<number | ''>('')
  const [typed, setTyped] = useState('')
  const [phone, setPhone] = useState('')
  const { data: users = [] } = useGetList<{ id: number; displayName: string }>('users', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  })
  const params = new URLSearchParams()
  if (userId !== '') params.set('userId', String(userId))
  if (phone) params.set('phone', phone)
  const { data = [], error } = useQuery({
    queryKey: ['privacy', 'access-log', params.toString()],
    queryFn: () => privacyCall<AccessEntry[]>(`/access-log?${params}`),
  })
  const label = (key: string, fallback: string) => translate(key, { _: fallback })
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('intro')}
      </Typography>
      <Box
        component="form"
        sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}
        onSubmit={(e) => {
          e.preventDefault()
          setPhone(typed.trim())
        }}
      >
        <TextField
          select
          size="small"
          label={t('user')}
          value={userId}
          onChange={(e) => setUserId(e.target.value === '' ? '' : Number(e.target.value))}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">{t('anyone')}</MenuItem>
          {users.map((u) => (
            <MenuItem key={u.id} value={u.id}>
              {u.displayName}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('phone')}
          name="phone"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          slotProps={{ htmlInput: { inputMode: 'tel' } }}
        />
        <Button type="submit" variant="outlined">
          {t('search')}
        </Button>
      </Box>
      {error && (
        <Typography color="error" variant="body2">
          {(error as { message?: string }).message}
        </Typography>
      )}
      <PlainTable
        testId="access-log"
        columns={['at', 'user', 'action', 'record', 'detail'].map((k) => ({ label: t(k) }))}
        empty={data.length === 0 && t('empty')}
      >
        {data.map((e) => {
          const d = describeEntry(e)
          return (
            <TableRow key={e.id} data-entry={e.id} data-action={e.action}>
              <TableCell>{formatDateTime(e.at)}</TableCell>
              <TableCell>{e.userName ?? '—'}</TableCell>
              <TableCell>{label(`privacy.action.${e.action}`, e.action)}</TableCell>
              <TableCell>
                {label(`privacy.resource.${e.resource}`, e.resource)}
                {e.recordId ? ` #${e.recordId}` : ''}
              </TableCell>
              <TableCell>
                {[
                  d.purpose && translate(`privacy.${d.purpose}`),
                  d.rows !== null && t('rows', { n: d.rows }),
                  d.reason && t('reason', { reason: d.reason }),
                ]
                  .filter(Boolean)
                  .join(' · ') || '—'}
              </TableCell>
            </TableRow>
          )
        })}
      </PlainTable>
    </Stack>
  )
}

export default AccessLog
