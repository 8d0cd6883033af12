import { useState } from 'react'
import {
  Box,
  FormControlLabel,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material'
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin'
import { formatDateTime } from '../../lib/format'
import type { Label } from '@domain/vocabulary'
import { type Change, diffRows, showValue } from './diff'

export type AuditEntry = {
  id: number
  at: number
  userId: number | null
  userName: string | null
  action: string
  resource: string
  recordId: string | null
  before: unknown
  after: unknown
  /** Fields that read better as words (names for ids, kinds, 是/否), from the server. */
  labels?: { before: Record<string, Label> | null; after: Record<string, Label> | null }
}

const tint: Partial<Record<Change, { before?: string; after?: string }>> = {
  changed: { before: 'rgba(211, 47, 47, 0.10)', after: 'rgba(46, 125, 50, 0.12)' },
  added: { after: 'rgba(46, 125, 50, 0.12)' },
  removed: { before: 'rgba(211, 47, 47, 0.10)' },
}

/** Before/after of one audit entry as a field table; changed fields first and tinted. */
const AuditDiff = ({ entry: given }: { entry?: AuditEntry }) => {
  const record = useRecordContext<AuditEntry>()
  const entry = given ?? record
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const [showAll, setShowAll] = useState(false)
  if (!entry) return null
  const rows = diffRows(entry.before, entry.after)
  const hidden = rows.filter((r) => r.change === 'same' || r.change === 'context').length
  const shown = showAll ? rows : rows.filter((r) => r.change !== 'same' && r.change !== 'context')
  // Field names in the reader's language where the resource has them, else as the API names them.
  const label = (key: string) =>
    key ? translate(`resources.${entry.resource}.fields.${key}`, { _: key }) : ''
  const lang = locale === 'en' ? 'en' : 'zh'
  const show = (key: string, v: unknown, side: 'before' | 'after') =>
    entry.labels?.[side]?.[key]?.[lang] ?? showValue(key, v, (ms) => formatDateTime(ms, locale))
  if (!rows.length)
    return <Typography color="text.secondary">{translate('auditLog.noDetail')}</Typography>
  return (
    <Box data-testid="audit-diff">
      <Table
        size="small"
        sx={{ '& td': { verticalAlign: 'top', wordBreak: 'break-word', fontSize: 13 } }}
      >
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 160 }}>{translate('auditLog.field')}</TableCell>
            <TableCell>{translate('resources.audit-log.fields.before')}</TableCell>
            <TableCell>{translate('resources.audit-log.fields.after')}</TableCell>
            <TableCell sx={{ width: 80 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((r) => (
            <TableRow key={r.key} data-change={r.change}>
              <TableCell title={r.key}>{label(r.key)}</TableCell>
              <TableCell
                sx={{
                  bgcolor: tint[r.change]?.before,
                  textDecoration: r.change === 'removed' ? 'line-through' : undefined,
                }}
              >
                {show(r.key, r.before, 'before')}
              </TableCell>
              <TableCell sx={{ bgcolor: tint[r.change]?.after }}>
                {show(r.key, r.after, 'after')}
              </TableCell>
              <TableCell>{translate(`auditLog.change.${r.change}`)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {hidden > 0 && (
        <FormControlLabel
          sx={{ mt: 1 }}
          control={
            <Switch size="small" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          }
          label={`${translate('auditLog.showAll')} (${hidden})`}
        />
      )}
    </Box>
  )
}

export default AuditDiff
