import {
  BooleanField,
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  TopToolbar,
} from 'react-admin'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="active" source="active" />,
]

const CategoryList = () => (
  <List
    filters={filters}
    sort={{ field: 'sortOrder', order: 'ASC' }}
    perPage={50}
    actions={
      <TopToolbar>
        <CreateButton />
      </TopToolbar>
    }
  >
    <DataTable rowClick="edit" bulkActionButtons={false} size="small">
      <DataTable.NumberCol source="sortOrder" />
      <DataTable.Col source="name" />
      <DataTable.Col source="nameEn" />
      <DataTable.Col source="active">
        <BooleanField source="active" />
      </DataTable.Col>
    </DataTable>
  </List>
)

export default CategoryList
