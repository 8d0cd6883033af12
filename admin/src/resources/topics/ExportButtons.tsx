import { useListContext, useTranslate } from 'react-admin'
import ExportButton from '../../privacy/ExportButton'
import { exportUrl } from './views'

/**
 * CSV and Excel export of everything the current filter matches, built by the server
 * (GET /api/topics/export), so large sets never pass through the browser's memory; each asks
 * what the export is for (logged).
 */
const ExportButtons = () => {
  const { filterValues, sort } = useListContext()
  const translate = useTranslate()
  return (
    <>
      {(['csv', 'xlsx'] as const).map((format) => (
        <ExportButton
          key={format}
          format={format}
          href={exportUrl(format, filterValues, sort)}
          label={translate(`topics.actions.export_${format}`)}
        />
      ))}
    </>
  )
}

export default ExportButtons
