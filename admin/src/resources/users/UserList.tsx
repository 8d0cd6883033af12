import { Chip, Stack } from '@mui/material'
import {
  AutocompleteInput,
  ChipField,
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  ReferenceArrayField,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SingleFieldList,
  TopToolbar,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { RoleChip, roleChoices, type User } from './roles'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <ReferenceInput key="neighborhoodId" source="neighborhoodId" reference="neighborhoods" alwaysOn>
    <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
  <NullableBooleanInput key="disabled" source="disabled" />,
]

const Scope = ({ user }: { user: User }) => {
  const translate = useTranslate()
  if (user.role === 'admin') return <>{translate('users.allScope')}</>
  const town = user.role === 'town'
  return (
    <ReferenceArrayField
      source={town ? 'townIds' : 'neighborhoodIds'}
      reference={town ? 'towns' : 'neighborhoods'}
      record={user}
    >
      <SingleFieldList linkType={false}>
        <ChipField source="name" size="small" />
      </SingleFieldList>
    </ReferenceArrayField>
  )
}

const Col = DataTable.Col<User>

const UserList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  return (
    <List
      filters={filters}
      sort={{ field: 'username', order: 'ASC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable<User>
        rowClick="edit"
        bulkActionButtons={false}
        size="small"
        rowSx={(u) => (u.disabled ? { opacity: 0.6 } : {})}
      >
        <Col source="username" />
        <Col source="displayName" />
        <Col source="role" render={(u) => <RoleChip role={u.role} />} />
        <Col label={translate('users.scope')} render={(u) => <Scope user={u} />} />
        <Col
          source="disabled"
          render={(u) => (
            <Stack direction="row">
              <Chip
                size="small"
                variant="outlined"
                color={u.disabled ? 'default' : 'success'}
                label={translate(u.disabled ? 'users.disabledChip' : 'users.active')}
              />
            </Stack>
          )}
        />
        <Col source="createdAt" render={(u) => formatDateTime(u.createdAt, locale)} />
      </DataTable>
    </List>
  )
}

export default UserList
