import { Chip } from '@mui/material'
import { useTranslate } from 'react-admin'
import PublicLinks from '../../layout/PublicLinks'
import type { Activity } from './types'

const WINDOW_COLOR = {
  draft: 'default',
  cancelled: 'default',
  not_open: 'info',
  open: 'success',
  closed: 'warning',
} as const

/** What a resident meets right now: not open yet, open, closed … */
export const WindowChip = ({ activity }: { activity: Pick<Activity, 'window'> }) => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      color={WINDOW_COLOR[activity.window]}
      label={translate(`activities.window.${activity.window}`)}
    />
  )
}

export const KindChip = ({ kind }: { kind: Activity['kind'] }) => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      variant="outlined"
      color={kind === 'volunteer' ? 'secondary' : 'default'}
      label={translate(`activities.kind.${kind}`)}
    />
  )
}

/** The public page (open, copy), its QR code and the printable poster. */
export const ActivityLinks = ({
  activity,
}: {
  activity: Pick<Activity, 'publicUrl' | 'qrUrl' | 'posterUrl'>
}) => <PublicLinks resource="activities" urls={activity} />
