import { Chip } from '@mui/material'
import { MESSAGE_STATUS_LOOK, type MessageStatus } from '@domain/vocabulary'
import { Button, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin'

type Message = { id: number; status: MessageStatus; templateKey: string; medium: string }

/** The status as a coloured chip (the vocabulary's colour and word). */
export const StatusChip = () => {
  const record = useRecordContext<Message>()
  const translate = useTranslate()
  if (!record) return null
  return (
    <Chip
      size="small"
      color={MESSAGE_STATUS_LOOK[record.status]?.chip ?? 'default'}
      label={translate(`notifications.status.${record.status}`)}
    />
  )
}

export const TemplateText = () => {
  const record = useRecordContext<Message>()
  const translate = useTranslate()
  return record ? <span>{translate(`notifications.template.${record.templateKey}`)}</span> : null
}

export const MediumText = () => {
  const record = useRecordContext<Message>()
  const translate = useTranslate()
  return record ? <span>{translate(`notifications.medium.${record.medium}`)}</span> : null
}

/** Sends a failed or skipped message again. */
export const RetryButton = () => {
  const record = useRecordContext<Message>()
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  if (!record || (record.status !== 'failed' && record.status !== 'skipped')) return null
  return (
    <Button
      label={translate('notifications.retry')}
      onClick={async (e) => {
        e.stopPropagation()
        const res = await fetch(`/api/messages/${record.id}/retry`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
        const body = await res.json().catch(() => ({}))
        notify(res.ok ? 'notifications.retried' : (body.message ?? String(res.status)), {
          type: res.ok ? 'info' : 'error',
        })
        refresh()
      }}
    />
  )
}
