import { Stack } from '@mui/material'
import {
  BooleanInput,
  Create,
  Edit,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'
import { useMe } from '../../lib/useMe'
import LoginsPanel from './LoginsPanel'
import OffersPanel from './OffersPanel'
import { partnerKindChoices } from './PartnerBits'
import type { Partner } from './types'

const Fields = () => {
  const translate = useTranslate()
  const { me } = useMe()
  // Staff register their own neighborhood's partners; admins and coordinators town-wide ones too.
  const townWide = me?.role === 'admin' || me?.role === 'town'
  return (
    <>
      <SelectInput source="kind" choices={partnerKindChoices} validate={required()} />
      <TextInput source="name" validate={required()} />
      {townWide && (
        <ReferenceInput source="townId" reference="towns" sort={{ field: 'name', order: 'ASC' }}>
          <SelectInput optionText="name" />
        </ReferenceInput>
      )}
      <ReferenceInput
        source="neighborhoodId"
        reference="neighborhoods"
        sort={{ field: 'name', order: 'ASC' }}
      >
        <SelectInput
          optionText="name"
          emptyText={translate('partners.townWide')}
          helperText="partners.neighborhoodHelp"
          validate={townWide ? undefined : required()}
        />
      </ReferenceInput>
      <TextInput source="contactName" />
      <TextInput source="contactPhone" />
      <TextInput source="note" multiline fullWidth />
      <BooleanInput source="active" />
    </>
  )
}

// An empty select sends '' : the API wants null for "the whole town".
const transform = (data: Record<string, unknown>) => ({
  ...data,
  neighborhoodId:
    data.neighborhoodId === '' || data.neighborhoodId == null ? null : data.neighborhoodId,
})

export const PartnerCreate = () => (
  <Create redirect="edit" transform={transform}>
    <SimpleForm defaultValues={{ kind: 'unit', active: true }}>
      <Fields />
    </SimpleForm>
  </Create>
)

const Panels = () => {
  const partner = useRecordContext<Partner>()
  if (!partner) return null
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <OffersPanel partner={partner} />
      <LoginsPanel partner={partner} />
    </Stack>
  )
}

export const PartnerEdit = () => (
  <Edit mutationMode="pessimistic" transform={transform} aside={undefined}>
    <SimpleForm toolbar={<SaveDeleteToolbar />}>
      <Fields />
    </SimpleForm>
    <Panels />
  </Edit>
)
