import {
  ArrayInput,
  AutocompleteInput,
  Create,
  DateInput,
  Edit,
  FormDataConsumer,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useTranslate,
} from 'react-admin'
import { sourcesOf } from '@domain/topic-workflow'
import { EditToolbar, FormRow, NeighborhoodInput, TopicsInput } from '../../common/formInputs'
import { statusChoices } from '../../lib/status'
import { useMe } from '../../lib/useMe'
import { dayInput } from '../../lib/dateInput'

/** Owners are picked among the active users working in the chosen neighborhood. */
const OwnerInput = () => (
  <FormDataConsumer>
    {({ formData }) => (
      <ReferenceInput
        source="ownerUserId"
        reference="users"
        filter={
          formData.neighborhoodId
            ? { neighborhoodId: formData.neighborhoodId, disabled: false }
            : { disabled: false }
        }
        sort={{ field: 'displayName', order: 'ASC' }}
      >
        <AutocompleteInput
          optionText="displayName"
          filterToQuery={(q) => ({ q })}
          label="resources.projects.fields.ownerUserId"
        />
      </ReferenceInput>
    )}
  </FormDataConsumer>
)

const ADOPTABLE = sourcesOf('adopted')

const Fields = ({ isCreate }: { isCreate: boolean }) => (
  <>
    <TextInput source="title" validate={required()} fullWidth />
    <FormRow>
      <NeighborhoodInput isCreate={isCreate} />
      <OwnerInput />
      <TextInput source="owningBody" sx={{ minWidth: 260 }} />
    </FormRow>
    <FormRow>
      <DateInput source="deadlineAt" {...dayInput('end')} />
      {!isCreate && (
        <SelectInput source="status" choices={statusChoices('project')} validate={required()} />
      )}
    </FormRow>
    <TextInput source="description" multiline minRows={3} fullWidth />
  </>
)

/** Only the fields the API accepts on update (the record also carries derived ones). */
const toUpdate = ({
  title,
  description,
  ownerUserId,
  owningBody,
  deadlineAt,
  status,
}: Record<string, unknown>) => ({
  title,
  description,
  ownerUserId,
  owningBody,
  deadlineAt,
  status,
})

export const ProjectEdit = () => (
  <Edit mutationMode="pessimistic" transform={toUpdate} redirect="show">
    <SimpleForm toolbar={<EditToolbar />}>
      <Fields isCreate={false} />
    </SimpleForm>
  </Edit>
)

const ChecklistInput = () => {
  const translate = useTranslate()
  return (
    <ArrayInput source="checklist" label={translate('projects.create.checklist')}>
      <SimpleFormIterator inline disableReordering>
        <TextInput
          source="title"
          label="resources.checklist-items.fields.title"
          validate={required()}
        />
        <OwnerInput />
        <DateInput
          source="dueAt"
          label="resources.checklist-items.fields.dueAt"
          {...dayInput('end')}
        />
      </SimpleFormIterator>
    </ArrayInput>
  )
}

export const ProjectCreate = () => {
  const { onlyNeighborhood } = useMe()
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ neighborhoodId: onlyNeighborhood, topicIds: [], checklist: [] }}>
        <Fields isCreate />
        {/* Adopting: topics of the neighborhood that the machine lets move to 'adopted'. */}
        <TopicsInput statuses={ADOPTABLE} sortBy="createdAt" label="projects.create.topics" />
        <ChecklistInput />
      </SimpleForm>
    </Create>
  )
}
