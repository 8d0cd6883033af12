import { CreateButton, DataTable, List, SearchInput, TopToolbar } from 'react-admin'

const filters = [<SearchInput key="q" source="q" alwaysOn />]

/** Towns (镇/街道): admins only, like the API's writes. */
const TownList = () => (
  <List
    filters={filters}
    sort={{ field: 'name', order: 'ASC' }}
    actions={
      <TopToolbar>
        <CreateButton />
      </TopToolbar>
    }
  >
    <DataTable rowClick="edit" bulkActionButtons={false} size="small">
      <DataTable.Col source="id" />
      <DataTable.Col source="name" />
    </DataTable>
  </List>
)

export default TownList
