import { Typography } from '@mui/material'
import {
  AutocompleteInput,
  BooleanField,
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  TextField,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin'
import { useMe } from '../../lib/useMe'
import PrintPosters from '../neighborhoods/PrintPosters'
import { type Channel, ChannelLinks, Funnel, KindChip, kindChoices } from './ChannelBits'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
  <ReferenceInput key="neighborhoodId" source="neighborhoodId" reference="neighborhoods" alwaysOn>
    <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
  <NullableBooleanInput key="active" source="active" />,
]

const Col = DataTable.Col<Channel>
const NumberCol = DataTable.NumberCol<Channel>

const ChannelList = () => {
  const translate = useTranslate()
  const { writable } = useMe()
  return (
    <List
      filters={filters}
      sort={{ field: 'neighborhoodId', order: 'ASC' }}
      perPage={50}
      actions={
        <TopToolbar>
          <PrintNeighborhoodPosters />
          {writable && <CreateButton />}
        </TopToolbar>
      }
    >
      <DataTable<Channel>
        rowClick={writable ? 'edit' : false}
        bulkActionButtons={false}
        size="small"
        rowSx={(c) => (c.active ? {} : { opacity: 0.6 })}
      >
        <Col source="label" />
        <Col source="kind" render={(c) => <KindChip kind={c.kind} />} />
        <Col source="neighborhoodId">
          <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </Col>
        <Col source="gridId">
          <ReferenceField
            source="gridId"
            reference="grids"
            link={false}
            emptyText={translate('channels.noGrid')}
          >
            <TextField source="name" />
          </ReferenceField>
        </Col>
        <Col
          source="code"
          disableSort
          render={(c) => (
            <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
              {c.code}
            </Typography>
          )}
        />
        <NumberCol source="scans" />
        <NumberCol source="submissions" />
        <Col label={translate('channels.conversion')} render={(c) => <Funnel channel={c} />} />
        <Col source="active">
          <BooleanField source="active" />
        </Col>
        <Col label={translate('channels.links')} render={(c) => <ChannelLinks channel={c} />} />
      </DataTable>
    </List>
  )
}

/** 批量打印 for the neighborhood filtered on, or the only one the user has. */
const PrintNeighborhoodPosters = () => {
  const { filterValues } = useListContext()
  const { me } = useMe()
  const only = me?.neighborhoodIds?.length === 1 ? me.neighborhoodIds[0] : null
  return <PrintPosters id={(filterValues.neighborhoodId as number | undefined) ?? only} />
}

export default ChannelList
