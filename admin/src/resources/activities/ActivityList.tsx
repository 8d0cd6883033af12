import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  TextField,
  TopToolbar,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { ActivityLinks, KindChip, WindowChip } from './ActivityBits'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '@domain/vocabulary'
import type { Activity } from './types'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput
    key="status"
    source="status"
    choices={ACTIVITY_STATUSES.map((id) => ({ id, name: `activities.status.${id}` }))}
    alwaysOn
  />,
  <SelectArrayInput
    key="kind"
    source="kind"
    choices={ACTIVITY_KINDS.map((id) => ({ id, name: `activities.kind.${id}` }))}
  />,
  <ReferenceInput key="neighborhoodId" source="neighborhoodId" reference="neighborhoods">
    <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
]

const Col = DataTable.Col<Activity>
const NumberCol = DataTable.NumberCol<Activity>

const ActivityList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { writable } = useMe()
  return (
    <List
      filters={filters}
      sort={{ field: 'id', order: 'DESC' }}
      actions={<TopToolbar>{writable && <CreateButton />}</TopToolbar>}
    >
      <DataTable<Activity> rowClick="show" bulkActionButtons={false} size="small">
        <Col source="title" />
        <Col source="kind" render={(a) => <KindChip kind={a.kind} />} />
        <Col source="status" render={(a) => translate(`activities.status.${a.status}`)} />
        <Col source="window" disableSort render={(a) => <WindowChip activity={a} />} />
        <Col source="neighborhoodId">
          <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </Col>
        <Col source="opensAt" render={(a) => formatDateTime(a.opensAt, locale)} />
        <Col source="firstStartsAt" render={(a) => formatDateTime(a.firstStartsAt, locale)} />
        <Col
          source="seatsTaken"
          render={(a) =>
            translate('activities.seats', { taken: a.seatsTaken, capacity: a.capacity })
          }
        />
        <NumberCol source="waitlistCount" />
        <Col label={translate('activities.open')} render={(a) => <ActivityLinks activity={a} />} />
      </DataTable>
    </List>
  )
}

export default ActivityList
