import { Stack } from '@mui/material'
import {
  BooleanField,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import LoginsPanel from './LoginsPanel'
import OffersPanel from './OffersPanel'
import { OfferKindChips, PartnerKindChip } from './PartnerBits'
import type { Partner } from './types'

const Body = () => {
  const partner = useRecordContext<Partner>()
  const translate = useTranslate()
  if (!partner) return null
  return (
    <>
      <SimpleShowLayout>
        <TextField source="name" />
        <PartnerKindChip kind={partner.kind} />
        <ReferenceField
          source="neighborhoodId"
          reference="neighborhoods"
          link={false}
          emptyText={translate('partners.townWide')}
        >
          <TextField source="name" />
        </ReferenceField>
        <TextField source="contactName" />
        <TextField source="contactPhone" />
        <TextField source="note" />
        <OfferKindChips kinds={partner.offerKinds} />
        <NumberField source="acceptedCount" />
        <NumberField source="pendingCount" />
        <BooleanField source="active" />
      </SimpleShowLayout>
      <Stack spacing={2} sx={{ p: 2 }}>
        <OffersPanel partner={partner} />
        <LoginsPanel partner={partner} />
      </Stack>
    </>
  )
}

/** A partner for those who may not change it (viewers, staff of other neighborhoods). */
const PartnerShow = () => (
  <Show>
    <Body />
  </Show>
)

export default PartnerShow
