import {
  BooleanInput,
  Create,
  Edit,
  NumberInput,
  required,
  SimpleForm,
  TextInput,
} from 'react-admin'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'

const Fields = () => (
  <>
    <TextInput source="name" validate={required()} />
    <TextInput source="nameEn" validate={required()} />
    <NumberInput source="sortOrder" step={1} helperText="categories.sortHelp" />
    <BooleanInput source="active" helperText="categories.activeHelp" />
  </>
)

type Category = { name: string; nameEn: string; sortOrder: number | null; active: boolean }
const toInput = ({ name, nameEn, sortOrder, active }: Category) => ({
  name,
  nameEn,
  sortOrder: sortOrder ?? 0,
  active,
})

export const CategoryCreate = () => (
  <Create redirect="list" transform={toInput}>
    <SimpleForm defaultValues={{ sortOrder: 0, active: true }}>
      <Fields />
    </SimpleForm>
  </Create>
)

export const CategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toInput}>
    <SimpleForm toolbar={<SaveDeleteToolbar />}>
      <Fields />
    </SimpleForm>
  </Edit>
)
