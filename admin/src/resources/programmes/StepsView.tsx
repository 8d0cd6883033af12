import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material'
import { useLocaleState, useTranslate } from 'react-admin'
import { formatDate } from '../../lib/format'
import type { Programme } from './types'

/** The template's steps as defined: what counts as done, evidence, due day, owner post. */
const StepsView = ({ programme }: { programme: Programme }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const f = (name: string) => translate(`resources.programmes.fields.steps.${name}`)
  return (
    <Table size="small" data-testid="programme-steps">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>{f('title')}</TableCell>
          <TableCell>{f('doneWhen')}</TableCell>
          <TableCell>{f('evidence')}</TableCell>
          <TableCell>{translate('programmes.item.due')}</TableCell>
          <TableCell>{f('ownerPost')}</TableCell>
          <TableCell>{f('public')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {programme.steps.map((s, i) => (
          <TableRow key={s.id}>
            <TableCell>{i + 1}</TableCell>
            <TableCell>{s.title}</TableCell>
            <TableCell>{s.doneWhen}</TableCell>
            <TableCell>{translate(`programmes.evidence.${s.evidence}`)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {formatDate(s.due, locale)}
              {s.dueDays !== null ? `（+${s.dueDays}）` : ''}
            </TableCell>
            <TableCell>{translate(`programmes.post.${s.ownerPost}`)}</TableCell>
            <TableCell>
              {s.public ? <Chip size="small" label="✓" color="success" /> : '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

export default StepsView
