import {
  Create,
  Edit,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'

const Fields = () => (
  <>
    <ReferenceInput source="townId" reference="towns" sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput optionText="name" validate={required()} />
    </ReferenceInput>
    <TextInput source="name" validate={required()} />
    <TextInput source="slug" validate={required()} helperText="neighborhoods.slugHelp" />
    <TextInput source="contactPhone" helperText="neighborhoods.contactPhoneHelp" />
  </>
)

type Neighborhood = { townId: number; name: string; slug: string; contactPhone?: string | null }
const toInput = ({ townId, name, slug, contactPhone }: Neighborhood) => ({
  townId,
  name,
  slug,
  contactPhone: contactPhone ?? '',
})

export const NeighborhoodCreate = () => (
  <Create redirect="list" transform={toInput}>
    <SimpleForm>
      <Fields />
    </SimpleForm>
  </Create>
)

export const NeighborhoodEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toInput}>
    <SimpleForm toolbar={<SaveDeleteToolbar />}>
      <Fields />
    </SimpleForm>
  </Edit>
)
