import {
  BooleanInput,
  Create,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  required,
  useTranslate,
} from 'react-admin'
import { isContactPhone, normalizePhone } from '@domain/masking'
import type { ChannelKind } from '@domain/vocabulary'
import { useMe } from '../../lib/useMe'

// The ways staff hear of a topic that they type in for a resident (the server also takes 'staff').
const ENTERED_KINDS: ChannelKind[] = ['phone', 'visit', 'box']
const kindChoices = ENTERED_KINDS.map((id) => ({ id, name: `app.channelKind.${id}` }))

type Values = {
  submitterName?: string
  submitterPhone?: string
  consent?: boolean
}

/** Name or phone may only be kept with the resident's consent (the server checks it too). */
/** A phone staff may leave for a caller: a mobile, or a landline with its area code. */
const contactPhone = (value: unknown) =>
  typeof value === 'string' && value.trim() && !isContactPhone(normalizePhone(value))
    ? 'topics.create.phoneInvalid'
    : undefined

const validateConsent = (values: Values) =>
  (values.submitterName?.trim() || values.submitterPhone?.trim()) && !values.consent
    ? { consent: 'topics.create.consentRequired' }
    : {}

const ConsentInput = () => (
  <FormDataConsumer<Values>>
    {({ formData }) => (
      <BooleanInput
        source="consent"
        helperText={
          formData.submitterName || formData.submitterPhone
            ? 'topics.create.consentRequired'
            : false
        }
      />
    )}
  </FormDataConsumer>
)

/** Staff enter a topic on a resident's behalf: phone call, home visit, suggestion box. */
const TopicCreate = () => {
  const { onlyNeighborhood } = useMe()
  const translate = useTranslate()
  return (
    <Create redirect="show" title={translate('topics.create.title')} transform={clean}>
      <SimpleForm
        validate={validateConsent}
        defaultValues={{ channelKind: 'phone', neighborhoodId: onlyNeighborhood, consent: false }}
      >
        <ReferenceInput
          source="neighborhoodId"
          reference="neighborhoods"
          sort={{ field: 'name', order: 'ASC' }}
          perPage={500}
        >
          <SelectInput optionText="name" validate={required()} />
        </ReferenceInput>
        <RadioButtonGroupInput source="channelKind" choices={kindChoices} validate={required()} />
        <TextInput source="title" validate={[required(), maxLength(200)]} fullWidth />
        <TextInput
          source="description"
          multiline
          minRows={3}
          fullWidth
          validate={maxLength(5000)}
        />
        <TextInput source="location" fullWidth validate={maxLength(200)} />
        <ReferenceInput
          source="categoryId"
          reference="categories"
          sort={{ field: 'sortOrder', order: 'ASC' }}
          perPage={200}
        >
          <SelectInput optionText="name" emptyText="app.common.none" />
        </ReferenceInput>
        <TextInput source="submitterName" validate={maxLength(50)} />
        <TextInput
          source="submitterPhone"
          validate={contactPhone}
          slotProps={{ htmlInput: { inputMode: 'tel', maxLength: 20 } }}
        />
        <ConsentInput />
      </SimpleForm>
    </Create>
  )
}

/** Drops empty optional fields so the server sees only what staff filled in. */
const clean = (data: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(data).filter(([, v]) => v !== '' && v !== null && v !== undefined),
  )

export default TopicCreate
