import {
  CreateButton,
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin'
import { useMe } from '../../lib/useMe'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="neighborhoodId" source="neighborhoodId" reference="neighborhoods" alwaysOn>
    <SelectInput optionText="name" />
  </ReferenceInput>,
]

/** Grids (网格) of the neighborhoods in the user's scope; staff keep their own. */
const GridList = () => {
  const { writable } = useMe()
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={<TopToolbar>{writable && <CreateButton />}</TopToolbar>}
    >
      <DataTable rowClick={writable ? 'edit' : false} bulkActionButtons={false} size="small">
        <DataTable.Col source="id" />
        <DataTable.Col source="name" />
        <DataTable.Col source="neighborhoodId">
          <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
      </DataTable>
    </List>
  )
}

export default GridList
