import { Chip } from '@mui/material'
import { useTranslate } from 'react-admin'
import PublicLinks from '../../layout/PublicLinks'
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
}) => <PublicLinks resource="forms" urls={form} />
