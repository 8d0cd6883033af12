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
import { AvailabilityChip, FormLinks } from './FormBits'
import { FORM_STATUSES } from '@domain/vocabulary'
import type { FormRecord } from './types'

const statusChoices = FORM_STATUSES.map((id) => ({ id, name: `forms.status.${id}` }))

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <ReferenceInput key="neighborhoodId" source="neighborhoodId" reference="neighborhoods">
    <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
]

const Col = DataTable.Col<FormRecord>

const FormList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { writable } = useMe()
  return (
    <List
      filters={filters}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      actions={<TopToolbar>{writable && <CreateButton />}</TopToolbar>}
    >
      <DataTable<FormRecord> rowClick="show" bulkActionButtons={false} size="small">
        <Col source="title" />
        <Col source="neighborhoodId">
          <ReferenceField
            source="neighborhoodId"
            reference="neighborhoods"
            link={false}
            emptyText={translate('forms.town')}
          >
            <TextField source="name" />
          </ReferenceField>
        </Col>
        <Col source="status" render={(f) => translate(`forms.status.${f.status}`)} />
        <Col
          source="availability"
          disableSort
          render={(f) => <AvailabilityChip availability={f.availability} />}
        />
        <DataTable.NumberCol<FormRecord> source="responseCount" />
        <Col source="closesAt" render={(f) => formatDateTime(f.closesAt, locale) || '—'} />
        <Col source="updatedAt" render={(f) => formatDateTime(f.updatedAt, locale)} />
        <Col label={translate('forms.links')} render={(f) => <FormLinks form={f} />} />
      </DataTable>
    </List>
  )
}

export default FormList
