import { IconButton, Link, Stack, Tooltip } from '@mui/material'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import OpenInNewIcon from '@mui/icons-material/OpenInNew'
import PrintIcon from '@mui/icons-material/Print'
import QrCodeIcon from '@mui/icons-material/QrCode2'
import { useNotify, useTranslate } from 'react-admin'

/** The public addresses of a record residents reach (an activity, a form). */
export type PublicUrls = { publicUrl: string; qrUrl: string; posterUrl: string }

/**
 * The resident page (open, copy), its QR code and the printable poster, as icon buttons; the
 * labels are `<resource>.open`, `.qr`, `.poster`, `.copyUrl` and `.copied`.
 * @example <PublicLinks resource="forms" urls={record} />
 */
const PublicLinks = ({ resource, urls }: { resource: string; urls: PublicUrls }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const absolute = `${window.location.origin}${urls.publicUrl}`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(absolute)
      notify(`${resource}.copied`, { type: 'info' })
    } catch {
      window.prompt(translate(`${resource}.copyUrl`), absolute)
    }
  }
  // Links inside a clickable row must not also open the record.
  const stop = (e: React.MouseEvent) => e.stopPropagation()
  const links = [
    { key: 'open', href: urls.publicUrl, icon: <OpenInNewIcon fontSize="small" /> },
    { key: 'qr', href: urls.qrUrl, icon: <QrCodeIcon fontSize="small" /> },
    { key: 'poster', href: urls.posterUrl, icon: <PrintIcon fontSize="small" /> },
  ]
  return (
    <Stack direction="row" spacing={0.5} onClick={stop}>
      {links.map((l) => (
        <Tooltip key={l.key} title={translate(`${resource}.${l.key}`)}>
          <IconButton
            size="small"
            component={Link}
            href={l.href}
            target="_blank"
            rel="noopener"
            aria-label={translate(`${resource}.${l.key}`)}
          >
            {l.icon}
          </IconButton>
        </Tooltip>
      ))}
      <Tooltip title={translate(`${resource}.copyUrl`)}>
        <IconButton size="small" onClick={copy} aria-label={translate(`${resource}.copyUrl`)}>
          <ContentCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  )
}

export default PublicLinks
