import { Create, Edit, required, SimpleForm, TextInput } from 'react-admin'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'

type Town = { name: string }
const toInput = ({ name }: Town) => ({ name })

export const TownCreate = () => (
  <Create redirect="list" transform={toInput}>
    <SimpleForm>
      <TextInput source="name" validate={required()} />
    </SimpleForm>
  </Create>
)

// The server refuses to delete a town that still has neighborhoods or accounts, and says so.
export const TownEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toInput}>
    <SimpleForm toolbar={<SaveDeleteToolbar />}>
      <TextInput source="name" validate={required()} />
    </SimpleForm>
  </Edit>
)
