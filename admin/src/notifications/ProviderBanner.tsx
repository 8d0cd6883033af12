import { Alert } from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useTranslate } from 'react-admin'

type Status = { providers: Record<string, string | null>; on: boolean }

/** Says whether notifications can go out at all: "off" until a provider is configured. */
const ProviderBanner = () => {
  const translate = useTranslate()
  const { data } = useQuery({
    queryKey: ['notification-status'],
    queryFn: async (): Promise<Status> => {
      const res = await fetch('/api/notification-settings/status', { credentials: 'same-origin' })
      if (!res.ok) throw new Error(String(res.status))
      return res.json()
    },
  })
  if (!data) return null
  if (!data.on)
    return (
      <Alert severity="warning" sx={{ mb: 1 }} data-testid="notifications-off">
        {translate('notifications.off')}
      </Alert>
    )
  const list = Object.entries(data.providers)
    .filter(([, name]) => name)
    .map(([medium, name]) => `${translate(`notifications.medium.${medium}`)} ${name}`)
    .join('、')
  return (
    <Alert severity="info" sx={{ mb: 1 }}>
      {translate('notifications.on', { list })}
    </Alert>
  )
}

export default ProviderBanner
