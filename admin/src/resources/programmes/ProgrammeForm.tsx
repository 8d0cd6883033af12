import { Box } from '@mui/material'
import {
  ArrayInput,
  BooleanInput,
  Create,
  DateInput,
  Edit,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useTranslate,
} from 'react-admin'
import { EVIDENCE_KINDS, POSTS } from '@domain/vocabulary'
import { dayInput as dayOf } from '../../lib/dateInput'
import { useMe } from '../../lib/useMe'

// A programme template: name, period and an ordered list of steps (drag or the arrows to
// reorder). Dates are Shanghai days; the server checks every step falls within the period.

/** A day input over an epoch-ms field: the day's start (the server keeps whole days). */
const dayInput = dayOf('start')

const choices = (prefix: string, ids: readonly string[]) =>
  ids.map((id) => ({ id, name: `programmes.${prefix}.${id}` }))

const Steps = () => {
  const translate = useTranslate()
  return (
    <ArrayInput source="steps" label="resources.programmes.fields.steps">
      <SimpleFormIterator inline disableClear>
        <TextInput
          source="title"
          label="resources.programmes.fields.steps.title"
          validate={required()}
          sx={{ minWidth: 220 }}
        />
        <TextInput
          source="doneWhen"
          label="resources.programmes.fields.steps.doneWhen"
          sx={{ minWidth: 260 }}
        />
        <SelectInput
          source="evidence"
          label="resources.programmes.fields.steps.evidence"
          choices={choices('evidence', EVIDENCE_KINDS)}
          defaultValue="note"
          validate={required()}
        />
        <NumberInput
          source="dueDays"
          label="resources.programmes.fields.steps.dueDays"
          min={0}
          helperText={translate('programmes.dueHint')}
        />
        <DateInput source="dueAt" label="resources.programmes.fields.steps.dueAt" {...dayInput} />
        <SelectInput
          source="ownerPost"
          label="resources.programmes.fields.steps.ownerPost"
          choices={choices('post', POSTS)}
          defaultValue="secretary"
          validate={required()}
        />
        <BooleanInput
          source="public"
          label="resources.programmes.fields.steps.public"
          defaultValue
        />
      </SimpleFormIterator>
    </ArrayInput>
  )
}

const Fields = () => {
  const { me } = useMe()
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }}>
        <ReferenceInput source="townId" reference="towns">
          <SelectInput optionText="name" validate={required()} defaultValue={me?.townIds?.[0]} />
        </ReferenceInput>
        <DateInput source="startsAt" validate={required()} {...dayInput} />
        <DateInput source="endsAt" validate={required()} {...dayInput} />
        <TextInput source="owningBody" sx={{ minWidth: 260 }} />
      </Box>
      <TextInput source="description" multiline minRows={2} fullWidth />
      <Steps />
    </>
  )
}

export const ProgrammeCreate = () => (
  <Create redirect="show">
    <SimpleForm
      defaultValues={{ steps: [{ evidence: 'note', ownerPost: 'secretary', public: true }] }}
    >
      <Fields />
    </SimpleForm>
  </Create>
)

export const ProgrammeEdit = () => (
  <Edit redirect="show" mutationMode="pessimistic">
    <SimpleForm>
      <Fields />
    </SimpleForm>
  </Edit>
)
