import { Chip, IconButton, Link, Stack, Tooltip } from '@mui/material'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import OpenInNewIcon from '@mui/icons-material/OpenInNew'
import PrintIcon from '@mui/icons-material/Print'
import QrCodeIcon from '@mui/icons-material/QrCode2'
import { useNotify, useTranslate } from 'react-admin'
import type { Availability, FormRecord } from './types'

const AVAILABILITY_COLOR: Record<Availability, 'default' | 'success' | 'warning' | 'info'> = {
  draft: 'default',
  not_open: 'info',
  open: 'success',
  closed: 'default',
  full: 'warning',
}

/** What a resident meets right now: 收集中, 未开始, 已结束, 已收满 or 未发布. */
export const AvailabilityChip = ({ availability }: { availability: Availability }) => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      color={AVAILABILITY_COLOR[availability]}
      variant={availability === 'open' ? 'filled' : 'outlined'}
      label={translate(`forms.availability.${availability}`)}
    />
  )
}

/** The resident link (open, copy), the QR SVG and the printable poster. */
export const FormLinks = ({
  form,
}: {
  form: Pick<FormRecord, 'publicUrl' | 'qrUrl' | 'posterUrl'>
}) => {
  const translate = useTranslate()
  const notify = useNotify()
  const absolute = `${window.location.origin}${form.publicUrl}`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(absolute)
      notify('forms.copied', { type: 'info' })
    } catch {
      window.prompt(translate('forms.copyUrl'), absolute)
    }
  }
  // Links inside a clickable row must not also open the record.
  const stop = (e: React.MouseEvent) => e.stopPropagation()
  const links = [
    { key: 'open', href: form.publicUrl, icon: <OpenInNewIcon fontSize="small" /> },
    { key: 'qr', href: form.qrUrl, icon: <QrCodeIcon fontSize="small" /> },
    { key: 'poster', href: form.posterUrl, icon: <PrintIcon fontSize="small" /> },
  ]
  return (
    <Stack direction="row" spacing={0.5} onClick={stop}>
      {links.map((l) => (
        <Tooltip key={l.key} title={translate(`forms.${l.key}`)}>
          <IconButton
            size="small"
            component={Link}
            href={l.href}
            target="_blank"
            rel="noopener"
            aria-label={translate(`forms.${l.key}`)}
          >
            {l.icon}
          </IconButton>
        </Tooltip>
      ))}
      <Tooltip title={translate('forms.copyUrl')}>
        <IconButton size="small" onClick={copy} aria-label={translate('forms.copyUrl')}>
          <ContentCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  )
}
