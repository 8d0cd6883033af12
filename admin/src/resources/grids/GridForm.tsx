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
import { useMe } from '../../lib/useMe'

type Grid = { neighborhoodId: number; name: string }

export const GridCreate = () => {
  const { onlyNeighborhood } = useMe()
  return (
    <Create
      redirect="list"
      transform={({ neighborhoodId, name }: Grid) => ({ neighborhoodId, name })}
    >
      <SimpleForm defaultValues={{ neighborhoodId: onlyNeighborhood }}>
        <ReferenceInput
          source="neighborhoodId"
          reference="neighborhoods"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <SelectInput optionText="name" validate={required()} />
        </ReferenceInput>
        <TextInput source="name" validate={required()} helperText="grids.nameHelp" />
      </SimpleForm>
    </Create>
  )
}

// A grid stays in its neighborhood (the API refuses a move); the server refuses to delete one
// that channels or topics still name, and says so.
export const GridEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={({ name }: Grid) => ({ name })}>
    <SimpleForm toolbar={<SaveDeleteToolbar />}>
      <ReferenceInput source="neighborhoodId" reference="neighborhoods">
        <SelectInput optionText="name" disabled />
      </ReferenceInput>
      <TextInput source="name" validate={required()} helperText="grids.nameHelp" />
    </SimpleForm>
  </Edit>
)
