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
  const { me } = useMe()
  // A user with one neighborhood gets it chosen already.
  const only = me?.neighborhoodIds?.length === 1 ? me.neighborhoodIds[0] : undefined
  return (
    <Create
      redirect="list"
      transform={({ neighborhoodId, name }: Grid) => ({ neighborhoodId, name })}
    >
      <SimpleForm defaultValues={{ neighborhoodId: only }}>
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
