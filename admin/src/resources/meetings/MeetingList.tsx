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
  useTranslate,
} from 'react-admin'
import { MEETING_KINDS, MEETING_STATUSES } from '@domain/vocabulary'
import { formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { MeetingStatusChip, MeetingViewTabs } from './MeetingBits'
import type { Meeting } from './types'

const choices = (values: readonly string[], prefix: string) =>
  values.map((id) => ({ id, name: `${prefix}.${id}` }))

/** Whether a neighborhood picker is worth offering (staff with one neighborhood need none). */
export const useManyNeighborhoods = () => {
  const { me } = useMe()
  return me
    ? me.neighborhoodIds === null || me.neighborhoodIds.length > 1 || me.role === 'town'
    : false
}

const Actions = () => {
  const { writable } = useMe()
  return <TopToolbar>{writable && <CreateButton />}</TopToolbar>
}

const Col = DataTable.Col<Meeting>
const nowrap = () => ({ whiteSpace: 'nowrap' })

const MeetingList = () => {
  const translate = useTranslate()
  const many = useManyNeighborhoods()
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectArrayInput
      key="status"
      source="status"
      choices={choices(MEETING_STATUSES, 'meetings.status')}
      alwaysOn
    />,
    <SelectArrayInput key="kind" source="kind" choices={choices(MEETING_KINDS, 'meetings.kind')} />,
    ...(many
      ? [
          <ReferenceInput key="n" source="neighborhoodId" reference="neighborhoods" alwaysOn>
            <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
          </ReferenceInput>,
        ]
      : []),
  ]
  return (
    <>
      <MeetingViewTabs current="list" />
      <List
        filters={filters}
        actions={<Actions />}
        sort={{ field: 'startsAt', order: 'DESC' }}
        perPage={25}
        title={translate('resources.meetings.name', { smart_count: 2 })}
      >
        <DataTable<Meeting> rowClick="show" bulkActionButtons={false} size="small">
          <Col
            source="startsAt"
            cellSx={nowrap}
            render={(record) => formatDateTime(record.startsAt)}
          />
          <Col source="title" />
          <Col
            source="kind"
            cellSx={nowrap}
            render={(record) => translate(`meetings.kind.${record.kind}`)}
          />
          {many && (
            <Col source="neighborhoodId" disableSort cellSx={nowrap}>
              <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
                <TextField source="name" />
              </ReferenceField>
            </Col>
          )}
          <Col source="place" disableSort />
          <Col source="host" disableSort />
          <Col source="status" render={(record) => <MeetingStatusChip status={record.status} />} />
          <Col source="attendance" disableSort align="right" />
          <Col
            source="decidedCount"
            disableSort
            align="right"
            render={(record) => `${record.decidedCount}/${record.itemCount}`}
          />
        </DataTable>
      </List>
    </>
  )
}

export default MeetingList
