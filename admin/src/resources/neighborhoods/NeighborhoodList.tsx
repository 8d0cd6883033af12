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
import PrintPosters from './PrintPosters'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="townId" source="townId" reference="towns">
    <SelectInput optionText="name" />
  </ReferenceInput>,
]

const NeighborhoodList = () => {
  const { role } = useMe()
  const admin = role === 'admin'
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={<TopToolbar>{admin && <CreateButton />}</TopToolbar>}
    >
      <DataTable rowClick={admin ? 'edit' : false} bulkActionButtons={false} size="small">
        <DataTable.Col source="id" />
        <DataTable.Col source="name" />
        <DataTable.Col source="slug" />
        <DataTable.Col source="contactPhone" disableSort />
        <DataTable.Col source="townId">
          <ReferenceField source="townId" reference="towns" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col
          label="neighborhoods.printPosters"
          render={(n) => <PrintPosters id={n.id} />}
        />
      </DataTable>
    </List>
  )
}

export default NeighborhoodList
