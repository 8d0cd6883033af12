import { Box, Typography } from '@mui/material'
import {
  ArrayInput,
  BooleanInput,
  Create,
  DateTimeInput,
  Edit,
  FormDataConsumer,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  required,
  useTranslate,
} from 'react-admin'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '@domain/vocabulary'
import { NeighborhoodInput } from '../../common/formInputs'
import { QUESTION_TYPES, type Question } from './types'
import { dateTimeInput } from '../../lib/dateInput'
import { ForChildrenInput, SensitiveInput } from '../../privacy/PrivacyInputs'

// Create and edit an activity: basics, the registration window and the extra questions (stored
// as a forms-engine definition; the server validates answers with it). Sessions are managed on
// the activity's page.

const lines = {
  format: (v: unknown) => (Array.isArray(v) ? v.join('\n') : ((v as string) ?? '')),
  parse: (text: string) => text.split('\n'),
}
const kindChoices = ACTIVITY_KINDS.map((id) => ({ id, name: `activities.kind.${id}` }))
const statusChoices = ACTIVITY_STATUSES.map((id) => ({ id, name: `activities.status.${id}` }))
const typeChoices = QUESTION_TYPES.map((id) => ({ id, name: `activities.qtype.${id}` }))

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate()
  return (
    <Typography variant="h6" sx={{ mt: 2 }}>
      {translate(title)}
    </Typography>
  )
}

const Questions = () => (
  <ArrayInput source="questions" label={false}>
    <SimpleFormIterator fullWidth getItemLabel={(i) => `${i + 1}.`}>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <SelectInput
          source="type"
          label="activities.question.type"
          choices={typeChoices}
          validate={required()}
          defaultValue="text"
          sx={{ minWidth: 180 }}
        />
        <BooleanInput source="required" label="activities.question.required" />
        <SensitiveInput />
      </Box>
      <TextInput source="label" label="activities.question.label" validate={required()} fullWidth />
      <TextInput source="help" label="activities.question.help" fullWidth />
      <FormDataConsumer>
        {({ scopedFormData }) =>
          (scopedFormData as Partial<Question> | undefined)?.type === 'single' ||
          (scopedFormData as Partial<Question> | undefined)?.type === 'multiple' ? (
            <TextInput
              source="options"
              label="activities.question.options"
              multiline
              minRows={3}
              fullWidth
              validate={required()}
              {...lines}
            />
          ) : null
        }
      </FormDataConsumer>
    </SimpleFormIterator>
  </ArrayInput>
)

const Fields = ({ create }: { create?: boolean }) => (
  <>
    <Section title="activities.sections.basics" />
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <NeighborhoodInput isCreate={!!create} />
      <SelectInput
        source="kind"
        choices={kindChoices}
        validate={required()}
        sx={{ minWidth: 160 }}
      />
      <SelectInput
        source="status"
        choices={statusChoices}
        validate={required()}
        sx={{ minWidth: 160 }}
      />
    </Box>
    <TextInput source="title" validate={required()} fullWidth />
    <TextInput source="slug" helperText="activities.slugHelp" sx={{ minWidth: 280 }} />
    <TextInput source="description" multiline minRows={4} fullWidth />
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <TextInput source="place" sx={{ minWidth: 280 }} />
      <TextInput source="audience" sx={{ minWidth: 280 }} />
    </Box>
    <ForChildrenInput />
    <Section title="activities.sections.window" />
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <DateTimeInput source="opensAt" {...dateTimeInput} helperText="activities.windowHelp" />
      <DateTimeInput source="closesAt" {...dateTimeInput} />
    </Box>
    <Section title="activities.sections.questions" />
    <Questions />
  </>
)

// Blank options lines are dropped; the server assigns keys to new questions.
const transform = (data: Record<string, unknown>) => ({
  ...data,
  slug: (data.slug as string | undefined)?.trim() || null,
  questions: ((data.questions as Question[] | undefined) ?? []).map((q) => ({
    ...q,
    options: q.options ? q.options.map((o) => o.trim()).filter(Boolean) : undefined,
  })),
})

export const ActivityCreate = () => (
  <Create redirect="show" transform={transform}>
    <SimpleForm defaultValues={{ kind: 'event', status: 'draft', questions: [] }}>
      <Fields create />
    </SimpleForm>
  </Create>
)

export const ActivityEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={transform}>
    <SimpleForm>
      <Fields />
    </SimpleForm>
  </Edit>
)
