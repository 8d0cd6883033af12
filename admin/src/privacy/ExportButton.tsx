import { useState } from 'react'
import { Button, Menu, MenuItem } from '@mui/material'
import DownloadIcon from '@mui/icons-material/Download'
import { useTranslate } from 'react-admin'
import { EXPORT_PURPOSES } from '@domain/vocabulary'

/**
 * An export button that first asks why (EXPORT_PURPOSES, #17.6): the file is downloaded from
 * `href` with `&purpose=`, which the export's audit entry records. The button keeps `href` (the
 * export of the current filter) and `data-export` for the screens and their tests.
 * @example <ExportButton format="csv" href={exportUrl('csv', filter, sort)} label={translate('topics.actions.export_csv')} />
 */
const ExportButton = ({
  format,
  href,
  label,
}: {
  format: 'csv' | 'xlsx'
  href: string
  label: string
}) => {
  const translate = useTranslate()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  return (
    <>
      <Button
        size="small"
        component="a"
        href={href}
        startIcon={<DownloadIcon />}
        data-export={format}
        onClick={(e: React.MouseEvent<HTMLElement>) => {
          e.preventDefault()
          setAnchor(e.currentTarget)
        }}
      >
        {label}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem disabled dense>
          {translate('privacy.export.why')}
        </MenuItem>
        {EXPORT_PURPOSES.map((p) => (
          <MenuItem
            key={p}
            dense
            component="a"
            href={`${href}&${new URLSearchParams({ purpose: p })}`}
            download
            data-purpose={p}
            onClick={() => setAnchor(null)}
          >
            {translate(`privacy.exportPurpose.${p}`)}
          </MenuItem>
        ))}
      </Menu>
    </>
  )
}

export default ExportButton
