import { Stack, TableCell, TableRow, Typography } from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useTranslate } from 'react-admin'
import { formatDateTime } from '../lib/format'
import { type Retention as RetentionData, privacyCall } from './api'
import PlainTable from './PlainTable'

// What the retention job will purge: per kind, its period, what is due now (the next run, within
// 10 minutes, erases it) and what falls due within 30 days; then the purge log.

const Retention = () => {
  const translate = useTranslate()
  const t = (key: string, args?: object) => translate(`privacy.retention.${key}`, args)
  const { data } = useQuery({
    queryKey: ['privacy', 'retention'],
    queryFn: () => privacyCall<RetentionData>('/retention'),
  })
  if (!data) return null
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('intro')}
      </Typography>
      <PlainTable
        testId="retention-preview"
        columns={[
          { label: t('kind') },
          { label: t('period') },
          { label: t('dueNow'), align: 'right' },
          { label: t('dueSoon'), align: 'right' },
        ]}
      >
        {data.preview.map((p) => {
          const rule = data.policy[p.kind]
          return (
            <TableRow key={p.kind} data-kind={p.kind}>
              <TableCell>{translate(`privacy.purgeKind.${p.kind}`)}</TableCell>
              <TableCell>{rule ? t(rule.unit, { n: rule.amount }) : '—'}</TableCell>
              <TableCell align="right" sx={{ fontWeight: p.dueNow ? 600 : undefined }}>
                {p.dueNow}
              </TableCell>
              <TableCell align="right">{p.dueSoon}</TableCell>
            </TableRow>
          )
        })}
      </PlainTable>
      <Typography variant="subtitle1">{t('log')}</Typography>
      <PlainTable
        testId="purge-log"
        columns={[
          { label: t('at') },
          { label: t('kind') },
          { label: t('count'), align: 'right' },
          { label: t('request') },
        ]}
        empty={data.log.length === 0 && t('noLog')}
      >
        {data.log.map((l) => (
          <TableRow key={l.id}>
            <TableCell>{formatDateTime(l.at)}</TableCell>
            <TableCell>{translate(`privacy.purgeKind.${l.kind}`)}</TableCell>
            <TableCell align="right">{l.count}</TableCell>
            <TableCell>{l.requestId ? `#${l.requestId}` : '—'}</TableCell>
          </TableRow>
        ))}
      </PlainTable>
    </Stack>
  )
}

export default Retention
