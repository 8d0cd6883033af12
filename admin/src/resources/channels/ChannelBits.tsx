import {
  Box,
  Chip,
  IconButton,
  LinearProgress,
  Link,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import OpenInNewIcon from '@mui/icons-material/OpenInNew'
import PrintIcon from '@mui/icons-material/Print'
import QrCodeIcon from '@mui/icons-material/QrCode2'
import { useNotify, useTranslate } from 'react-admin'
import { CHANNEL_KINDS, type ChannelKind } from '@domain/vocabulary'

/** Kind choices; names are i18n keys (`app.channelKind.*`), translated by react-admin. */
export const kindChoices = CHANNEL_KINDS.map((id) => ({ id, name: `app.channelKind.${id}` }))

export type Channel = {
  id: number
  neighborhoodId: number
  gridId: number | null
  kind: ChannelKind
  label: string
  code: string
  scans: number
  submissions: number
  active: boolean
  createdAt: number
  url: string
  posterUrl: string
  qrUrl: string
}

export const KindChip = ({ kind }: { kind: string }) => {
  const translate = useTranslate()
  return <Chip size="small" variant="outlined" label={translate(`app.channelKind.${kind}`)} />
}

/**
 * Scans → submissions as a small funnel: the share of scans that became a topic. Channels that
 * are not scanned (phone, visit, staff entry) show only their submissions.
 */
export const Funnel = ({ channel }: { channel: Channel }) => {
  const translate = useTranslate()
  if (!channel.scans)
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    )
  const share = Math.min(100, Math.round((channel.submissions / channel.scans) * 100))
  return (
    <Box
      sx={{ minWidth: 90 }}
      title={translate('channels.funnel', {
        scans: channel.scans,
        submissions: channel.submissions,
      })}
    >
      <Typography variant="body2">{share}%</Typography>
      <LinearProgress
        variant="determinate"
        value={share}
        sx={{ height: 4, borderRadius: 2 }}
        aria-label={translate('channels.conversion')}
      />
    </Box>
  )
}

/** The resident link (open, copy), the QR SVG and the printable poster. */
export const ChannelLinks = ({ channel }: { channel: Channel }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const absolute = `${window.location.origin}${channel.url}`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(absolute)
      notify('channels.copied', { type: 'info' })
    } catch {
      window.prompt(translate('channels.copyUrl'), absolute)
    }
  }
  // Links inside a clickable row must not also open the edit page.
  const stop = (e: React.MouseEvent) => e.stopPropagation()
  return (
    <Stack direction="row" spacing={0.5} onClick={stop}>
      <Tooltip title={translate('channels.open')}>
        <IconButton
          size="small"
          component={Link}
          href={channel.url}
          target="_blank"
          rel="noopener"
          aria-label={translate('channels.open')}
        >
          <OpenInNewIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title={translate('channels.copyUrl')}>
        <IconButton size="small" onClick={copy} aria-label={translate('channels.copyUrl')}>
          <ContentCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title={translate('channels.qr')}>
        <IconButton
          size="small"
          component={Link}
          href={channel.qrUrl}
          target="_blank"
          rel="noopener"
          aria-label={translate('channels.qr')}
        >
          <QrCodeIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title={translate('channels.poster')}>
        <IconButton
          size="small"
          component={Link}
          href={channel.posterUrl}
          target="_blank"
          rel="noopener"
          aria-label={translate('channels.poster')}
        >
          <PrintIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  )
}
