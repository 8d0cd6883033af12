import { Chip, IconButton, Link, Stack, Tooltip } from '@mui/material'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import OpenInNewIcon from '@mui/icons-material/OpenInNew'
import PrintIcon from '@mui/icons-material/Print'
import QrCodeIcon from '@mui/icons-material/QrCode2'
import { useNotify, useTranslate } from 'react-admin'
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
}) => {
  const translate = useTranslate()
  const notify = useNotify()
  const absolute = `${window.location.origin}${activity.publicUrl}`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(absolute)
      notify('activities.copied', { type: 'info' })
    } catch {
      window.prompt(translate('activities.copyUrl'), absolute)
    }
  }
  // Links inside a clickable row must not also open the record.
  const stop = (e: React.MouseEvent) => e.stopPropagation()
  const links = [
    { key: 'open', href: activity.publicUrl, icon: <OpenInNewIcon fontSize="small" /> },
    { key: 'qr', href: activity.qrUrl, icon: <QrCodeIcon fontSize="small" /> },
    { key: 'poster', href: activity.posterUrl, icon: <PrintIcon fontSize="small" /> },
  ]
  return (
    <Stack direction="row" spacing={0.5} onClick={stop}>
      {links.map((l) => (
        <Tooltip key={l.key} title={translate(`activities.${l.key}`)}>
          <IconButton
            size="small"
            component={Link}
            href={l.href}
            target="_blank"
            rel="noopener"
            aria-label={translate(`activities.${l.key}`)}
          >
            {l.icon}
          </IconButton>
        </Tooltip>
      ))}
      <Tooltip title={translate('activities.copyUrl')}>
        <IconButton size="small" onClick={copy} aria-label={translate('activities.copyUrl')}>
          <ContentCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  )
}
