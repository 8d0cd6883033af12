import {
  Edit,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  maxLength,
  useRecordContext,
} from 'react-admin'
import type { Topic } from './types'

// Grids and channels belong to the topic's neighborhood.
const ScopedInputs = () => {
  const topic = useRecordContext<Topic>()
  if (!topic) return null
  return (
    <>
      <ReferenceInput
        source="gridId"
        reference="grids"
        filter={{ neighborhoodId: topic.neighborhoodId }}
        sort={{ field: 'name', order: 'ASC' }}
        perPage={200}
      >
        <SelectInput optionText="name" emptyText="app.common.none" />
      </ReferenceInput>
      <ReferenceInput
        source="channelId"
        reference="channels"
        filter={{ neighborhoodId: topic.neighborhoodId }}
        sort={{ field: 'label', order: 'ASC' }}
        perPage={200}
      >
        <SelectInput optionText="label" emptyText="app.common.none" />
      </ReferenceInput>
    </>
  )
}

/** Edits the editable fields (PUT /api/topics/:id); the status moves only through the actions. */
const TopicEdit = () => (
  <Edit mutationMode="undoable" redirect="show" transform={pickEditable}>
    <SimpleForm>
      <TextInput source="title" validate={[required(), maxLength(200)]} fullWidth />
      <TextInput source="description" multiline minRows={3} fullWidth validate={maxLength(5000)} />
      <TextInput source="location" fullWidth validate={maxLength(200)} />
      <ReferenceInput
        source="categoryId"
        reference="categories"
        sort={{ field: 'sortOrder', order: 'ASC' }}
        perPage={200}
      >
        <SelectInput optionText="name" emptyText="app.common.none" />
      </ReferenceInput>
      <ScopedInputs />
    </SimpleForm>
  </Edit>
)

const EDITABLE = ['title', 'description', 'location', 'categoryId', 'gridId', 'channelId'] as const

/** Texts the server keeps as '' when empty (a cleared input gives null). */
const TEXTS: readonly string[] = ['description', 'location']

/**
 * Only the editable fields go to the server (the record also holds masked and derived fields):
 * an empty text as '', an empty choice as null.
 */
const pickEditable = (data: Partial<Topic>) =>
  Object.fromEntries(
    EDITABLE.filter((k) => k in data).map((k) => [
      k,
      TEXTS.includes(k) ? (data[k] ?? '') : data[k] === '' ? null : data[k],
    ]),
  )

export default TopicEdit
