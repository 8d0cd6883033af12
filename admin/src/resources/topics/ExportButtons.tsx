import { Button } from '@mui/material'
import DownloadIcon from '@mui/icons-material/Download'
import { useListContext, useTranslate } from 'react-admin'
import { exportUrl } from './views'

/**
 * CSV and Excel export of everything the current filter matches, built by the server
 * (GET /api/topics/export), so large sets never pass through the browser's memory.
 */
const ExportButtons = () => {
  const { filterValues, sort } = useListContext()
  const translate = useTranslate()
  return (
    <>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          component="a"
          href={exportUrl(format, filterValues, sort)}
          download
          startIcon={<DownloadIcon />}
          data-export={format}
        >
          {translate(`topics.actions.export_${format}`)}
        </Button>
      ))}
    </>
  )
}

export default ExportButtons
