import PrintIcon from '@mui/icons-material/Print'
import { Button } from '@mui/material'
import { useTranslate } from 'react-admin'

/**
 * 批量打印: opens every active QR poster of a neighborhood in one printable page, one A4 sheet
 * each (/staff/posters/<id>, worker/pages/posters.tsx). Without an id it is shown disabled.
 */
const PrintPosters = ({ id }: { id: number | null | undefined }) => {
  const translate = useTranslate()
  return (
    <Button
      component="a"
      size="small"
      startIcon={<PrintIcon />}
      href={id ? `/staff/posters/${id}` : undefined}
      disabled={!id}
      target="_blank"
      rel="noopener"
      onClick={(e) => e.stopPropagation()}
    >
      {translate('neighborhoods.printPosters')}
    </Button>
  )
}

export default PrintPosters
