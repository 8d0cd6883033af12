import {
  BooleanField,
  BooleanInput,
  CreateButton,
  DataTable,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin'
import { useMe } from '../../lib/useMe'
import {
  OfferKindChips,
  offerKindChoices,
  PartnerKindChip,
  partnerKindChoices,
} from './PartnerBits'
import type { Partner } from './types'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={partnerKindChoices} alwaysOn />,
  <SelectInput key="offerKind" source="offerKind" choices={offerKindChoices} alwaysOn />,
  <BooleanInput key="active" source="active" />,
]

const Col = DataTable.Col<Partner>
const NumberCol = DataTable.NumberCol<Partner>

/** The partner register (共建单位) of the towns in scope, by name. */
const PartnerList = () => {
  const { writable } = useMe()
  const translate = useTranslate()
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={50}
      actions={<TopToolbar>{writable && <CreateButton />}</TopToolbar>}
    >
      <DataTable<Partner>
        rowClick={(_id, _resource, record) => (record.writable ? 'edit' : 'show')}
        bulkActionButtons={false}
        size="small"
      >
        <Col source="name" />
        <Col source="kind" render={(p) => <PartnerKindChip kind={p.kind} />} />
        <Col source="neighborhoodId">
          {/* A town-wide partner has no neighborhood. */}
          <ReferenceField
            source="neighborhoodId"
            reference="neighborhoods"
            link={false}
            emptyText={translate('partners.townWide')}
          >
            <TextField source="name" />
          </ReferenceField>
        </Col>
        <Col source="contactName" />
        <Col source="contactPhone" disableSort />
        <Col
          source="offerKinds"
          disableSort
          render={(p) => <OfferKindChips kinds={p.offerKinds} />}
        />
        <NumberCol source="acceptedCount" />
        <NumberCol source="pendingCount" />
        <Col source="active" field={BooleanField} />
      </DataTable>
    </List>
  )
}

export default PartnerList
