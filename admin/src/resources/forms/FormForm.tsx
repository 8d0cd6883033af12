import { useState } from 'react'
import { Box, Typography } from '@mui/material'
import {
  ArrayInput,
  BooleanInput,
  Create,
  DateInput,
  DateTimeInput,
  Edit,
  FormDataConsumer,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  minValue,
  required,
  useTranslate,
} from 'react-admin'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'
import { useMe } from '../../lib/useMe'
import { FORM_STATUSES } from '@domain/vocabulary'
import { FIELD_TYPES, isChoice, type FormField, type FormRecord } from './types'
import { dateTimeInput } from '../../lib/dateInput'

// Create and edit a form: basics, opening and limits, and the field builder (one row per
// question; the inputs shown depend on the type). Saving questions of a form that has responses
// makes a new version on the server; older responses keep theirs.

const statusChoices = FORM_STATUSES.map((id) => ({ id, name: `forms.status.${id}` }))
const typeChoices = FIELD_TYPES.map((id) => ({ id, name: `forms.type.${id}` }))

/** A key for a new question, so later questions can point a condition at it before saving. */
const newKey = () => `q${Math.random().toString(36).slice(2, 7)}`

const KeyInput = () => {
  const [key] = useState(newKey)
  return (
    <TextInput
      source="key"
      label="forms.field.key"
      helperText="forms.field.keyHelp"
      defaultValue={key}
      validate={required()}
      sx={{ width: 170 }}
    />
  )
}

const lines = {
  format: (v: unknown) => (Array.isArray(v) ? v.join('\n') : ((v as string) ?? '')),
  parse: (text: string) => text.split('\n'),
}

/** Inputs that only some types have. */
const TypeSpecific = ({ field }: { field: Partial<FormField> }) => {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return (
        <NumberInput source="maxLength" label="forms.field.maxLength" min={1} sx={{ width: 170 }} />
      )
    case 'number':
      return (
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <NumberInput source="min" label="forms.field.min" sx={{ width: 140 }} />
          <NumberInput source="max" label="forms.field.max" sx={{ width: 140 }} />
          <BooleanInput source="integer" label="forms.field.integer" />
        </Box>
      )
    case 'date':
      return (
        <Box sx={{ display: 'flex', gap: 2 }}>
          <DateInput source="min" label="forms.field.minDate" />
          <DateInput source="max" label="forms.field.maxDate" />
        </Box>
      )
    case 'rating':
      return (
        <NumberInput
          source="scale"
          label="forms.field.scale"
          min={2}
          max={10}
          defaultValue={5}
          sx={{ width: 140 }}
        />
      )
    case 'single':
    case 'multiple':
      return (
        <Box>
          <TextInput
            source="options"
            label="forms.field.options"
            multiline
            minRows={3}
            fullWidth
            validate={required()}
            {...lines}
          />
          {field.type === 'multiple' && (
            <Box sx={{ display: 'flex', gap: 2 }}>
              <NumberInput
                source="minPicks"
                label="forms.field.minPicks"
                min={0}
                sx={{ width: 140 }}
              />
              <NumberInput
                source="maxPicks"
                label="forms.field.maxPicks"
                min={0}
                sx={{ width: 140 }}
              />
            </Box>
          )}
        </Box>
      )
    default:
      return null
  }
}

/** "Show only when an earlier choice question has this answer": a question, then one of its options. */
const ConditionInputs = ({
  field,
  all,
}: {
  field: Partial<FormField>
  all: Partial<FormField>[]
}) => {
  const index = all.findIndex((f) => f.key === field.key)
  const earlier = all.slice(0, Math.max(0, index)).filter((f) => f.key && isChoice(f as FormField))
  if (!earlier.length) return null
  const target = earlier.find((f) => f.key === field.condition?.field)
  const options = (target?.options ?? []).map((o) => o?.trim()).filter(Boolean)
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <SelectInput
        source="condition.field"
        label="forms.field.conditionField"
        choices={earlier.map((f) => ({ id: f.key!, name: f.label || f.key! }))}
        emptyText="forms.field.noCondition"
        sx={{ minWidth: 220 }}
      />
      {target && (
        <SelectInput
          source="condition.value"
          label="forms.field.conditionValue"
          choices={options.map((o) => ({ id: o, name: o }))}
          validate={required()}
          sx={{ minWidth: 180 }}
        />
      )}
    </Box>
  )
}

const QuestionBuilder = () => {
  const translate = useTranslate()
  return (
    <>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('forms.sections.questions')}
      </Typography>
      <ArrayInput source="fields" label={false}>
        <SimpleFormIterator
          fullWidth
          getItemLabel={(i) => `${i + 1}.`}
          sx={{ '& .RaSimpleFormIterator-line': { py: 1 } }}
        >
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <SelectInput
              source="type"
              label="forms.field.type"
              choices={typeChoices}
              validate={required()}
              defaultValue="text"
              sx={{ minWidth: 180 }}
            />
            <KeyInput />
            <BooleanInput source="required" label="forms.field.required" />
          </Box>
          <TextInput source="label" label="forms.field.label" validate={required()} fullWidth />
          <TextInput source="help" label="forms.field.help" fullWidth />
          <FormDataConsumer<{ fields?: Partial<FormField>[] }>>
            {({ formData, scopedFormData }) =>
              scopedFormData ? (
                <>
                  <TypeSpecific field={scopedFormData as Partial<FormField>} />
                  <ConditionInputs
                    field={scopedFormData as Partial<FormField>}
                    all={formData.fields ?? []}
                  />
                </>
              ) : null
            }
          </FormDataConsumer>
        </SimpleFormIterator>
      </ArrayInput>
    </>
  )
}

const Basics = () => {
  const translate = useTranslate()
  return (
    <>
      <Typography variant="h6">{translate('forms.sections.basics')}</Typography>
      <TextInput source="title" validate={required()} fullWidth />
      <TextInput
        source="description"
        multiline
        minRows={2}
        fullWidth
        helperText="forms.descriptionHelp"
      />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <ReferenceInput
          source="neighborhoodId"
          reference="neighborhoods"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <SelectInput optionText="name" emptyText="forms.town" sx={{ minWidth: 220 }} />
        </ReferenceInput>
        <TextInput source="slug" helperText="forms.slugHelp" sx={{ minWidth: 260 }} />
        <SelectInput
          source="status"
          choices={statusChoices}
          validate={required()}
          sx={{ minWidth: 140 }}
        />
      </Box>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('forms.sections.schedule')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <DateTimeInput source="opensAt" {...dateTimeInput} />
        <DateTimeInput source="closesAt" {...dateTimeInput} />
        <NumberInput source="maxResponses" min={1} validate={minValue(1)} sx={{ width: 160 }} />
        <BooleanInput source="onePerPhone" helperText="forms.onePerPhoneHelp" />
      </Box>
    </>
  )
}

const clean = (f: Partial<FormField>): Partial<FormField> => ({
  ...f,
  options: Array.isArray(f.options) ? f.options.map((o) => o.trim()).filter(Boolean) : f.options,
  condition: f.condition?.field ? f.condition : null,
  help: f.help || null,
})

/** What the API takes: the editable settings and the cleaned questions. */
const toApi = (r: Partial<FormRecord>) => ({
  title: r.title,
  description: r.description ?? '',
  slug: r.slug || null,
  neighborhoodId: r.neighborhoodId ?? null,
  status: r.status,
  opensAt: r.opensAt ?? null,
  closesAt: r.closesAt ?? null,
  maxResponses: r.maxResponses || null,
  onePerPhone: !!r.onePerPhone,
  fields: (r.fields ?? []).map(clean),
})

export const FormCreate = () => {
  const { me } = useMe()
  const only = me?.neighborhoodIds?.length === 1 ? me.neighborhoodIds[0] : undefined
  return (
    <Create redirect="show" transform={toApi}>
      <SimpleForm
        defaultValues={{
          neighborhoodId: only ?? null,
          status: 'draft',
          onePerPhone: false,
          fields: [],
        }}
      >
        <Basics />
        <QuestionBuilder />
      </SimpleForm>
    </Create>
  )
}

export const FormEdit = () => {
  const translate = useTranslate()
  return (
    <Edit mutationMode="pessimistic" redirect="show" transform={toApi}>
      <SimpleForm toolbar={<SaveDeleteToolbar />}>
        <Basics />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {translate('forms.versionsNote')}
        </Typography>
        <QuestionBuilder />
      </SimpleForm>
    </Edit>
  )
}
