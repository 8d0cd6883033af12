import {
  Create,
  DeleteButton,
  Edit,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
} from 'react-admin'

const Fields = () => (
  <>
    <ReferenceInput source="townId" reference="towns" sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput optionText="name" validate={required()} />
    </ReferenceInput>
    <TextInput source="name" validate={required()} />
    <TextInput source="slug" validate={required()} helperText="neighborhoods.slugHelp" />
  </>
)

type Neighborhood = { townId: number; name: string; slug: string }
const toInput = ({ townId, name, slug }: Neighborhood) => ({ townId, name, slug })

export const NeighborhoodCreate = () => (
  <Create redirect="list" transform={toInput}>
    <SimpleForm>
      <Fields />
    </SimpleForm>
  </Create>
)

export const NeighborhoodEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toInput}>
    <SimpleForm
      toolbar={
        <Toolbar sx={{ justifyContent: 'space-between' }}>
          <SaveButton />
          <DeleteButton mutationMode="pessimistic" />
        </Toolbar>
      }
    >
      <Fields />
    </SimpleForm>
  </Edit>
)
