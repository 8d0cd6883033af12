import {
  AutocompleteInput,
  DateInput,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
} from 'react-admin'
import { dayFilter } from '../../lib/dateInput'
import { statusChoices } from '../../lib/status'

// The API takes epoch ms (createdFrom inclusive, createdTo exclusive); staff pick calendar days
// in Shanghai time, "to" meaning "up to and including that day".

/** The filter bar above the topic grid (react-admin filters → GET /api/topics?filter=…). */
export const topicFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput
    key="status"
    source="status"
    choices={statusChoices('topic')}
    alwaysOn
    sx={{ minWidth: 160 }}
  />,
  <ReferenceInput
    key="categoryId"
    source="categoryId"
    reference="categories"
    sort={{ field: 'sortOrder', order: 'ASC' }}
    perPage={200}
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <ReferenceInput
    key="neighborhoodId"
    source="neighborhoodId"
    reference="neighborhoods"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={500}
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <ReferenceInput
    key="channelId"
    source="channelId"
    reference="channels"
    sort={{ field: 'label', order: 'ASC' }}
  >
    <AutocompleteInput optionText="label" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
  <DateInput
    key="createdFrom"
    source="createdFrom"
    label="topics.filters.createdFrom"
    {...dayFilter('start')}
  />,
  <DateInput
    key="createdTo"
    source="createdTo"
    label="topics.filters.createdTo"
    {...dayFilter('until')}
  />,
]
