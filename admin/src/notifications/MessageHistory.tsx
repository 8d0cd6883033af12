import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material'
import { RecordContextProvider, useGetList, useTranslate } from 'react-admin'
import { formatDateTime } from '../lib/format'
import { MediumText, RetryButton, StatusChip, TemplateText } from './MessageFields'

type Message = {
  id: number
  status: string
  templateKey: string
  medium: string
  recipient: string
  reason: string | null
  createdAt: number
  sentAt: number | null
}

/**
 * The messages about one record (a topic, a registration …): what was sent to whom, when, and
 * what became of it (failed with the provider's reason, skipped with why).
 * @example <MessageHistory subjectType="topic" subjectId={topic.id} />
 */
const MessageHistory = ({ subjectType, subjectId }: { subjectType: string; subjectId: number }) => {
  const translate = useTranslate()
  const { data = [], isPending } = useGetList<Message>('messages', {
    filter: { subjectType, subjectId },
    sort: { field: 'id', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  })
  if (isPending) return null
  if (!data.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('notifications.none')}
      </Typography>
    )
  const f = (key: string) => translate(`resources.messages.fields.${key}`)
  return (
    <Table size="small" data-testid="message-history">
      <TableHead>
        <TableRow>
          <TableCell>{f('createdAt')}</TableCell>
          <TableCell>{f('templateKey')}</TableCell>
          <TableCell>{f('recipient')}</TableCell>
          <TableCell>{f('status')}</TableCell>
          <TableCell>{f('reason')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((m) => (
          <RecordContextProvider key={m.id} value={m}>
            <TableRow>
              <TableCell>{formatDateTime(m.sentAt ?? m.createdAt)}</TableCell>
              <TableCell>
                <TemplateText /> · <MediumText />
              </TableCell>
              <TableCell>{m.recipient}</TableCell>
              <TableCell>
                <StatusChip />
              </TableCell>
              <TableCell>{m.reason ?? '—'}</TableCell>
              <TableCell>
                <RetryButton />
              </TableCell>
            </TableRow>
          </RecordContextProvider>
        ))}
      </TableBody>
    </Table>
  )
}

export default MessageHistory
