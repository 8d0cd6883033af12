import { useEffect, useRef } from 'react'
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Paper,
  Radio,
  TextField as MuiTextField,
  Typography,
} from '@mui/material'
import AddIcon from '@mui/icons-material/Add'
import ExpandMoreIcon from '@mui/icons-material/ExpandMore'
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
  useInput,
  useSimpleFormIterator,
  useTranslate,
} from 'react-admin'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'
import { useMe } from '../../lib/useMe'
import { FORM_STATUSES } from '@domain/vocabulary'
import { slugFromTitle } from '@domain/forms/codes'
import { FIELD_TYPES, isChoice, type FormField, type FormRecord } from './types'
import { keyFromLabel, lacksConsent, picksProblem } from './builder'
import { dateTimeInput } from '../../lib/dateInput'
import { ForChildrenInput, SensitiveInput } from '../../privacy/PrivacyInputs'

// Create and edit a form: basics, opening and limits, and the field builder (one row per
// question; the inputs shown depend on the type). Saving questions of a form that has responses
// makes a new version on the server; older responses keep theirs.

const statusChoices = FORM_STATUSES.map((id) => ({ id, name: `forms.status.${id}` }))
const typeChoices = FIELD_TYPES.map((id) => ({ id, name: `forms.type.${id}` }))

/**
 * A question's key, out of sight under 高级: a new question's key follows its label (so later
 * questions can point a condition at it before saving) until staff type one; a saved question
 * keeps its key, which names its export column across versions.
 */
const KeyInput = ({ label, taken }: { label: string; taken: string[] }) => {
  const { field } = useInput({ source: 'key' })
  const auto = useRef(!field.value)
  const wanted = keyFromLabel(label, taken)
  const { onChange } = field
  useEffect(() => {
    if (auto.current) onChange(wanted)
  }, [wanted, onChange])
  const translate = useTranslate()
  return (
    <Accordion disableGutters elevation={0} sx={{ '&:before': { display: 'none' } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} sx={{ px: 0, minHeight: 0 }}>
        <Typography variant="body2" color="text.secondary">
          {translate('forms.advanced')}
        </Typography>
      </AccordionSummary>
      <AccordionDetails sx={{ px: 0 }}>
        <TextInput
          source="key"
          label="forms.field.key"
          helperText="forms.field.keyHelp"
          validate={required()}
          onChange={() => {
            auto.current = false
          }}
          sx={{ width: 220 }}
        />
      </AccordionDetails>
    </Accordion>
  )
}

/** The labelled button that adds a question at the end. */
const AddQuestionButton = () => {
  const { add } = useSimpleFormIterator()
  const translate = useTranslate()
  return (
    <Button variant="outlined" startIcon={<AddIcon />} onClick={() => add()} sx={{ mt: 1 }}>
      {translate('forms.addQuestion')}
    </Button>
  )
}

/** Pick limits as the server checks them, said next to the input at fault. */
const validatePicks = (_: unknown, all: { fields?: Partial<FormField>[] }, props: unknown) => {
  const source = (props as { source?: string })?.source ?? ''
  const index = Number(source.split('.')[1])
  const field = all.fields?.[index]
  const problem = field ? picksProblem(field) : null
  if (!problem) return undefined
  const at = problem === 'tooManyMin' ? 'minPicks' : 'maxPicks'
  return source.endsWith(at) ? `forms.picks.${problem}` : undefined
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
                validate={validatePicks}
                sx={{ width: 140 }}
              />
              <NumberInput
                source="maxPicks"
                label="forms.field.maxPicks"
                min={0}
                validate={validatePicks}
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
          addButton={<AddQuestionButton />}
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
            <BooleanInput source="required" label="forms.field.required" />
            <SensitiveInput />
          </Box>
          <TextInput source="label" label="forms.field.label" validate={required()} fullWidth />
          <TextInput source="help" label="forms.field.help" fullWidth />
          <FormDataConsumer<{ fields?: Partial<FormField>[] }>>
            {({ formData, scopedFormData }) =>
              scopedFormData ? (
                <>
                  <KeyInput
                    label={(scopedFormData as Partial<FormField>).label ?? ''}
                    taken={(formData.fields ?? []).flatMap((f) =>
                      f && f !== scopedFormData && f.key ? [f.key] : [],
                    )}
                  />
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
      <FormDataConsumer<Partial<FormRecord>>>
        {({ formData }) => (
          <>
            <ConsentNeeded fields={formData.fields ?? []} status={formData.status} />
            <Preview
              title={formData.title}
              description={formData.description}
              fields={formData.fields}
            />
          </>
        )}
      </FormDataConsumer>
    </>
  )
}

/** Said in the builder before the server refuses it: a phone question needs a consent question. */
const ConsentNeeded = ({ fields, status }: { fields: Partial<FormField>[]; status?: string }) => {
  const translate = useTranslate()
  if (!lacksConsent(fields)) return null
  return (
    <Alert severity={status === 'draft' ? 'info' : 'warning'} sx={{ mt: 2 }}>
      {translate('forms.consentNeeded')}
    </Alert>
  )
}

/** What residents will see, as staff type: the title, the text and each question. */
const Preview = ({ title, description, fields }: Partial<FormRecord>) => {
  const translate = useTranslate()
  return (
    <Box component="section" aria-labelledby="form-preview" sx={{ mt: 3, maxWidth: 480 }}>
      <Typography variant="h6" id="form-preview">
        {translate('forms.previewTitle')}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }} data-testid="form-preview">
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
          {title || translate('forms.previewNoTitle')}
        </Typography>
        {description && (
          <Typography variant="body2" sx={{ whiteSpace: 'pre-line', mb: 1 }}>
            {description}
          </Typography>
        )}
        {(fields ?? []).filter(Boolean).map((f, i) => (
          <PreviewQuestion key={f.key ?? i} field={f} n={i + 1} />
        ))}
      </Paper>
    </Box>
  )
}

const PreviewQuestion = ({ field: f, n }: { field: Partial<FormField>; n: number }) => {
  const translate = useTranslate()
  const options = (f.options ?? []).filter((o) => o?.trim())
  const label = `${n}. ${f.label || translate('forms.previewNoLabel')}${f.required ? ' *' : ''}`
  return (
    <Box sx={{ mt: 1.5 }}>
      {f.type === 'consent' ? (
        <FormControlLabel control={<Checkbox disabled size="small" />} label={label} />
      ) : (
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {label}
        </Typography>
      )}
      {f.help && (
        <Typography variant="caption" color="text.secondary" component="p">
          {f.help}
        </Typography>
      )}
      {f.type === 'single' || f.type === 'multiple'
        ? options.map((o) => (
            <FormControlLabel
              key={o}
              sx={{ display: 'flex' }}
              control={
                f.type === 'single' ? (
                  <Radio disabled size="small" />
                ) : (
                  <Checkbox disabled size="small" />
                )
              }
              label={o}
            />
          ))
        : f.type !== 'consent' &&
          f.type !== 'hidden' && (
            <MuiTextField
              disabled
              size="small"
              fullWidth
              placeholder={translate(`forms.type.${f.type ?? 'text'}`)}
              slotProps={{ htmlInput: { 'aria-label': label } }}
            />
          )}
    </Box>
  )
}

/** On a new form, the address follows the title (readably) until staff type one. */
const SlugFromTitle = ({ title }: { title?: string }) => {
  const { field } = useInput({ source: 'slug' })
  const last = useRef<string | null>(null)
  const { onChange, value } = field
  useEffect(() => {
    // Staff typed their own: leave it.
    if (last.current !== null && value !== last.current) return
    if (!title?.trim()) return
    const wanted = slugFromTitle(title)
    last.current = wanted
    if (value !== wanted) onChange(wanted)
  }, [title, value, onChange])
  return null
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
        <TextInput source="slug" helperText="forms.slugHelp" sx={{ minWidth: 300 }} />
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
      <ForChildrenInput />
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
  forChildren: !!r.forChildren,
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
          forChildren: false,
          fields: [],
        }}
      >
        <Basics />
        <FormDataConsumer<Partial<FormRecord>>>
          {({ formData }) => <SlugFromTitle title={formData.title} />}
        </FormDataConsumer>
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
