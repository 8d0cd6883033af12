import { Create, DeleteButton, Edit, required, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin'

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
    <SimpleForm
      toolbar={
        <Toolbar sx={{ justifyContent: 'space-between' }}>
          <SaveButton />
          <DeleteButton mutationMode="pessimistic" />
        </Toolbar>
      }
    >
      <TextInput source="name" validate={required()} />
    </SimpleForm>
  </Edit>
)
