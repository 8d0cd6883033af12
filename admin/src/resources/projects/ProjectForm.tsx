import { Box } from '@mui/material'
import {
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  Create,
  DateInput,
  Edit,
  FormDataConsumer,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useTranslate,
} from 'react-admin'
import { sourcesOf } from '@domain/topic-workflow'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'
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

/** Adopting: topics of the chosen neighborhood that the machine lets move to 'adopted'. */
const TopicsInput = () => (
  <FormDataConsumer>
    {({ formData: { neighborhoodId } }) => (
      <ReferenceArrayInput
        source="topicIds"
        reference="topics"
        filter={{ status: ADOPTABLE, ...(neighborhoodId && { neighborhoodId }) }}
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={50}
      >
        <AutocompleteArrayInput
          optionText={(t: { id: number; title: string }) => `#${t.id} ${t.title}`}
          filterToQuery={(q) => ({ q })}
          label="projects.create.topics"
          disabled={!neighborhoodId}
        />
      </ReferenceArrayInput>
    )}
  </FormDataConsumer>
)

const Fields = ({ isCreate }: { isCreate: boolean }) => (
  <>
    <TextInput source="title" validate={required()} fullWidth />
    <Box sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: 'wrap' }}>
      <ReferenceInput
        source="neighborhoodId"
        reference="neighborhoods"
        sort={{ field: 'name', order: 'ASC' }}
      >
        <SelectInput
          optionText="name"
          validate={required()}
          disabled={!isCreate}
          sx={{ minWidth: 200 }}
        />
      </ReferenceInput>
      <OwnerInput />
      <TextInput source="owningBody" sx={{ minWidth: 260 }} />
    </Box>
    <Box sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: 'wrap' }}>
      <DateInput source="deadlineAt" {...dayInput('end')} />
      {!isCreate && (
        <SelectInput source="status" choices={statusChoices('project')} validate={required()} />
      )}
    </Box>
    <TextInput source="description" multiline minRows={3} fullWidth />
  </>
)

const EditToolbar = () => <SaveDeleteToolbar canDelete={useMe().writable} />

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
  const { me } = useMe()
  const only = me?.neighborhoodIds?.length === 1 ? me.neighborhoodIds[0] : undefined
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ neighborhoodId: only, topicIds: [], checklist: [] }}>
        <Fields isCreate />
        <TopicsInput />
        <ChecklistInput />
      </SimpleForm>
    </Create>
  )
}
